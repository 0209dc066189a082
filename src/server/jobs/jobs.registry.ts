import type { z } from "zod";
import type { Db } from "../db/db.js";

/**
 * The logger a job gets: pino's `(fields, message)` shape, so a pino or Fastify logger fits as is,
 * and a test can pass three no-op functions.
 */
export interface JobLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** What a handler may use. Handlers that write open their own transaction on `db`. */
export interface JobContext {
  db: Db;
  jobId: number;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
  log: JobLogger;
  /** The batch's logical time (the `now` the runner was given), so that tests control time. */
  now(): Date;
}

/**
 * A job kind: a unique name, a payload schema and a handler. A handler must be idempotent: after a
 * crash (expired lease) or a failure it runs again with the same payload.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  /**
   * Checked at enqueue time against the payload's JSON form, and parsed again before each run; the
   * handler receives the parsed output. Use JSON-friendly types (`z.iso.datetime()`, not `z.date()`).
   */
  payload: S;
  // Method syntax on purpose: it lets a JobDefinition<ZodObject<…>> be stored as a JobDefinition.
  handler(payload: z.output<S>, ctx: JobContext): Promise<void>;
  /** Runs before the job is dead; default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Delay in ms before the next attempt after attempt `attempt` failed; default {@link defaultBackoff}. */
  backoff?: (attempt: number) => number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 60 * 60 * 1_000;

/** 2^attempt seconds (2 s, 4 s, 8 s …), capped at one hour. */
export function defaultBackoff(attempt: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
}

/**
 * Declares a job with its payload type inferred from the schema.
 * @throws Error when `maxAttempts` is not a positive integer (the column requires >= 1).
 */
export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  if (def.maxAttempts !== undefined && (!Number.isInteger(def.maxAttempts) || def.maxAttempts < 1)) {
    throw new Error(`job ${def.name}: maxAttempts must be a positive integer`);
  }
  return def;
}

/** The explicit list of jobs a process can run: nothing is discovered or auto-loaded. */
export class JobRegistry {
  readonly #jobs = new Map<string, JobDefinition>();

  /**
   * Adds definitions; chainable.
   * @throws Error when a name is already registered (two handlers for one name is a programming error).
   */
  register(...defs: JobDefinition[]): this {
    for (const def of defs) {
      if (this.#jobs.has(def.name)) throw new Error(`job ${def.name} is already registered`);
      this.#jobs.set(def.name, def);
    }
    return this;
  }

  /** The definition for `name`, or undefined when this process does not know the job. */
  get(name: string): JobDefinition | undefined {
    return this.#jobs.get(name);
  }

  has(name: string): boolean {
    return this.#jobs.has(name);
  }

  names(): string[] {
    return [...this.#jobs.keys()];
  }
}

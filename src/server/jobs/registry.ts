import type { z } from "zod";
import type { Db } from "../db/db.js";

export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobContext {
  db: Db;
  jobId: number;
  attempt: number;
  log: JobLog;
  now(): Date;
}

/** A job: a name, a payload schema and an idempotent handler (it may run again after a crash). */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  handler: (payload: z.infer<S>, ctx: JobContext) => Promise<void>;
  maxAttempts?: number;
  /** Delay before attempt n+1 after attempt n failed; default 2^n s, capped at 1 h. */
  backoffMs?: (attempt: number) => number;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export function defaultBackoffMs(attempt: number): number {
  return Math.min(3_600_000, 1000 * 2 ** attempt);
}

/** The explicit list of jobs a worker runs (no autoload). */
export class JobRegistry {
  readonly #jobs = new Map<string, JobDefinition>();

  register(...defs: JobDefinition[]): this {
    for (const def of defs) {
      if (this.#jobs.has(def.name)) throw new Error(`job ${def.name} is registered twice`);
      this.#jobs.set(def.name, def);
    }
    return this;
  }

  get(name: string): JobDefinition | undefined {
    return this.#jobs.get(name);
  }

  names(): string[] {
    return [...this.#jobs.keys()];
  }
}

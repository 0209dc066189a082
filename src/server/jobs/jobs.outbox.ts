import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../db/tables.js";
import { DEFAULT_MAX_ATTEMPTS } from "./jobs.registry.js";
import { insertJob } from "./jobs.queries.js";

/**
 * Enqueues a job by name with its payload schema but without the registry, for a module that must
 * not import the module that handles it (cases → credentials: DESIGN.md's dependency direction).
 * Meant for the writer's transaction; the worker checks the payload again against the registered
 * definition.
 * @throws ZodError for a payload the schema refuses (a programming error).
 */
export async function enqueueFollowUp<S extends z.ZodType>(
  trx: Kysely<Database>,
  job: { name: string; payload: S },
  payload: z.input<S>,
  options: { idempotencyKey: string; runAt: Date },
): Promise<void> {
  const parsed = job.payload.parse(payload);
  await insertJob(trx, {
    name: job.name,
    payload: JSON.stringify(parsed),
    idempotencyKey: options.idempotencyKey,
    runAt: options.runAt,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
  });
}

import type { Kysely } from "kysely";
import { AppError } from "../../../shared/errors.js";
import type { Database } from "../../db/tables.js";
import { pingDatabase } from "./health.queries.js";

/**
 * Readiness: the process answers and its database does.
 * @throws AppError UNAVAILABLE when the database does not answer.
 */
export async function checkHealth(
  db: Kysely<Database>,
  log: { error(obj: object, msg: string): void },
): Promise<void> {
  try {
    await pingDatabase(db);
  } catch (err) {
    log.error({ err }, "health check: database unreachable");
    throw new AppError("UNAVAILABLE", "error.unavailable");
  }
}

import type { Kysely } from "kysely";
import { prepareAudits, type AuditInput } from "../../audit/audit.service.js";
import { MicroBatcher } from "../../db/micro-batch.js";
import type { CaseRow, Database } from "../../db/tables.js";
import { enqueueCaseSubmitted } from "./case-follow-ups.js";
import { insertSubmittedCases, type SubmittedCaseRows } from "./cases.queries.js";

/** A checked application, ready to be written: its rows, its audit record, its 秒批 follow-up. */
export interface PreparedIntake {
  rows: SubmittedCaseRows;
  audit: AuditInput;
  /** When set, the instant decision (秒批) is enqueued in the same transaction, to run at this time. */
  instantAt: Date | null;
}

/**
 * Group commit of applications (SPEC §15 intake throughput). Applications that arrive while
 * MAX_IN_FLIGHT writes are running are written together in the next one: one transaction, one
 * audit-chain lock, one statement for all their cases, materials, events and audit records, one
 * commit. Each application still commits with all its rows or none, and is answered only after its
 * commit; a lone application is written at once. If a batch fails (an idempotency key another
 * request has just used, say), its applications are written again one by one, so that only the
 * one at fault fails.
 */
const MAX_BATCH = 32;
const MAX_IN_FLIGHT = 4;

const writers = new WeakMap<Kysely<Database>, MicroBatcher<PreparedIntake, CaseRow>>();

function writerFor(db: Kysely<Database>): MicroBatcher<PreparedIntake, CaseRow> {
  let writer = writers.get(db);
  if (writer === undefined) {
    writer = new MicroBatcher({
      run: (items) => writeBatch(db, items),
      maxBatch: MAX_BATCH,
      maxInFlight: MAX_IN_FLIGHT,
    });
    writers.set(db, writer);
  }
  return writer;
}

/** Writes one application (with whichever others are waiting); resolves to its case as stored. */
export function writeSubmittedCase(db: Kysely<Database>, intake: PreparedIntake): Promise<CaseRow> {
  return writerFor(db).submit(intake);
}

/** Batches written so far on this database (count, applications, largest), for tests and benches. */
export function intakeBatchStats(db: Kysely<Database>) {
  return { ...writerFor(db).stats };
}

async function writeBatch(db: Kysely<Database>, items: PreparedIntake[]): Promise<(CaseRow | Error)[]> {
  try {
    return await writeTogether(db, items);
  } catch (err) {
    if (items.length === 1) return [asError(err)];
    return Promise.all(
      items.map((item) =>
        writeTogether(db, [item]).then(
          (rows) => rows[0] ?? new Error("no case returned"),
          (e: unknown) => asError(e),
        ),
      ),
    );
  }
}

function writeTogether(db: Kysely<Database>, items: PreparedIntake[]): Promise<CaseRow[]> {
  return db.transaction().execute(async (trx) => {
    const audits = await prepareAudits(
      trx,
      items.map((i) => i.audit),
    );
    const rows = await insertSubmittedCases(
      trx,
      items.map((i) => i.rows),
      audits,
    );
    for (const item of items)
      if (item.instantAt !== null) await enqueueCaseSubmitted(trx, String(item.rows.case.id), item.instantAt);
    return rows;
  });
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

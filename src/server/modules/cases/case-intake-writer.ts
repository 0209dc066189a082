import type { Kysely } from "kysely";
import { readChainHead, reserveAuditSeqs } from "../../audit/audit.queries.js";
import { AUDIT_CHAINS, linkAuditEvents, prepareAudits, type AuditInput } from "../../audit/audit.service.js";
import { MicroBatcher } from "../../db/micro-batch.js";
import type { CaseRow, Database } from "../../db/tables.js";
import { enqueueCaseSubmitted } from "./case-follow-ups.js";
import { appendSubmittedCasesIfHead, insertSubmittedCases, type SubmittedCaseRows } from "./cases.queries.js";

/** A checked application, ready to be written: its rows, its audit record, its 秒批 follow-up. */
export interface PreparedIntake {
  rows: SubmittedCaseRows;
  audit: AuditInput;
  /** When set, the instant decision (秒批) is enqueued in the same transaction, to run at this time. */
  instantAt: Date | null;
}

/**
 * Group commit of applications (SPEC §15 intake throughput).
 *
 * Applications that arrive while MAX_IN_FLIGHT writes are running are written together in the
 * next one, as ONE statement outside any explicit transaction (one round trip, one commit): their
 * cases, materials, first events and audit records, appended to an audit chain this process keeps
 * the head of in memory. The statement first moves that chain's head, on the condition that it is
 * still the one known here, and inserts the rows only if it moved them (guardedAuditAppend): if
 * another writer (another instance, or a transaction of this one) appended to the chain meanwhile,
 * nothing is written, the head is read again and the batch retried, on another chain.
 *
 * Each application still commits with all its rows or none and is answered only after the commit;
 * a lone application is written at once. If a batch fails (an idempotency key another request has
 * just used, say), its applications are written again one by one, each in its own transaction,
 * so that only the one at fault fails. Applications with a 秒批 follow-up to enqueue, or with more
 * than ALONE_BYTES of uploads, are written alone in a transaction.
 */
const MAX_BATCH = 32;
const MAX_IN_FLIGHT = 4;
const ALONE_BYTES = 1 << 20;
/** The batch writer's chains are taken among these; `lockChainHead` takes the lowest free chain first. */
const WRITER_CHAINS_FROM = AUDIT_CHAINS / 2;
const ATTEMPTS = 3;

interface Head {
  chain: number;
  seq: number;
  hash: string;
}

class WriterState {
  /** Chains not in use by a running batch, with their heads when known. */
  private readonly idle: { chain: number; head: Head | undefined }[] = [];
  private readonly owned = new Set<number>();
  private seqs: number[] = [];
  private seqBlock = 8;
  private seqReservedAt = 0;
  readonly stats = { batches: 0, items: 0, largest: 0, retries: 0 };

  constructor(private readonly db: Kysely<Database>) {
    for (let i = 0; i < MAX_IN_FLIGHT; i++) this.idle.push({ chain: this.freshChain(), head: undefined });
  }

  /** A writer chain this process does not use yet, at random (instances pick different ones). */
  private freshChain(): number {
    const candidates: number[] = [];
    for (let c = WRITER_CHAINS_FROM; c < AUDIT_CHAINS; c++) if (!this.owned.has(c)) candidates.push(c);
    const chain = candidates[Math.floor(Math.random() * candidates.length)] ?? WRITER_CHAINS_FROM;
    this.owned.add(chain);
    return chain;
  }

  take() {
    const slot = this.idle.pop();
    if (slot === undefined) throw new Error("more intake batches running than chains");
    return slot;
  }

  give(slot: { chain: number; head: Head | undefined }) {
    this.idle.push(slot);
  }

  /** After a conflict: leave the chain to whoever else writes to it, take another. */
  switchChain(slot: { chain: number; head: Head | undefined }) {
    const old = slot.chain;
    slot.chain = this.freshChain();
    this.owned.delete(old);
    slot.head = undefined;
    this.stats.retries++;
  }

  /**
   * `count` global audit seqs from blocks reserved ahead (a block used up within a second doubles
   * the next, up to 256); numbers a restart leaves unused are gaps, never duplicates.
   */
  async takeSeqs(count: number): Promise<number[]> {
    if (this.seqs.length < count) {
      const now = Date.now();
      this.seqBlock = now - this.seqReservedAt < 1000 ? Math.min(this.seqBlock * 2, 256) : 8;
      this.seqReservedAt = now;
      this.seqs.push(...(await reserveAuditSeqs(this.db, Math.max(count - this.seqs.length, this.seqBlock))));
    }
    return this.seqs.splice(0, count);
  }
}

const writers = new WeakMap<
  Kysely<Database>,
  { batcher: MicroBatcher<PreparedIntake, CaseRow>; state: WriterState }
>();

function writerFor(db: Kysely<Database>) {
  let writer = writers.get(db);
  if (writer === undefined) {
    const state = new WriterState(db);
    writer = {
      state,
      batcher: new MicroBatcher({
        run: (items) => writeBatch(db, state, items),
        maxBatch: MAX_BATCH,
        maxInFlight: MAX_IN_FLIGHT,
      }),
    };
    writers.set(db, writer);
  }
  return writer;
}

/** Writes one application (with whichever others are waiting); resolves to its case as stored. */
export async function writeSubmittedCase(db: Kysely<Database>, intake: PreparedIntake): Promise<CaseRow> {
  const bytes = intake.rows.materials.reduce((n, m) => n + (m.data?.length ?? 0), 0);
  if (intake.instantAt !== null || bytes > ALONE_BYTES) {
    const [row] = await writeInTransaction(db, [intake]);
    if (row === undefined) throw new Error("no case returned");
    return row;
  }
  return writerFor(db).batcher.submit(intake);
}

/** Batches written so far on this database, for tests and benches. */
export function intakeBatchStats(db: Kysely<Database>) {
  const { batcher, state } = writerFor(db);
  return { ...batcher.stats, retries: state.stats.retries };
}

async function writeBatch(
  db: Kysely<Database>,
  state: WriterState,
  items: PreparedIntake[],
): Promise<(CaseRow | Error)[]> {
  try {
    return await appendBatch(db, state, items);
  } catch {
    return Promise.all(
      items.map((item) =>
        writeInTransaction(db, [item]).then(
          (rows) => rows[0] ?? new Error("no case returned"),
          (e: unknown) => asError(e),
        ),
      ),
    );
  }
}

/** The batch as one guarded statement on one of this writer's chains (see above). */
async function appendBatch(
  db: Kysely<Database>,
  state: WriterState,
  items: PreparedIntake[],
): Promise<CaseRow[]> {
  const slot = state.take();
  try {
    for (let attempt = 1; ; attempt++) {
      const head = slot.head ?? (await readChainHead(db, slot.chain));
      slot.head = undefined;
      const seqs = await state.takeSeqs(items.length);
      const audits = linkAuditEvents(
        head,
        seqs,
        items.map((i) => i.audit),
      );
      const rows = await appendSubmittedCasesIfHead(
        db,
        head,
        items.map((i) => i.rows),
        audits,
      );
      if (rows.length > 0) {
        const last = audits[audits.length - 1] as (typeof audits)[number];
        slot.head = { chain: head.chain, seq: last.chain_seq ?? last.seq, hash: last.hash };
        return rows;
      }
      // Another writer moved the chain's head: nothing was written.
      state.switchChain(slot);
      if (attempt >= ATTEMPTS) throw new Error("audit chains contended: batch written one by one");
    }
  } finally {
    state.give(slot);
  }
}

/** Applications in one transaction, the audit records in a chain it locks (SKIP LOCKED). */
function writeInTransaction(db: Kysely<Database>, items: PreparedIntake[]): Promise<CaseRow[]> {
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

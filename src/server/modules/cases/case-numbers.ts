import type { Kysely } from "kysely";
import type { Database } from "../../db/tables.js";
import { reserveCaseSequences } from "./cases.queries.js";

/**
 * Case-number sequences handed out from blocks reserved in the database (`reserveCaseSequences`):
 * unique across instances (each block is reserved once), in the SPEC format, without a lock held
 * until the application commits. A region and day starts with blocks of one; a block used up
 * within BLOCK_GROWTH_MS doubles the next (up to MAX_BLOCK), a slower one starts again at one, so a
 * busy hall costs a reservation per few dozen applications and a quiet one leaves no gaps.
 * Numbers of a block this process does not use (a restart, a new day) are gaps, never duplicates.
 */
const MAX_BLOCK = 64;
const BLOCK_GROWTH_MS = 1000;

interface Block {
  next: number;
  last: number;
  size: number;
  reservedAt: number;
  /** A reservation in flight, shared by the applications that found the block used up. */
  pending: Promise<void> | undefined;
}

const blocks = new WeakMap<Kysely<Database>, Map<string, Block>>();

export async function takeCaseSequence(
  db: Kysely<Database>,
  regionCode: string,
  day: string,
): Promise<number> {
  let perDb = blocks.get(db);
  if (perDb === undefined) blocks.set(db, (perDb = new Map<string, Block>()));
  const key = `${regionCode}|${day}`;
  let block = perDb.get(key);
  if (block === undefined) {
    // A new day: forget the blocks of other days.
    for (const k of perDb.keys()) if (!k.endsWith(`|${day}`)) perDb.delete(k);
    block = { next: 1, last: 0, size: 0, reservedAt: 0, pending: undefined };
    perDb.set(key, block);
  }
  for (;;) {
    if (block.next <= block.last) return block.next++;
    const b = block;
    b.pending ??= (async () => {
      const now = Date.now();
      const size = b.size > 0 && now - b.reservedAt < BLOCK_GROWTH_MS ? Math.min(b.size * 2, MAX_BLOCK) : 1;
      const last = await reserveCaseSequences(db, regionCode, day, size);
      Object.assign(b, { next: last - size + 1, last, size, reservedAt: now });
    })().finally(() => {
      b.pending = undefined;
    });
    await b.pending;
  }
}

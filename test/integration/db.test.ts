import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/server/db/db.js";
import { migrate, readMigrations } from "../../src/server/db/migrate.js";
import { createTestDatabase } from "../helpers/db.js";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await sql`create table probe (id serial primary key, label text not null unique)`.execute(handle.db);
});
afterAll(async () => {
  await handle.close();
});

describe("migrations", () => {
  it("applied twice change nothing the second time", async () => {
    const before = await handle.db.selectFrom("schema_migrations").selectAll().orderBy("version").execute();
    expect(before.map((m) => m.version)).toEqual(readMigrations().map((m) => m.version));
    const appliedNow = await migrate(handle.db);
    expect(appliedNow).toEqual([]);
    const after = await handle.db.selectFrom("schema_migrations").selectAll().orderBy("version").execute();
    expect(after).toEqual(before);
  });

  it("refuses an applied migration whose file was edited", async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(handle.db, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it("refuses a database newer than the code", async () => {
    await expect(migrate(handle.db, [])).rejects.toThrow(/does not know/);
  });
});

describe("transactions", () => {
  it("roll back every write when the callback throws", async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("probe" as never)
          .values({ label: "rolled-back" })
          .execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const rows = await sql<{
      n: number;
    }>`select count(*)::int as n from probe where label = 'rolled-back'`.execute(handle.db);
    expect(rows.rows[0]?.n).toBe(0);
  });

  it("hold the connection exclusively: a concurrent reader sees only committed data, after commit", async () => {
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const txDone = handle.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("probe" as never)
        .values({ label: "in-flight" })
        .execute();
      events.push("inserted");
      await gate;
      events.push("committing");
    });
    // Let the transaction start, then read from outside it while it is open.
    await new Promise((r) => setTimeout(r, 50));
    const read = sql<{ n: number }>`select count(*)::int as n from probe where label = 'in-flight'`
      .execute(handle.db)
      .then((r) => {
        events.push("read");
        return r.rows[0]?.n;
      });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await txDone;
    const seen = await read;
    if (handle.kind === "pglite") {
      // One connection: the reader waited for the transaction to finish.
      expect(events).toEqual(["inserted", "committing", "read"]);
      expect(seen).toBe(1);
    } else {
      // A pool: the reader ran concurrently under MVCC and did not see the uncommitted row.
      expect(events).toEqual(["inserted", "read", "committing"]);
      expect(seen).toBe(0);
    }
  });

  it("two concurrent transactions never interleave their writes (unique violation rolls back only the loser)", async () => {
    const attempt = (suffix: string) =>
      handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("probe" as never)
          .values({ label: `pair-${suffix}` })
          .execute();
        await trx
          .insertInto("probe" as never)
          .values({ label: "pair-shared" })
          .execute();
      });
    const results = await Promise.allSettled([attempt("a"), attempt("b")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rows = await sql<{
      label: string;
    }>`select label from probe where label like 'pair-%' order by label`.execute(handle.db);
    expect(rows.rows).toHaveLength(2);
  });
});

import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../src/server/db/db.js";
import { migrate } from "../../src/server/db/migrate.js";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or — when
 * DATABASE_URL is set — a new database created on that server and dropped again by `close()`.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === "") {
    const handle = await openDatabase({ kind: "pglite-memory" });
    await migrate(handle.db);
    return handle;
  }
  const base = new URL(url);
  const name = `${base.pathname.slice(1) || "tongban"}_t_${randomBytes(5).toString("hex")}`;
  await adminQuery(url, `create database "${name}"`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: testUrl.toString(), poolMax: 5 });
  await migrate(handle.db);
  return {
    ...handle,
    async close() {
      await handle.close();
      await adminQuery(url, `drop database if exists "${name}" with (force)`);
    },
  };
}

/** A connection string for a database of the test server (for tests that open a second pool). */
export function isPostgresRun(): boolean {
  const url = process.env.DATABASE_URL;
  return url !== undefined && url !== "";
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

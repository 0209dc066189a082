import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Db } from "./db.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations/", import.meta.url));

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Reads `NNNN_name.sql` files in version order; a gap or a duplicate version is an error. */
export function readMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const migrations = files.map((file) => {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (match === null) throw new MigrationError(`migration file name must be NNNN_name.sql: ${file}`);
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    return {
      version: Number(match[1]),
      name: match[2] ?? "",
      sql: text,
      checksum: createHash("sha256").update(text).digest("hex"),
    };
  });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(
        `migrations must be numbered 0001, 0002, … without gaps; found ${m.version} at position ${i + 1}`,
      );
  });
  return migrations;
}

/** Arbitrary constant: the advisory lock that serializes migrators (several instances may start at once). */
const MIGRATION_LOCK_ID = 727_274_001;

/**
 * Applies pending forward-only migrations in one transaction under an advisory lock. An applied
 * migration whose file changed is refused: migrations are never edited, a new one is added.
 * @returns the versions applied now (empty when up to date).
 */
export async function migrate(db: Db, migrations: MigrationFile[] = readMigrations()): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const applied = await trx.selectFrom("schema_migrations").selectAll().orderBy("version").execute();
    const byVersion = new Map(applied.map((row) => [row.version, row]));
    for (const row of applied) {
      const file = migrations.find((m) => m.version === row.version);
      if (file === undefined) {
        throw new MigrationError(
          `database has migration ${row.version} (${row.name}) that this code does not know: is the code older than the database?`,
        );
      }
      if (file.checksum !== row.checksum) {
        throw new MigrationError(
          `migration ${pad(row.version)}_${row.name}.sql was changed after it was applied; add a new migration instead`,
        );
      }
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (byVersion.has(m.version)) continue;
      await sql.raw(m.sql).execute(trx);
      await trx
        .insertInto("schema_migrations")
        .values({ version: m.version, name: m.name, checksum: m.checksum })
        .execute();
      done.push(m.version);
    }
    return done;
  });
}

function pad(n: number): string {
  return String(n).padStart(4, "0");
}

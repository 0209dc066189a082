import path from "node:path";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { acquireDirLock, type DirLock } from "./lockfile.js";
import { PGliteDialect } from "./pglite-dialect.js";
import type { Database } from "./tables.js";

export type Db = Kysely<Database>;
export type DatabaseKind = "postgres" | "pglite";

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** Closes the pool or PGlite and releases the data-folder lock. Idempotent. */
  close(): Promise<void>;
}

export type OpenDatabaseOptions =
  | { kind: "postgres"; url: string; poolMax?: number }
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory" };

const OID_INT8 = 20;
const OID_DATE = 1082;
const OID_NUMERIC = 1700;

/**
 * Both databases return the same JS types: int8 → number (ids and counts stay far below 2^53),
 * date → 'YYYY-MM-DD' string (no time-zone shifts), numeric → string, timestamptz → Date, json → object.
 */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === OID_INT8) return (v: string) => Number(v);
    if (oid === OID_DATE) return (v: string) => v;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- pg's own typings return any here
    const parser: (v: string) => unknown = pg.types.getTypeParser(oid, format ?? "text");
    return parser;
  }) as pg.CustomTypesConfig["getTypeParser"],
};

const pgliteParsers = {
  [pgliteTypes.DATE]: (v: string) => v,
  [pgliteTypes.INT8]: (v: string) => Number(v),
  [OID_NUMERIC]: (v: string) => v,
};

/** Opens the platform database: a pg pool for a real server, or PGlite (folder-locked) embedded. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  switch (options.kind) {
    case "postgres":
      return openPostgres(options.url, options.poolMax ?? 10);
    case "pglite":
      return openPGlite(options.dataDir);
    case "pglite-memory":
      return openPGlite(undefined);
  }
}

function openPostgres(url: string, poolMax: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    types: pgTypes,
    application_name: "tongban",
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind: "postgres",
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

async function openPGlite(dataDir: string | undefined): Promise<DatabaseHandle> {
  let lock: DirLock | undefined;
  if (dataDir !== undefined) lock = acquireDirLock(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir === undefined ? undefined : path.join(dataDir, "pg"), {
      parsers: pgliteParsers,
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  let closed = false;
  return {
    db,
    kind: "pglite",
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

/** Chooses the database from configuration: DATABASE_URL if set, else PGlite in DATA_DIR/pg. */
export function databaseOptionsFromConfig(config: {
  databaseUrl: string | undefined;
  dataDir: string;
}): OpenDatabaseOptions {
  return config.databaseUrl !== undefined
    ? { kind: "postgres", url: config.databaseUrl }
    : { kind: "pglite", dataDir: config.dataDir };
}

/**
 * Runs `fn` in a transaction: a new one, or the caller's when `db` already is a transaction, so
 * that services compose (e.g. a workbook import creates many drafts atomically).
 */
export async function inTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

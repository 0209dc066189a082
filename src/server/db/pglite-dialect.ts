import type { PGlite } from "@electric-sql/pglite";
import { Mutex, withTimeout, E_TIMEOUT, type MutexInterface } from "async-mutex";
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";

/**
 * Kysely over PGlite: PGlite has exactly one connection, so the driver hands it out under a mutex.
 * A plain query holds it for one statement; a transaction holds it from BEGIN to COMMIT/ROLLBACK,
 * so no other statement can interleave with an open transaction.
 */
export interface PGliteDialectConfig {
  pglite: PGlite;
  /** How long a caller waits for the connection before failing (a query on `db` inside a transaction deadlocks otherwise). */
  acquireTimeoutMs?: number;
}

export class PGliteDialect implements Dialect {
  constructor(private readonly config: PGliteDialectConfig) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.config);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

export class DatabaseBusyError extends Error {
  constructor(ms: number) {
    super(
      `PGlite connection not released within ${ms} ms: is a query running on \`db\` inside a transaction instead of \`trx\`?`,
    );
    this.name = "DatabaseBusyError";
  }
}

class PGliteDriver implements Driver {
  readonly #mutex: MutexInterface;
  readonly #connection: PGliteConnection;
  readonly #timeoutMs: number;
  readonly #releases = new WeakMap<DatabaseConnection, MutexInterface.Releaser>();

  constructor(config: PGliteDialectConfig) {
    this.#timeoutMs = config.acquireTimeoutMs ?? 30_000;
    this.#mutex = withTimeout(new Mutex(), this.#timeoutMs, new DatabaseBusyError(this.#timeoutMs));
    this.#connection = new PGliteConnection(config.pglite);
  }

  async init(): Promise<void> {
    // PGlite is created and awaited by the caller (db.ts); nothing else to do.
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release: MutexInterface.Releaser;
    try {
      release = await this.#mutex.acquire();
    } catch (err) {
      if (err === E_TIMEOUT) throw new DatabaseBusyError(this.#timeoutMs);
      throw err;
    }
    this.#releases.set(this.#connection, release);
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const parts = ["begin"];
    if (settings.isolationLevel !== undefined) parts.push(`isolation level ${settings.isolationLevel}`);
    if (settings.accessMode !== undefined) parts.push(settings.accessMode);
    await connection.executeQuery(CompiledQuery.raw(parts.join(" ")));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.#releases.get(connection);
    this.#releases.delete(connection);
    release?.();
  }

  async destroy(): Promise<void> {
    // The owner closes PGlite (db.ts), after Kysely is destroyed.
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (compiledQuery.parameters.length === 0) {
      // Like `pg`, a statement without parameters goes through the simple protocol, which also
      // allows several statements in one text (migrations). The last statement's result is returned.
      const results = await this.pglite.exec(compiledQuery.sql);
      const last = results[results.length - 1];
      if (last === undefined) return { rows: [] };
      return toQueryResult<R>(last.rows as R[], last.rowCount, last.command);
    }
    const result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    return toQueryResult<R>(result.rows, result.affectedRows, undefined);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite dialect does not support streaming; page with keyset queries instead");
  }
}

function toQueryResult<R>(
  rows: R[],
  affected: number | undefined,
  command: string | undefined,
): QueryResult<R> {
  const isWrite = command === undefined || /^(INSERT|UPDATE|DELETE|MERGE)/i.test(command);
  if (affected !== undefined && isWrite) {
    return { rows, numAffectedRows: BigInt(affected) };
  }
  return { rows };
}

import closeWithGrace from "close-with-grace";
import { pino } from "pino";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { databaseOptionsFromConfig, openDatabase } from "./db/db.js";
import { DataDirLockedError } from "./db/lockfile.js";
import { migrate } from "./db/migrate.js";

/** Starts the platform: `--role=web` (HTTP), `--role=worker` (jobs) or `--role=all` (default). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  let database;
  try {
    database = await openDatabase(databaseOptionsFromConfig(config));
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      log.fatal(err.message);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  const applied = await migrate(database.db);
  if (applied.length > 0) log.info({ applied }, "migrations applied");

  const app = config.role === "worker" ? undefined : await buildApp({ config, database });

  closeWithGrace({ delay: config.shutdownGraceMs, logger: log }, async ({ signal, err }) => {
    if (err !== undefined) log.error({ err }, "shutting down after an error");
    else log.info({ signal }, "shutting down: finishing in-flight requests");
    await app?.close();
    await database.close();
  });

  if (app !== undefined) {
    await app.listen({ port: config.port, host: config.host });
    const where = database.kind === "pglite" ? `PGlite in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)";
    log.info(`通办 Tongban is serving on http://localhost:${config.port} (role ${config.role}, ${where})`);
    log.info(`API docs: http://localhost:${config.port}/api/docs`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

import closeWithGrace from "close-with-grace";
import { pino } from "pino";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { databaseOptionsFromConfig, openDatabase, type DatabaseHandle } from "./db/db.js";
import { DataDirLockedError } from "./db/lockfile.js";
import { migrate } from "./db/migrate.js";
import { SCHEDULES, buildJobRegistry } from "./jobs/jobs.js";
import { registerSchedule } from "./jobs/jobs.service.js";
import { startWorker, type Worker } from "./jobs/worker.js";
import { seedDemoCases } from "./seed/demo-cases.js";
import { seedDemoHalls } from "./seed/demo-halls.js";
import { seedDemoCatalogChanges } from "./seed/demo-catalog-changes.js";
import { formatDemoAccounts, seedDemo } from "./seed/demo-seed.js";
import { createSecrets, loadMasterKey } from "./security/secrets.js";

/** Starts the platform: `--role=web` (HTTP), `--role=worker` (jobs) or `--role=all` (default). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  let database: DatabaseHandle;
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

  if (config.masterKey === undefined && database.kind === "postgres") {
    log.warn(
      "TONGBAN_MASTER_KEY is not set: using DATA_DIR/master.key; every instance must share the same key",
    );
  }
  const secrets = createSecrets(loadMasterKey(config.masterKey, config.dataDir));

  if (config.demoSeed && config.role !== "worker") {
    let lastPercent = -1;
    const accounts = await seedDemo(
      { db: database.db, secrets },
      (done, total) => {
        const percent = Math.floor((done / total) * 10) * 10;
        if (percent !== lastPercent) log.info(`首次启动：导入行政区划 ${done}/${total}`);
        lastPercent = percent;
      },
      {
        withCatalog: true,
        onCatalog: (r) =>
          log.info(
            { basicItems: r.basicItems, powerEntries: r.powerEntries, guides: r.guides },
            "首次启动：已发布演示事项目录（18 个一件事所含事项）",
          ),
      },
    );
    if (accounts !== undefined) {
      // Overdue demo cases for the supervision board (workbench).
      await seedDemoCases({ db: database.db, secrets }).catch((err: unknown) =>
        log.warn({ err }, "demo cases not seeded"),
      );
      // Owed catalog updates for the catalog workbench (an amended basic item, 3 weeks ago).
      await seedDemoCatalogChanges({ db: database.db, secrets }).catch((err: unknown) =>
        log.warn({ err }, "demo catalog changes not seeded"),
      );
      process.stdout.write(formatDemoAccounts(accounts, `http://localhost:${config.port}`));
    }
    // Demo halls: windows, opening hours and items of 喀什市 and one township (once; also on an older seed).
    await seedDemoHalls({ db: database.db, secrets }).then(
      (windows) => windows !== undefined && log.info({ windows }, "首次启动：已开设演示服务大厅与窗口"),
      (err: unknown) => log.warn({ err }, "demo halls not seeded"),
    );
  }

  const app = config.role === "worker" ? undefined : await buildApp({ config, database, secrets });

  let worker: Worker | undefined;
  if (config.role !== "web") {
    const registry = buildJobRegistry({
      secrets,
      publicBaseUrl: config.publicBaseUrl,
      notifyProvider: config.notifyProvider,
    });
    for (const s of SCHEDULES) await registerSchedule(database.db, s, { now: new Date(), registry });
    worker = startWorker({ db: database.db, registry, workerId: `${process.pid}`, pollMs: 1000, log });
  }

  closeWithGrace({ delay: config.shutdownGraceMs, logger: log }, async ({ signal, err }) => {
    if (err !== undefined) log.error({ err }, "shutting down after an error");
    else log.info({ signal }, "shutting down: finishing in-flight requests");
    await app?.close();
    await worker?.stop();
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

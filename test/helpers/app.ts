import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { loadConfig } from "../../src/server/config.js";
import type { DatabaseHandle } from "../../src/server/db/db.js";
import { createSecrets, randomMasterKey, type Secrets } from "../../src/server/security/secrets.js";
import { createTestDatabase } from "./db.js";

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  secrets: Secrets;
  close(): Promise<void>;
}

/** An in-process app on a fresh test database, for `app.inject` API tests. */
export async function createTestApp(
  env: NodeJS.ProcessEnv = {},
  beforeReady?: (app: FastifyInstance) => void,
  options: { logStream?: NodeJS.WritableStream; clock?: () => Date } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ DATA_DIR: "/nonexistent", ...env }, []);
  const secrets = createSecrets(randomMasterKey());
  const app = await buildApp({
    config,
    database,
    secrets,
    logLevel: options.logStream === undefined ? "silent" : "info",
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    secrets,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

import { loadConfig } from "../server/config.js";
import { databaseOptionsFromConfig, openDatabase, type DatabaseHandle } from "../server/db/db.js";
import { DataDirLockedError } from "../server/db/lockfile.js";

/**
 * Opens the configured database for a CLI command and always closes it. A locked embedded
 * database (the server is running) is reported in one clear line with exit code 1.
 */
export async function withDatabase(run: (handle: DatabaseHandle) => Promise<number>): Promise<void> {
  const config = loadConfig();
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(databaseOptionsFromConfig(config));
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  try {
    process.exitCode = await run(handle);
  } finally {
    await handle.close();
  }
}

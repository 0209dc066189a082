import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * An exclusive lock on the embedded database folder. PGlite does not lock its folder, and two
 * processes writing one folder silently lose committed rows, so a second process must refuse to start.
 *
 * The lock is a file created with O_EXCL holding the owner's pid. A lock whose process is gone
 * (kill -9, power loss) is stale and is taken over, so a crash never blocks the next start.
 * (proper-lockfile's heartbeat would mark the lock compromised whenever PGlite, which runs on the
 * main thread, stalls the event loop past the heartbeat, so a pid check suits this case better.)
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly ownerPid: number,
  ) {
    super(
      `数据目录已被另一个进程（pid ${ownerPid}）占用：${lockPath}\n` +
        `The embedded database folder is in use by process ${ownerPid}. Stop that process, or run this ` +
        `one with another DATA_DIR, or use DATABASE_URL for a PostgreSQL server shared by several processes.`,
    );
    this.name = "DataDirLockedError";
  }
}

interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface DirLock {
  readonly path: string;
  release(): void;
}

export function acquireDirLock(dir: string): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "tongban.lock");
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx", 0o600);
      fs.writeSync(fd, JSON.stringify(info));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      return { path: lockPath, release: () => releaseIfOurs(lockPath) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readLock(lockPath);
      if (owner !== undefined && owner.hostname === os.hostname() && isAlive(owner.pid)) {
        throw new DataDirLockedError(lockPath, owner.pid);
      }
      if (owner !== undefined && owner.hostname !== os.hostname()) {
        throw new DataDirLockedError(lockPath, owner.pid);
      }
      // Stale (owner died) or unreadable (crash while writing): take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

function readLock(lockPath: string): LockInfo | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as Partial<LockInfo>;
    if (typeof parsed.pid === "number" && typeof parsed.hostname === "string") {
      return { pid: parsed.pid, hostname: parsed.hostname, startedAt: String(parsed.startedAt) };
    }
  } catch {
    // unreadable → stale
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function releaseIfOurs(lockPath: string): void {
  const owner = readLock(lockPath);
  if (owner?.pid === process.pid) fs.rmSync(lockPath, { force: true });
}

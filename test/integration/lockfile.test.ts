import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/db/db.js";
import { DataDirLockedError, acquireDirLock } from "../../src/server/db/lockfile.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tongban-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("embedded database folder lock", () => {
  it("a second process on the same folder refuses to start with a clear message", async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ kind: "pglite", dataDir });
    try {
      const second = spawnSync(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
        env: { ...process.env, DATA_DIR: dataDir, PORT: "0", DATABASE_URL: "", LOG_LEVEL: "info" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stdout + second.stderr).toContain("数据目录已被另一个进程");
      expect(second.stdout + second.stderr).toContain(String(process.pid));
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dataDir, "tongban.lock"))).toBe(false);
  });

  it("a second open in the same process is refused too", () => {
    const dir = tempDir();
    const lock = acquireDirLock(dir);
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
    acquireDirLock(dir).release();
  });

  it("a lock left by a dead process (kill -9) is taken over", async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    const pid = child.pid ?? -1;
    fs.writeFileSync(
      path.join(dir, "tongban.lock"),
      JSON.stringify({ pid, hostname: os.hostname(), startedAt: "x" }),
    );
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const lock = acquireDirLock(dir);
    expect(JSON.parse(fs.readFileSync(lock.path, "utf8"))).toMatchObject({ pid: process.pid });
    lock.release();
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { loadConfig } from "../server/config.js";
import { acquireDirLock } from "../server/db/lockfile.js";

/**
 * `npm run backup -- <file>` and `npm run restore -- <file>` (with `--force` to overwrite).
 *
 * PostgreSQL (DATABASE_URL): `pg_dump --format=custom` (a consistent snapshot while the platform
 * runs) and `pg_restore --single-transaction` into an empty database (or `--clean` with --force).
 * PGlite (DATA_DIR): the folder lock is taken (so the server must be stopped), then PGlite's own
 * `dumpDataDir` (gzip tarball) / `loadDataDir`; `master.key` is copied beside the dump, because the
 * encrypted fields cannot be read without it. With TONGBAN_MASTER_KEY the key is yours to keep.
 */
const [command, ...rest] = process.argv.slice(2);
const force = rest.includes("--force");
const file = rest.find((a) => !a.startsWith("--"));
if ((command !== "backup" && command !== "restore") || file === undefined) {
  console.error("用法：npm run backup -- <文件>    npm run restore -- <文件> [--force]");
  process.exit(2);
}
const config = loadConfig(process.env, []);

function run(bin: string, args: string[]): void {
  const r = spawnSync(bin, args, { stdio: "inherit" });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`${bin} 退出码 ${r.status}`);
}

function serverMajor(url: string): number {
  const r = spawnSync("psql", [url, "-Atc", "show server_version_num"], { encoding: "utf8" });
  return Math.floor(Number(r.stdout.trim()) / 10000);
}

function toolMajor(bin: string): number {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  return Number(/(\d+)\./.exec(r.stdout)?.[1] ?? 0);
}

async function main(): Promise<void> {
  const target = path.resolve(file as string);
  const url = config.databaseUrl;
  if (url !== undefined) {
    const bin = command === "backup" ? "pg_dump" : "pg_restore";
    const server = serverMajor(url);
    if (toolMajor(bin) < server)
      throw new Error(`${bin} ${toolMajor(bin)} 低于数据库版本 ${server}，请安装匹配的客户端`);
    if (command === "backup") {
      run("pg_dump", ["--format=custom", "--no-owner", `--file=${target}`, url]);
    } else {
      const args = ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${url}`];
      if (force) args.push("--clean", "--if-exists");
      run("pg_restore", [...args, target]);
    }
  } else {
    const lock = acquireDirLock(config.dataDir);
    try {
      const pgDir = path.join(config.dataDir, "pg");
      const keyFile = path.join(config.dataDir, "master.key");
      if (command === "backup") {
        const pglite = await PGlite.create(pgDir);
        const dump = await pglite.dumpDataDir("gzip");
        await pglite.close();
        fs.writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
        if (fs.existsSync(keyFile)) fs.copyFileSync(keyFile, `${target}.master.key`);
      } else {
        if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) {
          if (!force) throw new Error(`${pgDir} 不为空；确认覆盖请加 --force`);
          fs.renameSync(pgDir, `${pgDir}.before-restore-${Date.now()}`);
        }
        const blob = new Blob([fs.readFileSync(target)]);
        const pglite = await PGlite.create(pgDir, { loadDataDir: blob });
        await pglite.query("select 1");
        await pglite.close();
        if (fs.existsSync(`${target}.master.key`)) fs.copyFileSync(`${target}.master.key`, keyFile);
      }
    } finally {
      lock.release();
    }
  }
  const size = fs.statSync(target).size;
  console.log(
    `${command === "backup" ? "已备份到" : "已从此恢复"} ${target}（${(size / 1024).toFixed(0)} KiB）`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../src/server/db/db.js";
import { migrate } from "../../src/server/db/migrate.js";
import { createSecrets, type Secrets } from "../../src/server/security/secrets.js";

/**
 * A database for server processes: a PGlite DATA_DIR, or (DATABASE_URL set) a fresh database on that
 * server. `open()` opens it in-process (only while no server holds a PGlite folder).
 */
export interface ProcessDatabase {
  kind: "pglite" | "postgres";
  env: Record<string, string>;
  secrets: Secrets;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

export async function createProcessDatabase(label: string): Promise<ProcessDatabase> {
  const masterKey = randomBytes(32).toString("hex");
  const secrets = createSecrets(masterKey);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tb-harness-${label}-`));
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === "") {
    return {
      kind: "pglite",
      env: { DATA_DIR: dataDir, DATABASE_URL: "", TONGBAN_MASTER_KEY: masterKey },
      secrets,
      async open() {
        const h = await openDatabase({ kind: "pglite", dataDir });
        await migrate(h.db);
        return h;
      },
      async drop() {
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `${new URL(url).pathname.slice(1) || "tongban"}_${label}_${randomBytes(4).toString("hex")}`;
  await adminQuery(url, `create database "${name}"`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    kind: "postgres",
    env: { DATA_DIR: dataDir, DATABASE_URL: dbUrl.toString(), TONGBAN_MASTER_KEY: masterKey },
    secrets,
    async open() {
      const h = await openDatabase({ kind: "postgres", url: dbUrl.toString(), poolMax: 4 });
      await migrate(h.db);
      return h;
    },
    async drop() {
      await adminQuery(url, `drop database if exists "${name}" with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM and wait (graceful). */
  stop(): Promise<number | null>;
  /** SIGKILL and wait: no shutdown code runs. */
  kill9(): Promise<void>;
}

/** Starts `src/server/main.ts` as its own process and waits until /healthz answers. */
export async function startServer(
  env: Record<string, string>,
  port: number,
  role: "all" | "web" | "worker" = "all",
): Promise<ServerProcess> {
  let out = "";
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts", `--role=${role}`], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DEMO_SEED: "false",
      LOG_LEVEL: "warn",
      ...env,
    },
  });
  child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const server: ServerProcess = {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
  };
  if (role === "worker") return server;
  const deadline = Date.now() + 90_000;
  let done = false;
  void exited.then(() => (done = true));
  for (;;) {
    if (done) throw new Error(`server exited before serving:\n${out}`);
    try {
      const res = await fetch(`${server.base}/healthz`);
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Logs in with a bearer token over HTTP. */
export async function loginToken(base: string, identifier: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier, password, mode: "token" }),
  });
  if (res.status !== 200) throw new Error(`login ${identifier}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

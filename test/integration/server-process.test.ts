import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tongban-proc-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function start(port: number): { child: ChildProcess; output: () => string } {
  let out = "";
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: "" },
  });
  child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (out += b.toString()));
  return { child, output: () => out };
}

async function waitHealthy(port: number): Promise<Response> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/healthz`);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("the server process (PGlite)", () => {
  it("starts, serves, shuts down cleanly on SIGTERM releasing the folder lock, and starts again", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const first = start(port);
    const res = await waitHealthy(port);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "pglite" });
    expect(fs.existsSync(path.join(dataDir, "tongban.lock"))).toBe(true);

    const done = exited(first.child);
    first.child.kill("SIGTERM");
    expect(await done).toBe(0);
    expect(first.output()).toContain("shutting down");
    expect(fs.existsSync(path.join(dataDir, "tongban.lock"))).toBe(false);

    const second = start(port);
    expect((await waitHealthy(port)).status).toBe(200);
    const done2 = exited(second.child);
    second.child.kill("SIGTERM");
    expect(await done2).toBe(0);
    // Two starts, each allowed the 60 s readiness deadline of waitHealthy (the first one seeds).
  }, 150_000);
});

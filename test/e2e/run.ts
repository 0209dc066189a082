/**
 * Browser suite runner (`npm run test:e2e`): builds the web client if stale, starts the real server
 * on a fresh DATA_DIR with the demo seed on its own port, waits for /healthz, runs test/e2e/*.e2e.ts
 * with node:test in Debian's Chromium (never a downloaded browser), then stops the server.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.E2E_PORT ?? 3110);
const baseUrl = `http://127.0.0.1:${port}`;
const started = performance.now();

const build = spawnSync(process.execPath, ["scripts/build-web.mjs", "--if-stale"], {
  cwd: root,
  stdio: "inherit",
});
if (build.status !== 0) process.exit(build.status ?? 1);

const dataDir = mkdtempSync(path.join(tmpdir(), "tb-web-e2e-"));
const server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    DEMO_SEED: "true",
    LOG_LEVEL: "warn",
    PUBLIC_BASE_URL: baseUrl,
    DATABASE_URL: "",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
let exited = false;
server.on("exit", () => (exited = true));

async function stop(code: number): Promise<never> {
  if (!exited) {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    if (!exited) server.kill("SIGKILL");
  }
  rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `e2e: ${code === 0 ? "passed" : "FAILED"} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exit(code);
}

const deadline = Date.now() + 240_000;
for (;;) {
  if (exited) {
    console.error("e2e: the server exited before it became healthy");
    await stop(1);
  }
  try {
    if ((await fetch(`${baseUrl}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error("e2e: the server did not become healthy within 240 s");
    await stop(1);
  }
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`e2e: server ready on ${baseUrl} after ${((performance.now() - started) / 1000).toFixed(1)} s`);

const files = readdirSync(path.join(root, "test/e2e"))
  .filter((f) => f.endsWith(".e2e.ts"))
  // E2E_ONLY=portal-apply (or workbench) runs only the files whose name contains it (while working on one part).
  .filter((f) => process.env.E2E_ONLY === undefined || f.includes(process.env.E2E_ONLY))
  .map((f) => path.join("test/e2e", f));
const tests = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], {
  cwd: root,
  env: { ...process.env, E2E_BASE_URL: baseUrl },
  stdio: "inherit",
});
const code = await new Promise<number>((r) => tests.on("exit", (c) => r(c ?? 1)));
await stop(code);

/**
 * Lighthouse benchmark of the portal (`npm run bench:lighthouse`; not part of CI): builds the web
 * client if stale, starts the server with the demo seed on its own port and a fresh DATA_DIR, then runs
 * Lighthouse (mobile emulation, simulated slow 4G, Debian's Chromium) on home, search, guide and apply
 * and prints performance / accessibility against the budgets, plus the byte sizes: a guide page
 * transferred without JavaScript, and the apply flow's JavaScript gzipped (from the build manifest).
 *
 * Env: BENCH_PORT (default 3160), CHROME_PATH (default /usr/bin/chromium).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.BENCH_PORT ?? 3160);
const base = `http://127.0.0.1:${port}`;
const BUDGET = { performance: 90, accessibility: 95, guideBytes: 60 * 1024, applyJsGzip: 200 * 1024 };

const build = spawnSync(process.execPath, ["scripts/build-web.mjs", "--if-stale"], {
  cwd: root,
  stdio: "inherit",
});
if (build.status !== 0) process.exit(build.status ?? 1);

const dataDir = mkdtempSync(path.join(tmpdir(), "tb-bench-lh-"));
const server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DEMO_SEED: "true",
    LOG_LEVEL: "warn",
    PUBLIC_BASE_URL: base,
    DATABASE_URL: "",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
let exited = false;
server.on("exit", () => (exited = true));
let chrome: chromeLauncher.LaunchedChrome | undefined;

async function stop(code: number): Promise<never> {
  if (chrome !== undefined) chrome.kill();
  if (!exited) {
    server.kill("SIGTERM");
    for (let i = 0; i < 100 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    if (!exited) server.kill("SIGKILL");
  }
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

try {
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (exited) throw new Error("the server exited before it became healthy");
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the server did not become healthy");
    await new Promise((r) => setTimeout(r, 500));
  }

  // A guide to measure, and a citizen's session cookie for the apply page.
  const q = encodeURIComponent("企业设立登记");
  const guides = (await (await fetch(`${base}/api/v1/guides?q=${q}&limit=5`)).json()) as {
    items: { code: string }[];
  };
  const guide = guides.items[0]?.code;
  if (guide === undefined) throw new Error("no guide found");
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier: "653101199003152015", password: "Demo@2026xj", mode: "cookie" }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

  // The guide page without JavaScript: HTML + stylesheet as a browser gets them (gzip/br as served).
  const html = await fetch(`${base}/guides/${guide}`, { headers: { "accept-encoding": "gzip" } });
  const htmlText = await html.text();
  const cssHref = /<link rel="stylesheet" href="([^"]+)"/.exec(htmlText)?.[1];
  const cssText = cssHref === undefined ? "" : await (await fetch(`${base}${cssHref}`)).text();
  const guideBytes = gzipSync(htmlText).length + gzipSync(cssText).length;
  const guideScripts = (htmlText.match(/<script/g) ?? []).length;

  // The apply flow's JavaScript: the portal entry and every chunk the apply island pulls in.
  type Chunk = { file: string; imports?: string[]; dynamicImports?: string[] };
  const manifest = JSON.parse(
    readFileSync(path.join(root, "dist/web/.vite/manifest.json"), "utf8"),
  ) as Record<string, Chunk>;
  const wanted = new Set<string>();
  const visit = (key: string) => {
    if (wanted.has(key) || manifest[key] === undefined) return;
    wanted.add(key);
    for (const k of manifest[key].imports ?? []) visit(k);
  };
  visit("src/web/portal/entry.tsx");
  for (const key of Object.keys(manifest))
    if (key.endsWith("portal/hydrate.tsx") || key.endsWith("islands/ApplyForm.tsx")) visit(key);
  let applyJs = 0;
  for (const key of wanted)
    applyJs += gzipSync(readFileSync(path.join(root, "dist/web", manifest[key]?.file ?? ""))).length;

  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const pages: [string, string, Record<string, string>][] = [
    ["home", "/", {}],
    ["search", `/search?q=${q}`, {}],
    ["guide", `/guides/${guide}`, {}],
    ["apply", `/apply/${guide}`, { Cookie: cookie }],
  ];
  const rows: string[] = [];
  let failures = 0;
  for (const [name, url, headers] of pages) {
    const result = await lighthouse(`${base}${url}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      formFactor: "mobile",
      extraHeaders: headers,
    });
    if (result === undefined) throw new Error(`lighthouse gave no result for ${name}`);
    const lhr = result.lhr;
    const perf = Math.round((lhr.categories.performance?.score ?? 0) * 100);
    const a11y = Math.round((lhr.categories.accessibility?.score ?? 0) * 100);
    const weight = Number(lhr.audits["total-byte-weight"]?.numericValue ?? 0);
    const lcp = Number(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0);
    const ok = perf >= BUDGET.performance && a11y >= BUDGET.accessibility;
    if (!ok) failures++;
    rows.push(
      `${name.padEnd(7)} performance ${String(perf).padStart(3)} (≥ ${BUDGET.performance})  accessibility ${String(a11y).padStart(3)} (≥ ${BUDGET.accessibility})  LCP ${(lcp / 1000).toFixed(2)} s  transferred ${(weight / 1024).toFixed(1)} KB  ${ok ? "ok" : "OVER BUDGET"}`,
    );
  }
  console.log(
    `Lighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, mobile emulation (simulated slow 4G, 4× CPU slowdown), ${process.env.CHROME_PATH ?? "/usr/bin/chromium"}`,
  );
  for (const r of rows) console.log(r);
  const guideOk = guideBytes <= BUDGET.guideBytes;
  const jsOk = applyJs <= BUDGET.applyJsGzip;
  console.log(
    `guide page without JavaScript: ${(guideBytes / 1024).toFixed(1)} KB gzipped (HTML + CSS, ${guideScripts} scripts; ceiling ${BUDGET.guideBytes / 1024} KB) ${guideOk ? "ok" : "OVER BUDGET"}`,
  );
  console.log(
    `apply flow JavaScript: ${(applyJs / 1024).toFixed(1)} KB gzipped in ${wanted.size} chunks (ceiling ${BUDGET.applyJsGzip / 1024} KB) ${jsOk ? "ok" : "OVER BUDGET"}`,
  );
  await stop(failures === 0 && guideOk && jsOk ? 0 : 1);
} catch (e) {
  console.error(e);
  await stop(1);
}

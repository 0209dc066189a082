// Builds the web client into dist/web with Vite. `--if-stale` (used by `npm start`) builds only when
// a source under src/web or src/shared, or the Vite config, is newer than the last build's manifest.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const manifest = path.join(root, "dist/web/.vite/manifest.json");

function newestMtime(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

const sources = ["src/web", "src/shared", "vite.config.ts", "package-lock.json"].map((p) =>
  path.join(root, p),
);
const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
const newest = Math.max(...sources.filter((p) => existsSync(p)).map(newestMtime));

if (process.argv.includes("--if-stale") && built >= newest) {
  process.exit(0);
}
const vite = path.join(root, "node_modules/vite/bin/vite.js");
if (!existsSync(vite)) {
  // Production installs without dev dependencies must ship a built dist/web.
  console.warn(
    existsSync(manifest)
      ? "vite not installed: using the existing dist/web"
      : "vite not installed and no dist/web: pages render without scripts",
  );
  process.exit(0);
}
const started = performance.now();
const r = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`web client built into dist/web in ${((performance.now() - started) / 1000).toFixed(1)} s`);

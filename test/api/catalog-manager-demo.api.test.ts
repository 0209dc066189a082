import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  formatDemoAccounts,
  seedDemo,
  type DemoAccount,
} from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { Sessions } from "../helpers/sessions.js";

/**
 * The demo's 喀什 catalog manager (kashgar.urban.editor, 喀什地区城市管理局): drafts new versions of
 * the basic catalog items its bureau sets at 地区 level and the 实施规范 of them, and nothing set
 * by a 自治区 department.
 */
let t: TestApp;
let accounts: DemoAccount[] = [];
const sessions = new Sessions(() => t.app, "10.49.0");
const MANAGER = "kashgar.urban.editor";
const OUTDOOR_ADS = "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批";

beforeAll(async () => {
  t = await createTestApp();
  accounts =
    (await seedDemo({ db: t.database.db, secrets: t.secrets }, undefined, { withCatalog: true })) ?? [];
}, 300_000);
afterAll(async () => {
  await t.close();
});

async function call<T = Record<string, unknown>>(method: "GET" | "POST", url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: await sessions.as(MANAGER),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<T & { error?: { code: string; message: string } }>() };
}

interface Entry {
  id: number;
  layer: string;
  code: string;
  name: string;
  agencyName: string | null;
  currentVersionId: number | null;
  mayEdit: boolean;
}

describe("the 喀什 catalog manager of the demo", () => {
  it("is a demo account listed at first start with the common password", () => {
    const account = accounts.find((a) => a.login === MANAGER);
    expect(account?.agency).toBe("喀什地区城市管理局");
    expect(formatDemoAccounts(accounts, "http://localhost:3000")).toContain(MANAGER);
    expect(DEMO_PASSWORD).toBe("Demo@2026xj");
  });

  it("edits the basic catalog item its bureau sets at 地区 level: a new draft version", async () => {
    const list = await call<{ items: Entry[] }>(
      "GET",
      `/api/v1/catalog/entries?layer=basic&q=${encodeURIComponent("户外广告")}`,
    );
    expect(list.status).toBe(200);
    const basic = list.body.items.find((e) => e.name === OUTDOOR_ADS)!;
    expect(basic).toMatchObject({ layer: "basic", agencyName: "喀什地区城市管理局", mayEdit: true });
    const version = await call<{ content: Record<string, unknown> }>(
      "GET",
      `/api/v1/catalog/versions/${basic.currentVersionId}`,
    );
    const content = { ...version.body.content, legalLimitDays: 15 };
    const draft = await call<{ version: { id: number; versionNo: number } }>(
      "POST",
      `/api/v1/catalog/entries/${basic.id}/versions`,
      { content },
    );
    expect(draft.status).toBe(201);
    expect(draft.body.version.versionNo).toBe(2);
  });

  it("drafts the 实施规范 of that item at 地区 level", async () => {
    const list = await call<{ items: Entry[] }>(
      "GET",
      `/api/v1/catalog/entries?layer=basic&q=${encodeURIComponent("户外广告")}`,
    );
    const basic = list.body.items.find((e) => e.name === OUTDOOR_ADS)!;
    const me = await call<{ grants: { role: string; agencyId: number }[] }>("GET", "/api/v1/me");
    const agencyId = me.body.grants.find((g) => g.role === "catalog_editor")!.agencyId;
    const spec = await call<{ entry: { code: string; layer: string } }>("POST", "/api/v1/catalog/drafts", {
      layer: "spec",
      agencyId,
      basicCode: basic.code,
      content: {
        name: OUTDOOR_ADS,
        itemType: "01",
        acceptanceConditions: ["在城市建成区内设置大型户外广告"],
        materials: [],
        form: [],
        resultName: "户外广告设置审批决定书",
        resultKind: "document",
        reviewCriteria: ["设置位置、规格符合城市容貌标准"],
      },
    });
    expect(spec.status, JSON.stringify(spec.body)).toBe(201);
    expect(spec.body.entry).toMatchObject({ layer: "spec", code: `${basic.code}:3` });
  });

  it("may not edit a basic item set by a 自治区 department", async () => {
    // A basic item set by the 自治区市场监督管理局.
    const r = await sql<{ id: number; current_version_id: number }>`
      select e.id, e.current_version_id from catalog_entries e join agencies a on a.id = e.agency_id
      where e.layer = 'basic' and a.region_code = '65' and a.line_code = 'market_regulation' limit 1
    `.execute(t.database.db);
    const other = { id: Number(r.rows[0]!.id), currentVersionId: Number(r.rows[0]!.current_version_id) };
    const listed = await call<{ items: Entry[] }>("GET", "/api/v1/catalog/entries?layer=basic&limit=100");
    expect(listed.body.items.find((e) => e.id === other.id)?.mayEdit ?? false).toBe(false);
    const version = await call<{ content: Record<string, unknown> }>(
      "GET",
      `/api/v1/catalog/versions/${other.currentVersionId}`,
    );
    const draft = await call("POST", `/api/v1/catalog/entries/${other.id}/versions`, {
      content: version.body.content,
    });
    expect(draft.status).toBe(403);
  });
});

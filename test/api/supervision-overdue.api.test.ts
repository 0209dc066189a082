import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import type { Database } from "../../src/server/db/tables.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { basicItem, guide } from "../helpers/catalog.js";
import { Sessions } from "../helpers/sessions.js";

/*
 * Overdue tables of the supervision board. Today is 2026-06-15 (Beijing). A = 喀什 市场监管 (653101),
 * B = 喀什 人社 (653121).
 *   cases: oa1 A accepted due 05-10 (36 days over), oa2 A under_review due 06-14 (1 day),
 *          oa3 A accepted due 06-15 (not yet), oa4 A delivered due 05-01 (concluded),
 *          oa5 B accepted due 06-01, oa6 B suspended due 05-01 (the clock stands), and 23 more of B
 *          accepted due 06-02 … 06-12 → B has 24 overdue cases
 *   change requests filed by A in 6531: cr1 due 06-10 (overdue), cr2 due 06-10 extended to 06-20, cr3 approved
 *   rectifications of A in 653101: rt1 open due 06-01 (overdue), rt2 closed due 06-01
 *   complaints: k1 dispatched to B in 653121 due 06-12 (overdue), k2 replied due 06-01, k3 received
 */
const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let db: Kysely<Database>;
const sessions = new Sessions(() => t.app, "10.4.2");
const SUPERVISOR = "kashgar.supervisor";
let agencyA = 0;
let agencyB = 0;
const ids: Record<string, string> = {};

async function agencyId(line: string): Promise<number> {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/agencies?region=6531&line=${line}` });
  return res
    .json<{ items: { id: number; regionCode: string }[] }>()
    .items.find((a) => a.regionCode === "6531")?.id as number;
}

async function get<T>(url: string, login = SUPERVISOR) {
  const res = await t.app.inject({ method: "GET", url, headers: await sessions.as(login) });
  return { status: res.statusCode, body: res.json<T>() };
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  db = t.database.db;
  const deps = { db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  agencyA = await agencyId("market_regulation");
  agencyB = await agencyId("human_resources");
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId: agencyA, content: basicItem({ name: "超期测试事项", itemType: "20" }) },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const g = await createDraft(
    SYSTEM,
    {
      layer: "guide",
      agencyId: agencyA,
      basicCode: basic.entry.code,
      content: guide({ name: "超期测试事项", itemType: "20" }),
    },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps);
  const citizen = await db
    .selectFrom("users")
    .select("id")
    .where("kind", "=", "person")
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  let seq = 0;
  const insertCase = async (name: string, agency: number, region: string, status: string, due: string) => {
    const id = randomUUID();
    ids[name] = id;
    await sql`
      insert into cases (id, case_number, guide_entry_id, guide_version_id, guide_code, item_name, agency_id,
        handling_region_code, receiving_region_code, applicant_id, channel, status, acceptance_outcome, case_kind,
        form_data_enc, submitted_at, accepted_on, promised_limit_days, promised_due, warning_level)
      values (${id}, ${`OD${String(++seq).padStart(4, "0")}`}, ${g.entry.id}, ${g.version.id}, ${g.entry.code},
        '超期测试事项', ${agency}, ${region}, ${region}, ${citizen.id}, 'online', ${status}, 'accepted', '2', 'x',
        ${new Date("2026-04-20T02:00:00Z")}, '2026-04-20', 5, ${due}, 'red')
    `.execute(db);
    return id;
  };
  await insertCase("oa1", agencyA, "653101", "accepted", "2026-05-10");
  await insertCase("oa2", agencyA, "653101", "under_review", "2026-06-14");
  await insertCase("oa3", agencyA, "653101", "accepted", "2026-06-15");
  await insertCase("oa4", agencyA, "653101", "delivered", "2026-05-01");
  await insertCase("oa5", agencyB, "653121", "accepted", "2026-06-01");
  await insertCase("oa6", agencyB, "653121", "suspended", "2026-05-01");
  for (let i = 0; i < 23; i++)
    await insertCase(
      `ob${i}`,
      agencyB,
      "653121",
      "accepted",
      `2026-06-${String(2 + (i % 11)).padStart(2, "0")}`,
    );
  const cr = async (status: string, extended: string | null) => {
    const r = await sql<{ id: number }>`
      insert into change_requests (entry_id, layer, kind, trigger_situation, trigger_date, reason, status,
        filing_agency_id, region_code, filed_on, filing_due, is_late_filing, review_due, extended_review_due)
      values (${g.entry.id}, 'guide', 'modify', 1, '2026-06-01', '测试', ${status}, ${agencyA}, '6531',
        '2026-06-02', '2026-06-05', false, '2026-06-10', ${extended})
      returning id`.execute(db);
    return String(r.rows[0]?.id);
  };
  ids.cr1 = await cr("submitted", null);
  await cr("submitted", "2026-06-20");
  await cr("approved", null);
  const rect = async (caseName: string, status: string) => {
    const e = await sql<{ id: number }>`
      insert into evaluations (case_id, rater_id, channel, level, indicators, guide_code, agency_id, region_code, created_at)
      values (${ids[caseName]}, ${citizen.id}, 'online', 5, '{}'::jsonb, ${g.entry.code}, ${agencyA}, '653101', ${now})
      returning id`.execute(db);
    const r = await sql<{ id: number }>`
      insert into rectification_tasks (evaluation_id, agency_id, region_code, due_date, status)
      values (${e.rows[0]?.id}, ${agencyA}, '653101', '2026-06-01', ${status}) returning id`.execute(db);
    return String(r.rows[0]?.id);
  };
  ids.rt1 = await rect("oa4", "open");
  await rect("oa3", "closed");
  ids.k1 = randomUUID();
  await sql`
    insert into complaints (id, number, channel, category, content, related_case_id, agency_id, region_code, status, due_date, created_at)
    values (${ids.k1}, 'OD-K1', 'portal', 'efficiency', '超期', null, ${agencyB}, '653121', 'dispatched', '2026-06-12', ${now}),
           (${randomUUID()}, 'OD-K2', 'portal', 'efficiency', '已复', null, ${agencyB}, '653121', 'replied', '2026-06-01', ${now}),
           (${randomUUID()}, 'OD-K3', 'hotline', 'other', '待派', null, null, '653121', 'received', null, ${now})
  `.execute(db);
}, 180_000);
afterAll(async () => {
  await t.close();
});

interface Table {
  today: string;
  totals: Record<string, number>;
  rows: {
    key: string;
    name: string;
    cases: number;
    changeRequests: number;
    rectifications: number;
    complaints: number;
    total: number;
  }[];
}
interface Items {
  total: number;
  page: number;
  items: {
    id: string;
    label: string;
    agencyId: number | null;
    agencyName: string | null;
    regionCode: string;
    dueDate: string;
    daysOverdue: number;
    escalated: boolean;
  }[];
}

describe("supervision: overdue tables", () => {
  it("counts the overdue objects of each kind per agency, by hand", async () => {
    const res = await get<Table>("/api/v1/supervision/overdue?region=6531&by=agency");
    expect(res.status).toBe(200);
    expect(res.body.today).toBe("2026-06-15");
    expect(
      res.body.rows.map((r) => [r.key, r.cases, r.changeRequests, r.rectifications, r.complaints, r.total]),
    ).toEqual([
      [String(agencyB), 24, 0, 0, 1, 25],
      [String(agencyA), 2, 1, 1, 0, 4],
    ]);
    expect(res.body.rows[1]?.name).toContain("市场监督管理");
    expect(res.body.totals).toEqual({
      cases: 26,
      changeRequests: 1,
      rectifications: 1,
      complaints: 1,
      total: 29,
    });
  });

  it("counts per region one level below; the prefecture's own objects under its code", async () => {
    const res = await get<Table>("/api/v1/supervision/overdue?region=6531&by=region");
    expect(
      res.body.rows.map((r) => [r.key, r.name, r.cases, r.changeRequests, r.rectifications, r.complaints]),
    ).toEqual([
      ["653121", "疏附县", 24, 0, 0, 1],
      ["653101", "喀什市", 2, 0, 1, 0],
      ["6531", "喀什地区", 0, 1, 0, 0],
    ]);
    const county = await get<Table>("/api/v1/supervision/overdue?region=653101&by=agency");
    expect(county.body.rows.map((r) => [r.key, r.total])).toEqual([[String(agencyA), 3]]);
  });

  it("lists the overdue objects of one kind, longest overdue first, paged", async () => {
    const all = await get<Items>("/api/v1/supervision/overdue/items?region=6531&kind=cases&pageSize=5");
    expect(all.body.total).toBe(26);
    expect(all.body.items).toHaveLength(5);
    expect(all.body.items[0]).toMatchObject({
      id: ids.oa1,
      label: "OD0001",
      agencyId: agencyA,
      regionCode: "653101",
      dueDate: "2026-05-10",
      daysOverdue: 36,
      escalated: true,
    });
    expect(all.body.items[1]).toMatchObject({ id: ids.oa5, daysOverdue: 14 });
    const dues = all.body.items.map((i) => i.dueDate);
    expect([...dues].sort()).toEqual(dues);
    const pages = [];
    for (let page = 1; page <= 3; page++)
      pages.push(
        (
          await get<Items>(
            `/api/v1/supervision/overdue/items?region=6531&kind=cases&agency=${agencyB}&page=${page}&pageSize=10`,
          )
        ).body,
      );
    expect(pages.map((p) => [p.total, p.items.length])).toEqual([
      [24, 10],
      [24, 10],
      [24, 4],
    ]);
    const seen = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(24);
    expect(seen).not.toContain(ids.oa6);
    expect(pages.every((p) => p.items.every((i) => i.agencyId === agencyB))).toBe(true);
  });

  it("lists change requests, rectifications and complaints", async () => {
    const crs = await get<Items>("/api/v1/supervision/overdue/items?region=6531&kind=changeRequests");
    expect(crs.body.items.map((i) => [i.id, i.label, i.dueDate, i.daysOverdue])).toEqual([
      [ids.cr1, "超期测试事项", "2026-06-10", 5],
    ]);
    const rts = await get<Items>("/api/v1/supervision/overdue/items?region=6531&kind=rectifications");
    expect(rts.body.items.map((i) => [i.id, i.agencyId, i.daysOverdue])).toEqual([[ids.rt1, agencyA, 14]]);
    const ks = await get<Items>("/api/v1/supervision/overdue/items?region=653121&kind=complaints");
    expect(ks.body.items.map((i) => [i.id, i.label, i.agencyId, i.daysOverdue])).toEqual([
      [ids.k1, "OD-K1", agencyB, 3],
    ]);
    expect(
      (await get<Items>("/api/v1/supervision/overdue/items?region=653101&kind=complaints")).body.total,
    ).toBe(0);
  });

  it("refuses other roles and regions, and bad input with 400", async () => {
    expect((await get("/api/v1/supervision/overdue?region=6531", "kashgar.samr.reviewer")).status).toBe(403);
    expect((await get("/api/v1/supervision/overdue?region=6501")).status).toBe(403);
    expect((await get("/api/v1/supervision/overdue/items?region=6501&kind=cases")).status).toBe(403);
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/supervision/overdue?region=6531" });
    expect(anonymous.statusCode).toBe(401);
    for (const q of [
      "kind=nothing",
      "kind=cases&pageSize=101",
      "kind=cases&page=0",
      "kind=cases&agency=-1",
    ]) {
      const r = await get<{ error: { code: string } }>(`/api/v1/supervision/overdue/items?region=6531&${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe("VALIDATION_FAILED");
    }
  });
});

import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCatalogChanges } from "../../src/server/seed/demo-catalog-changes.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { seedWithOneGuide } from "../helpers/fixtures.js";
import { Sessions } from "../helpers/sessions.js";

/**
 * The owed list (办法 19–20) says how many working days are left before each due date, on the
 * calendar of the entry's region: holidays (中秋 2026-09-25, 国庆 10-01…07), 调休 and regional days.
 */

// Monday 2026-09-28, 10:00 China time.
const now = new Date("2026-09-28T02:00:00Z");
let t: TestApp;
let guideCode = "";
const sessions = new Sessions(() => t.app, "10.48.0");
const EDITOR = "kashgar.samr.editor";

interface Owed {
  id: number;
  code: string;
  regionCode: string;
  dueDate: string;
  isOverdue: boolean;
  isFulfilled: boolean;
  workdaysLeft: number | null;
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  ({ guideCode } = await seedWithOneGuide(deps));
  expect(await seedDemoCatalogChanges(deps, now, "测试经营许可")).toBe(true);
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function owedOfGuide(status: "open" | "fulfilled" = "open"): Promise<Owed | undefined> {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/v1/catalog/owed?status=${status}`,
    headers: await sessions.as(EDITOR),
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Owed[] }>().items.find((o) => o.code === guideCode);
}

async function dueOn(day: string): Promise<Owed> {
  await sql`update catalog_obligations set due_date = ${day} where entry_id = (
    select id from catalog_entries where code = ${guideCode} and layer = 'guide')`.execute(t.database.db);
  return (await owedOfGuide())!;
}

describe("owed updates: working days left", () => {
  it("counts working days to the due date, skipping 国庆 (not calendar days or weekdays)", async () => {
    // 09-29, 09-30, then 10-01…07 off, 10-08, 10-09: four working days (nine weekdays, eleven days).
    expect(await dueOn("2026-10-09")).toMatchObject({ workdaysLeft: 4, isOverdue: false });
  });

  it("is 0 on the last day and negative when overdue (中秋 2026-09-25 does not count)", async () => {
    expect(await dueOn("2026-09-28")).toMatchObject({ workdaysLeft: 0, isOverdue: false });
    expect(await dueOn("2026-09-21")).toMatchObject({ workdaysLeft: -4, isOverdue: true });
  });

  it("follows a regional day off of the entry's region", async () => {
    const owed = await dueOn("2026-10-09");
    expect(owed.regionCode.startsWith("6531")).toBe(true);
    const set = await t.app.inject({
      method: "PUT",
      url: "/api/v1/admin/calendar/overrides",
      headers: await sessions.as("kashgar.admin"),
      payload: { day: "2026-09-30", regionCode: "6531", isWorkday: false, name: "地区测试假日" },
    });
    expect(set.statusCode).toBe(200);
    expect((await owedOfGuide())?.workdaysLeft).toBe(3);
  });

  it("is null once the update is published (nothing left to count)", async () => {
    await sql`update catalog_obligations set fulfilled_at = now() where entry_id = (
      select id from catalog_entries where code = ${guideCode} and layer = 'guide')`.execute(t.database.db);
    expect(await owedOfGuide("open")).toBeUndefined();
    expect((await owedOfGuide("fulfilled"))?.workdaysLeft).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGuide, powerListMismatches } from "../../src/shared/catalog-rules.js";
import type {
  BasicItemContent,
  GuideContent,
  PowerEntryContent,
  SpecificationContent,
} from "../../src/shared/contracts/catalog-content.js";
import { DEMO_CITIZENS } from "../../src/server/seed/demo-seed.js";
import { seedDemoCatalogChanges } from "../../src/server/seed/demo-catalog-changes.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { seedWithOneGuide } from "../helpers/fixtures.js";
import { Sessions } from "../helpers/sessions.js";

// The catalog management screens: the entries a staff member manages and the context the
// browser needs to run the pure rules while a draft is typed.
let t: TestApp;
let guideCode = "";
const sessions = new Sessions(() => t.app, "10.31.0");

beforeAll(async () => {
  t = await createTestApp();
  ({ guideCode } = await seedWithOneGuide({ db: t.database.db, secrets: t.secrets }));
}, 180_000);
afterAll(async () => {
  await t.close();
});

type Body = Record<string, unknown> & { error?: { code: string } };
async function call<T = Body>(
  login: string | null,
  method: "GET" | "POST" | "PUT",
  url: string,
  payload?: unknown,
) {
  const headers = login === null ? {} : await sessions.as(login);
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<T & { error?: { code: string } }>() };
}

interface EntryRow {
  id: number;
  layer: string;
  code: string;
  name: string;
  agencyName: string | null;
  currentVersionId: number | null;
  openVersionId: number | null;
  openVersionStatus: string | null;
  mayEdit: boolean;
}
type EntryList = { items: EntryRow[]; nextAfter: number | null };

const EDITOR = "kashgar.samr.editor";
const REVIEWER = "kashgar.digital.reviewer";

describe("GET /api/v1/catalog/entries", () => {
  it("lists the editor's own agency's entries as editable, and the region's for a catalog reviewer as read-only", async () => {
    const mine = await call<EntryList>(EDITOR, "GET", "/api/v1/catalog/entries?layer=guide");
    expect(mine.status).toBe(200);
    const g = mine.body.items.find((e) => e.code === guideCode);
    expect(g).toMatchObject({ layer: "guide", name: "测试经营许可", mayEdit: true, openVersionId: null });
    expect(g?.agencyName).toMatch(/市场监督管理局/);
    expect(mine.body.items.every((e) => e.layer === "guide")).toBe(true);

    const reviewed = await call<EntryList>(REVIEWER, "GET", "/api/v1/catalog/entries?layer=guide");
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.items.find((e) => e.code === guideCode)).toMatchObject({ mayEdit: false });
  });

  it("filters by text and pages by id", async () => {
    const byName = await call<EntryList>(
      EDITOR,
      "GET",
      `/api/v1/catalog/entries?q=${encodeURIComponent("测试经营")}`,
    );
    expect(byName.body.items.map((e) => e.layer).sort()).toEqual(["basic", "guide", "power"]);
    const none = await call<EntryList>(
      EDITOR,
      "GET",
      `/api/v1/catalog/entries?q=${encodeURIComponent("不存在的事项")}`,
    );
    expect(none.body.items).toEqual([]);
    const first = await call<EntryList>(EDITOR, "GET", "/api/v1/catalog/entries?limit=1");
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextAfter).toBe(first.body.items[0]?.id);
    const second = await call<EntryList>(
      EDITOR,
      "GET",
      `/api/v1/catalog/entries?limit=1&after=${String(first.body.nextAfter)}`,
    );
    expect(second.body.items[0]?.id).toBeGreaterThan(first.body.items[0]?.id ?? 0);
  });

  it("shows the open draft of an entry", async () => {
    const list = await call<EntryList>(EDITOR, "GET", "/api/v1/catalog/entries?layer=guide");
    const g = list.body.items.find((e) => e.code === guideCode);
    const published = await call<{ content: unknown }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/versions/${String(g?.currentVersionId)}`,
    );
    const draft = await call<{ version: { id: number } }>(
      EDITOR,
      "POST",
      `/api/v1/catalog/entries/${String(g?.id)}/versions`,
      { content: published.body.content },
    );
    expect(draft.status).toBe(201);
    const after = await call<EntryList>(EDITOR, "GET", "/api/v1/catalog/entries?layer=guide");
    expect(after.body.items.find((e) => e.code === guideCode)).toMatchObject({
      openVersionId: draft.body.version.id,
      openVersionStatus: "draft",
    });
  });

  it("refuses anonymous callers, applicants and staff without a catalog role; rejects bad queries with 400", async () => {
    expect((await call(null, "GET", "/api/v1/catalog/entries")).status).toBe(401);
    const citizen = await call(DEMO_CITIZENS[0].idNumber, "GET", "/api/v1/catalog/entries");
    expect(citizen.status).toBe(403);
    const clerk = await call("kashi.clerk", "GET", "/api/v1/catalog/entries");
    expect(clerk.status).toBe(403);
    expect(clerk.body.error?.code).toBe("FORBIDDEN");
    expect((await call(EDITOR, "GET", "/api/v1/catalog/entries?layer=nope")).status).toBe(400);
    expect((await call(EDITOR, "GET", "/api/v1/catalog/entries?limit=1000")).status).toBe(400);
  });
});

describe("GET /api/v1/catalog/entries/:id/rule-context", () => {
  it("gives what the browser needs to find the same rule violations as the server", async () => {
    const list = await call<EntryList>(EDITOR, "GET", "/api/v1/catalog/entries?layer=guide");
    const g = list.body.items.find((e) => e.code === guideCode);
    const ctx = await call<{
      layer: string;
      exerciseLevel: string | null;
      basic: BasicItemContent | null;
      spec: SpecificationContent | null;
      power: { content: PowerEntryContent | null } | null;
    }>(EDITOR, "GET", `/api/v1/catalog/entries/${String(g?.id)}/rule-context`);
    expect(ctx.status).toBe(200);
    expect(ctx.body).toMatchObject({ layer: "guide", exerciseLevel: "3", spec: null });
    expect(ctx.body.basic?.name).toBe("测试经营许可");
    expect(ctx.body.power?.content?.name).toBe("测试经营许可");

    // A draft breaking two rules: promised beyond the legal limit, a catch-all material.
    const draftId = g?.openVersionId ?? 0;
    const current = await call<{ content: GuideContent }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/versions/${draftId}`,
    );
    const broken: GuideContent = {
      ...current.body.content,
      promisedLimitDays: 30,
      materials: [
        ...current.body.content.materials,
        { ...current.body.content.materials[0]!, key: "other_things", name: "其他相关材料" },
      ],
    };
    expect(
      (await call(EDITOR, "PUT", `/api/v1/catalog/versions/${draftId}`, { content: broken })).status,
    ).toBe(200);
    const server = await call<{ violations: { path: string; rule: string }[] }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/versions/${draftId}/check`,
    );
    const local = [
      ...checkGuide(broken, {
        ...(ctx.body.basic ? { basic: ctx.body.basic } : {}),
        ...(ctx.body.exerciseLevel ? { exerciseLevel: ctx.body.exerciseLevel } : {}),
      }),
    ];
    const power = powerListMismatches(broken, ctx.body.power?.content ?? undefined);
    expect(power).toEqual([]);
    const key = (v: { path: string; rule: string }) => `${v.path}|${v.rule}`;
    expect(local.map(key).sort()).toEqual(server.body.violations.map(key).sort());
    expect(local.map((v) => v.rule)).toEqual(
      expect.arrayContaining(["promised_within_legal", "no_catch_all_material"]),
    );
  });

  it("is refused to staff outside the entry's catalog scope and answers 404 for an unknown entry", async () => {
    const list = await call<EntryList>(EDITOR, "GET", "/api/v1/catalog/entries?layer=guide");
    const id = list.body.items.find((e) => e.code === guideCode)?.id ?? 0;
    expect((await call("kashi.clerk", "GET", `/api/v1/catalog/entries/${id}/rule-context`)).status).toBe(403);
    expect((await call(null, "GET", `/api/v1/catalog/entries/${id}/rule-context`)).status).toBe(401);
    expect((await call(EDITOR, "GET", "/api/v1/catalog/entries/999999/rule-context")).status).toBe(404);
    expect((await call(EDITOR, "GET", "/api/v1/catalog/entries/abc/rule-context")).status).toBe(400);
  });
});

describe("the demo's owed updates (seed)", () => {
  it("amends a basic item three weeks back: its guide owes an update, overdue, listed for the editor", async () => {
    const deps = { db: t.database.db, secrets: t.secrets };
    expect(await seedDemoCatalogChanges(deps, new Date(), "测试经营许可")).toBe(true);
    expect(await seedDemoCatalogChanges(deps, new Date(), "测试经营许可")).toBe(false);
    const owed = await call<{
      items: { code: string; layer: string; isOverdue: boolean; sourceVersionNo: number }[];
    }>(EDITOR, "GET", "/api/v1/catalog/owed");
    expect(owed.body.items.find((o) => o.code === guideCode)).toMatchObject({
      layer: "guide",
      isOverdue: true,
      sourceVersionNo: 2,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WINDOW_KIND_CODES } from "../../src/shared/contracts/halls.js";
import { DEMO_HALL_CITY, DEMO_HALL_TOWNSHIP, seedDemoHalls } from "../../src/server/seed/demo-halls.js";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

// Monday 2026-06-15, 09:00 China time: before opening, so today's slots are still ahead.
const now = new Date("2026-06-15T01:00:00Z");
let t: TestApp;
let windows: number | undefined;

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps, undefined, { withCatalog: true });
  windows = await seedDemoHalls(deps);
}, 300_000);
afterAll(async () => {
  await t.close();
});

interface Hall {
  id: number;
  regionCode: string;
  kind: string;
  opening: { periods: unknown[]; openDays: string[] } | null;
  windows: { number: string; kind: string; guideCodes: string[] }[];
  delegations: { guideCode: string }[];
}

async function hallOf(region: string, kind?: string): Promise<Hall> {
  const list = await t.app.inject({ method: "GET", url: `/api/v1/halls?region=${region}` });
  const h = list
    .json<{ items: { id: number; kind: string; regionCode: string }[] }>()
    .items.find((x) => x.regionCode === region && (kind === undefined || x.kind === kind))!;
  return (await t.app.inject({ method: "GET", url: `/api/v1/halls/${h.id}` })).json<Hall>();
}

describe("demo halls (first start)", () => {
  it("opens the 喀什市 centre with a window of every SPEC type and working-day hours", async () => {
    expect(windows).toBe(9);
    const city = await hallOf(DEMO_HALL_CITY, "service_center");
    expect(new Set(city.windows.map((w) => w.kind))).toEqual(new Set(WINDOW_KIND_CODES));
    expect(city.opening?.periods).toHaveLength(2);
    expect(city.opening?.openDays).toContain("2026-06-15");
    expect(city.opening?.openDays).not.toContain("2026-06-20");
    expect(city.windows.some((w) => w.guideCodes.length > 0)).toBe(true);
  });

  it("makes the city's items bookable and the queue usable", async () => {
    const city = await hallOf(DEMO_HALL_CITY, "service_center");
    const code = city.windows.find((w) => w.kind === "cross_province")!.guideCodes[0]!;
    const slots = await t.app.inject({
      method: "GET",
      url: `/api/v1/halls/${city.id}/slots?guideCode=${code}`,
    });
    expect(slots.statusCode).toBe(200);
    const list = slots.json<{ slots: { available: number }[] }>().slots;
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]!.available).toBeGreaterThan(0);
    const ticket = await t.app.inject({
      method: "POST",
      url: `/api/v1/halls/${city.id}/tickets`,
      payload: {},
    });
    expect(ticket.statusCode).toBe(201);
  });

  it("delegates items down to the township centre (委托受理), which is bookable for them", async () => {
    const town = await hallOf(DEMO_HALL_TOWNSHIP);
    expect(town.windows.map((w) => w.kind)).toEqual(["comprehensive", "assisted"]);
    expect(town.delegations.length).toBeGreaterThan(0);
    const code = town.delegations[0]!.guideCode;
    const slots = await t.app.inject({
      method: "GET",
      url: `/api/v1/halls/${town.id}/slots?guideCode=${code}`,
    });
    expect(slots.statusCode).toBe(200);
  });

  it("runs once", async () => {
    expect(await seedDemoHalls({ db: t.database.db, secrets: t.secrets, now: () => now })).toBeUndefined();
  });
});

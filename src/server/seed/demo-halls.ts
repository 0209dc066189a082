import { SYSTEM, toAuditActor } from "../actor.js";
import { recordAudit } from "../audit/audit.service.js";
import type { WindowKind } from "../db/tables.js";
import type { Deps } from "../http/context.js";
import { listGuides } from "../modules/catalog/catalog.service.js";
import { addWindow, configureHall, delegateItem, listHalls } from "../modules/halls/halls.service.js";
import { readMeta, writeMeta } from "./seed.queries.js";

/** The demo city and the township whose halls are opened at first start. */
export const DEMO_HALL_CITY = "653101";
export const DEMO_HALL_TOWNSHIP = "653101001";

/** Working-day hours of Xinjiang's halls (Beijing time): 10:00–13:30 and 16:00–19:30. */
export const DEMO_HALL_SETTINGS = {
  periods: [
    { start: "10:00", end: "13:30" },
    { start: "16:00", end: "19:30" },
  ],
  slotMinutes: 30,
  capacityPerWindow: 2,
  bookingDaysAhead: 7,
};

/**
 * Demo halls (issue #11): the 喀什市 政务服务中心 with one window of each SPEC window type and the
 * city's published items spread over them, and a township 便民服务中心 with a 综合窗口, a 帮办代办
 * window and items delegated down (委托受理). Runs once (platform_meta 'demo_halls') and only after
 * the catalog is published; returns the number of windows made, or undefined when already done.
 */
export async function seedDemoHalls(deps: Deps): Promise<number | undefined> {
  if ((await readMeta(deps.db, "demo_halls")) !== undefined) return undefined;
  const guides = (await listGuides({ regionWithin: DEMO_HALL_CITY, limit: 200 }, deps)).items;
  if (guides.length === 0) return undefined;
  const halls = (await listHalls(DEMO_HALL_CITY, deps)).items;
  const city = halls.find((h) => h.kind === "service_center" && h.regionCode === DEMO_HALL_CITY);
  const town = halls.find((h) => h.regionCode === DEMO_HALL_TOWNSHIP);
  if (city === undefined || town === undefined) return undefined;
  const codes = guides.filter((g) => g.regionCode === DEMO_HALL_CITY).map((g) => g.code);
  const share = (from: number, n: number) => codes.slice(from, from + n);
  const cityWindows: { number: string; kind: WindowKind; guideCodes: string[] }[] = [
    // 无差别综合窗口: an empty list takes in every item.
    { number: "A01", kind: "comprehensive", guideCodes: [] },
    { number: "A02", kind: "comprehensive", guideCodes: [] },
    { number: "B01", kind: "cross_province", guideCodes: share(0, 8) },
    { number: "C01", kind: "in_region", guideCodes: share(0, 12) },
    { number: "D01", kind: "one_thing", guideCodes: share(4, 20) },
    { number: "E01", kind: "assisted", guideCodes: [] },
    { number: "F01", kind: "complaint", guideCodes: [] },
  ];
  let made = 0;
  await configureHall(SYSTEM, city.id, DEMO_HALL_SETTINGS, deps);
  for (const w of cityWindows) {
    await addWindow(SYSTEM, city.id, w, deps);
    made++;
  }
  await configureHall(SYSTEM, town.id, DEMO_HALL_SETTINGS, deps);
  for (const w of [
    { number: "1", kind: "comprehensive" as const, guideCodes: [] },
    { number: "2", kind: "assisted" as const, guideCodes: [] },
  ]) {
    await addWindow(SYSTEM, town.id, w, deps);
    made++;
  }
  for (const code of share(0, 5)) {
    await delegateItem(
      SYSTEM,
      town.id,
      { guideCode: code, basis: "喀什市政务服务事项委托乡镇（街道）便民服务中心受理目录（演示）" },
      deps,
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    const value = { cityHallId: city.id, townHallId: town.id, windows: made };
    await writeMeta(trx, "demo_halls", value);
    await recordAudit(trx, {
      actor: toAuditActor(SYSTEM),
      action: "seed.demo_halls",
      entityType: "platform_meta",
      entityId: "demo_halls",
      after: value,
    });
  });
  return made;
}

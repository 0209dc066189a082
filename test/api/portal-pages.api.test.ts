import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
let guideCode = "";
let bundleCode = "";

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ db: t.database.db, secrets: t.secrets, now: () => new Date() }, undefined, {
    withCatalog: true,
  });
  const guides = await t.app.inject({
    method: "GET",
    url: `/api/v1/guides?q=${encodeURIComponent("企业设立登记")}&limit=20`,
  });
  guideCode =
    guides
      .json<{ items: { code: string; regionCode: string }[] }>()
      .items.find((g) => g.regionCode === "6531")?.code ?? "";
  const bundles = await t.app.inject({ method: "GET", url: "/api/v1/bundles?region=6531&limit=50" });
  bundleCode =
    bundles.json<{ items: { code: string; name: string }[] }>().items.find((b) => b.name === "企业开办")
      ?.code ?? "";
}, 240_000);
afterAll(async () => {
  await t.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });
/** The props the server handed to an island (what the browser will hydrate it with). */
function islandProps(html: string, name: string): Record<string, unknown> {
  const m = new RegExp(`data-island="${name}" data-props="([^"]*)"`).exec(html);
  expect(m, `island ${name}`).not.toBeNull();
  return JSON.parse((m?.[1] ?? "{}").replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as Record<
    string,
    unknown
  >;
}

describe("portal pages: apply, bundles, complaints", () => {
  it("the apply page hands the island only the guide's form and materials, and renders the form without JavaScript", async () => {
    expect(guideCode).not.toBe("");
    const res = await get(`/apply/${guideCode}`);
    expect(res.statusCode).toBe(200);
    const props = islandProps(res.body, "apply") as {
      guide: {
        kind: string;
        code: string;
        form: { key: string }[];
        materials: { key: string; source: string }[];
      };
    };
    expect(props.guide.kind).toBe("item");
    expect(props.guide.code).toBe(guideCode);
    expect(props.guide.form.map((f) => f.key)).toContain("enterpriseName");
    expect(props.guide.materials.find((m) => m.key === "id_card")?.source).toBe("license");
    // Not signed in on the server side: the island renders its loading state, the title names the item.
    expect(res.body).toContain("在线申请：企业设立登记");
    const guide = await get(`/guides/${guideCode}`);
    expect(guide.body).toContain(`href="/apply/${guideCode}"`);
  });

  it("answers an unknown guide's apply page and an unknown bundle with 404 pages", async () => {
    expect((await get("/apply/11653100MB000024XH365010200199Z")).statusCode).toBe(404);
    expect((await get("/apply/nope")).statusCode).toBe(404);
    expect((await get("/bundles/YJS-0000-99")).statusCode).toBe(404);
    expect((await get("/bundles/YJS-0000-99/apply")).statusCode).toBe(404);
  });

  it("renders a bundle's integrated guide without script: items, stages, one form, merged materials", async () => {
    expect(bundleCode).not.toBe("");
    const api = (await get(`/api/v1/bundles/${bundleCode}`)).json<{
      items: { name: string; guideCode: string }[];
      form: { label: string }[];
    }>();
    const res = await get(`/bundles/${bundleCode}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h1>企业开办</h1>");
    expect(res.body).not.toContain("<script");
    for (const i of api.items) expect(res.body).toContain(`href="/guides/${i.guideCode}"`);
    for (const f of api.form.slice(0, 5)) expect(res.body).toContain(f.label);
    expect(res.body).toContain(`href="/bundles/${bundleCode}/apply"`);
    const apply = await get(`/bundles/${bundleCode}/apply`);
    const props = islandProps(apply.body, "apply") as { guide: { kind: string; form: unknown[] } };
    expect(props.guide.kind).toBe("bundle");
    expect(props.guide.form).toHaveLength(api.form.length);
  });

  it("lists the region's bundles on the home page, and asks for a region where none are in force", async () => {
    const kashgar = await get("/", { cookie: "tb_region=6531" });
    expect(kashgar.body).toContain(`href="/bundles/${bundleCode}"`);
    const xinjiang = await get("/", { cookie: "tb_region=65" });
    expect(xinjiang.body).not.toContain('href="/bundles/');
    expect(xinjiang.body).toContain("请先选择您所在的地区");
  });

  it("the complaint page passes on only a well-formed case id or guide code", async () => {
    const id = "0b6f1c9e-3f7a-4c1e-9a39-5c7d2a8e4f10";
    expect(islandProps((await get(`/complaints/new?case=${id}`)).body, "complaint")).toMatchObject({
      caseId: id,
      guideCode: null,
    });
    expect(
      islandProps((await get(`/complaints/new?case=<x>&guide=${guideCode}`)).body, "complaint"),
    ).toMatchObject({ caseId: null, guideCode });
  });

  it("the interface of the new pages is in Uyghur, right to left", async () => {
    const res = await get(`/bundles/${bundleCode}`, { cookie: "tb_lang=ug" });
    expect(res.body).toContain('dir="rtl"');
    expect(res.body).toContain("ئۆز ئىچىگە ئالغان تۈرلەر");
  });
});

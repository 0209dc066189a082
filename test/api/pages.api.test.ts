import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeBack } from "../../src/server/modules/pages/pages.routes.js";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { publishServiceGuide } from "../helpers/fixtures.js";

const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let guideCode = "";

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  ({ guideCode } = await publishServiceGuide(deps, "网页测试服务", "2026-06-16"));
}, 180_000);
afterAll(async () => {
  await t.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });

describe("server-rendered public pages", () => {
  it("renders the guide with every element of 条例 12, its version, date, print link and QR, and no script", async () => {
    const res = await get(`/guides/${guideCode}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    const html = res.body;
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<h1>网页测试服务</h1>");
    expect(html).toMatch(/第 1 版/);
    expect(html).toContain("自 2026-06-16 起施行");
    expect(html).toContain(`href="/guides/${guideCode}/print"`);
    expect(html).toContain(`src="/api/v1/guides/${guideCode}/qr.png"`);
    for (const label of [
      "事项类型",
      "设定依据",
      "实施主体",
      "受理条件",
      "服务对象",
      "办件类型",
      "法定办结时限",
      "承诺办结时限",
      "办理结果",
      "结果样本",
      "收费标准及依据",
      "办理流程",
      "办理形式",
      "审查标准",
      "容缺受理",
      "告知承诺",
      "通办范围",
      "全程网办",
      "是否进驻大厅",
      "预约办理",
      "咨询方式",
      "监督投诉方式",
    ])
      expect(html, label).toContain(`<th scope="row">${label}</th>`);
    expect(html).toContain("申请材料");
    expect(html).not.toContain("<script");
  });

  it("answers an unknown or malformed guide code with an HTML 404 page", async () => {
    for (const code of ["nope", "11653100MB000024XH365010200199Y"]) {
      const res = await get(`/guides/${code}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("页面不存在");
    }
  });

  it("lists published guides on the home page and finds them by search", async () => {
    expect((await get("/")).body).toContain(`href="/guides/${guideCode}"`);
    const hit = await get(`/search?q=${encodeURIComponent("网页测试")}`);
    expect(hit.body).toContain(`href="/guides/${guideCode}"`);
    expect(hit.body).toContain("“网页测试”的搜索结果：1 项");
    const miss = await get(`/search?q=${encodeURIComponent("没有这种事项")}`);
    expect(miss.body).toContain("没有找到相关事项");
    expect((await get("/search")).body).toContain("请输入关键词");
  });

  it("picks the locale by cookie first, then Accept-Language; Uyghur is right to left", async () => {
    expect((await get("/", { "accept-language": "en-US,en;q=0.9" })).body).toContain(
      '<html lang="en" dir="ltr"',
    );
    const ug = await get("/", { "accept-language": "en", cookie: "tb_lang=ug" });
    expect(ug.body).toContain('<html lang="ug" dir="rtl"');
    expect(ug.body).toContain("ئىزدەش");
    expect((await get("/", { cookie: "tb_lang=xx" })).body).toContain('<html lang="zh-CN" dir="ltr"');
  });

  it("turns on the elder-friendly mode from its cookie", async () => {
    const res = await get("/", { cookie: "tb_elder=1" });
    expect(res.body).toContain('class="elder"');
    expect(res.body).toContain('aria-pressed="true"');
    expect((await get("/")).body).toContain('aria-pressed="false"');
  });

  it("sets preferences without JavaScript and only returns to same-site paths", async () => {
    const lang = await get(`/prefs?lang=ug&back=${encodeURIComponent("/search?q=x")}`);
    expect(lang.statusCode).toBe(303);
    expect(lang.headers.location).toBe("/search?q=x");
    expect(String(lang.headers["set-cookie"])).toMatch(/tb_lang=ug;.*HttpOnly/);
    const evil = await get("/prefs?elder=1&back=//evil.example/");
    expect(evil.headers.location).toBe("/");
    expect(String(evil.headers["set-cookie"])).toContain("tb_elder=1");
    const region = await get("/prefs?region=653101&back=/");
    expect(String(region.headers["set-cookie"])).toContain("tb_region=653101");
    expect((await get("/prefs?region=659999&back=/")).headers["set-cookie"]).toBeUndefined();
    expect((await get("/prefs?lang=fr")).headers["set-cookie"]).toBeUndefined();
    expect(safeBack("/\\evil")).toBe("/");
    expect(safeBack("https://evil.example")).toBe("/");
  });

  it("shows the current region and lets one walk down to townships", async () => {
    const home = await get("/", { cookie: "tb_region=653101" });
    expect(home.body).toContain("当前：喀什市");
    const county = await get("/region?code=653101");
    expect(county.body).toMatch(/href="\/region\?code=653101\d{3}"/);
    expect(county.body).toContain('href="/region?code=6531"');
    expect(county.body).toContain(`href="/prefs?region=653101&amp;back=%2F"`);
    expect((await get("/region?code=659999")).statusCode).toBe(404);
  });

  it("renders the sign-in island and the staff app shells", async () => {
    const login = await get("/login?next=/workbench");
    expect(login.body).toContain('data-island="login"');
    expect(login.body).toContain("&quot;next&quot;:&quot;/workbench&quot;");
    expect((await get("/login?next=//evil.example")).body).toContain("&quot;next&quot;:&quot;&quot;");
    const me = await get("/me/cases");
    expect(me.body).toContain('data-island="me"');
    expect(me.body).toContain("&quot;section&quot;:&quot;cases&quot;");
    for (const url of ["/workbench", "/workbench/cases/42", "/admin/users"]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('id="app"');
    }
  });

  it("compresses pages for clients that accept it", async () => {
    const res = await get("/", { "accept-encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers.vary).toMatch(/Cookie/);
  });
});

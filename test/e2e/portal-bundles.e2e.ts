import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { DEMO_ENTERPRISE } from "../../src/server/seed/demo-seed.js";
import { BASE, PHONE, context, launch, seriousViolations } from "./browser.js";

/**
 * The portal's remaining journeys: a guide page in English and in Uyghur with its labels translated;
 * the public verification page of a sealed document in Uyghur (right to left); a 一件事 application
 * with 免证办 (shared data attached with consent); withdrawing a bundle application; rating a
 * concluded one. Staff steps go through the HTTP API with demo staff logins.
 */
let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const CITIZEN = "653101199003152015";
const PASSWORD = "Demo@2026xj";

const tokens = new Map<string, string>();
async function staff(login: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  let token = tokens.get(login);
  if (token === undefined) {
    const res = await fetch(`${BASE}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ identifier: login, password: PASSWORD, mode: "token" }),
    });
    assert.equal(res.status, 200, `login ${login}`);
    token = ((await res.json()) as { token: string }).token;
    tokens.set(login, token);
  }
  const res = await fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  assert.ok(res.ok, `${login} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function signIn(page: Page, next: string) {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.locator("[data-island][data-hydrated]").waitFor();
  await page.getByLabel(/身份证号/).fill(CITIZEN);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => u.pathname === next.split("?")[0]);
}

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get("/api/v1/me")).json()) as { csrfToken: string }).csrfToken;
}

/** The 企业设立登记 guide of the prefecture's 市场监督管理局 (its demo staff handle the case). */
async function prefectureGuide(page: Page): Promise<string> {
  const res = await page.request.get(`/api/v1/guides?q=${encodeURIComponent("企业设立登记")}&limit=20`);
  const items = ((await res.json()) as { items: { code: string; regionCode: string }[] }).items;
  const g = items.find((i) => i.regionCode === "6531");
  assert.ok(g, "the prefecture's 企业设立登记 guide is published");
  return g.code;
}

void describe("guide pages in English and Uyghur", () => {
  void test("the elements of 条例 12, the code sets and the material metadata are translated; axe finds nothing serious", async () => {
    // (the pages need no script; axe itself runs as one)
    const c = await context(browser);
    const p = await c.newPage();
    const code = await prefectureGuide(p);
    await c.addCookies([{ name: "tb_lang", value: "en", url: BASE }]);
    await p.goto(`/guides/${code}`);
    const table = p.locator("table.elements");
    for (const label of [
      "Item type",
      "Legal basis",
      "Conditions for acceptance",
      "Promised time limit",
      "Procedure",
    ])
      await table.getByRole("rowheader", { name: label, exact: true }).waitFor();
    assert.match((await table.textContent()) ?? "", /Administrative licensing/);
    assert.match(
      (await p.locator("ol.materials").textContent()) ?? "",
      /Originals \d · Copies \d · (Required|Optional)/,
    );
    // No interface text in Chinese: the row labels and the material metadata.
    const labels = [
      ...(await table.locator("th").allTextContents()),
      ...(await p.locator("ol.materials .meta").allTextContents()),
    ];
    assert.ok(labels.length > 20);
    for (const l of labels) assert.doesNotMatch(l, /[\u4e00-\u9fff]/, l);
    // The guide's own text stays Chinese, marked as such.
    assert.equal(await p.locator("h1").getAttribute("lang"), "zh-CN");
    for (const v of await seriousViolations(p)) assert.fail(`guide [en]: ${v}`);

    await c.addCookies([{ name: "tb_lang", value: "ug", url: BASE }]);
    await p.goto(`/guides/${code}`);
    assert.equal(await p.locator("html").getAttribute("dir"), "rtl");
    assert.equal(await p.locator("html").getAttribute("lang"), "ug");
    for (const label of ["قانۇنىي ئاساس", "قوبۇل قىلىش شەرتى", "ۋەدە قىلىنغان ۋاقىت"])
      await table.getByRole("rowheader", { name: label, exact: true }).waitFor();
    assert.match((await p.locator("ol.materials").textContent()) ?? "", /ئەسلى نۇسخا \d/);
    for (const v of await seriousViolations(p)) assert.fail(`guide [ug]: ${v}`);
    // The printable version follows the language too.
    await p.goto(`/guides/${code}/print`);
    assert.equal(await p.locator("html").getAttribute("dir"), "rtl");
    await p.getByRole("rowheader", { name: "قانۇنىي ئاساس", exact: true }).waitFor();
    await c.close();
  });
});

void describe("the verification page of a sealed document in Uyghur", () => {
  void test("right to left in the portal layout, the seal verified, no script needed, axe-clean", async () => {
    const c = await context(browser);
    const p = await c.newPage();
    await signIn(p, "/me");
    const code = await prefectureGuide(p);
    const res = await p.request.post("/api/v1/cases", {
      headers: { "x-csrf-token": await csrf(p) },
      data: {
        guideCode: code,
        formData: {
          enterpriseName: "喀什核验测试有限公司",
          enterpriseType: "有限责任公司",
          registeredCapital: 50,
          legalRepresentative: "买买提·艾力",
          address: "喀什市解放北路 2 号",
          businessScope: "日用百货销售",
          phone: "13899990001",
        },
      },
    });
    assert.equal(res.status(), 201);
    const caseId = ((await res.json()) as { id: string }).id;
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${caseId}/acceptance`, { outcome: "accepted" });
    // The acceptance notice is sealed by a background job.
    let documentId = "";
    for (let i = 0; i < 60 && documentId === ""; i++) {
      const docs = (await (await p.request.get(`/api/v1/cases/${caseId}/documents`)).json()) as {
        items: { id: string }[];
      };
      documentId = docs.items[0]?.id ?? "";
      if (documentId === "") await p.waitForTimeout(1000);
    }
    assert.notEqual(documentId, "", "the acceptance notice was sealed");
    await c.close();

    const anon = await context(browser, { viewport: PHONE });
    await anon.addCookies([{ name: "tb_lang", value: "ug", url: BASE }]);
    const v = await anon.newPage();
    await v.goto(`/verify/documents/${documentId}`);
    assert.equal(await v.locator("html").getAttribute("dir"), "rtl");
    assert.equal(await v.locator("html").getAttribute("lang"), "ug");
    assert.equal(await v.locator("h1").textContent(), "ھۆججەت دەلىللەش");
    assert.match((await v.getByRole("status").textContent()) ?? "", /تامغا ئىناۋەتلىك/);
    await v.getByRole("rowheader", { name: "ئىش نومۇرى", exact: true }).waitFor();
    // The portal's layout: the language switcher and the 适老化 control.
    await v.getByRole("navigation", { name: "تىل" }).getByRole("link", { name: "中文" }).waitFor();
    await v.locator("#elder-toggle").waitFor();
    const dir = await v.locator("main").evaluate((m) => getComputedStyle(m).direction);
    assert.equal(dir, "rtl");
    for (const x of await seriousViolations(v)) assert.fail(`verify [ug]: ${x}`);
    // Switch to Chinese without JavaScript: the verdict as before.
    await v.getByRole("navigation", { name: "تىل" }).getByRole("link", { name: "中文" }).click();
    await v.waitForURL(`**/verify/documents/${documentId}`);
    assert.match((await v.getByRole("status").textContent()) ?? "", /签章有效/);
    await anon.close();
  });
});

interface Application {
  id: string;
  subCases: { caseId: string; itemName: string; status: string }[];
}

/** Values for a bundle's merged form, field by field by its type (via the JSON API). */
async function mergedFormData(page: Page, code: string): Promise<Record<string, unknown>> {
  const g = (await (await page.request.get(`/api/v1/bundles/${code}`)).json()) as {
    form: { key: string; type: string; options?: string[] }[];
  };
  const value = (f: { type: string; options?: string[] }): unknown => {
    switch (f.type) {
      case "select":
        return f.options?.[0] ?? "其他";
      case "date":
        return "2026-01-05";
      case "number":
        return 90;
      case "phone":
        return "13899990001";
      case "id_number":
        return CITIZEN;
      case "credit_code":
        return DEMO_ENTERPRISE.creditCode;
      case "region":
        return "653101";
      default:
        return "喀什市人民东路 1 号";
    }
  };
  return Object.fromEntries(g.form.map((f) => [f.key, value(f)]));
}

void describe("一件事 in the portal: 免证办, withdrawal, rating", () => {
  void test("apply for a bundle with 免证办: the shared data is attached with consent, not uploaded", async () => {
    const c = await context(browser);
    await c.addCookies([{ name: "tb_region", value: "6531", url: BASE }]);
    const p = await c.newPage();
    await signIn(p, "/me");
    await p.goto("/bundles/YJS-6531-18/apply");
    await p.locator("[data-island][data-hydrated]").waitFor();
    await p.locator("form.form").waitFor();
    const consent = p.getByLabel("同意调用本人的电子证照和共享数据，免于提交相应材料");
    await consent.waitFor();
    assert.equal(await consent.isChecked(), true);
    const diploma = p.getByTestId("material-diploma");
    await diploma.waitFor();
    assert.match((await diploma.textContent()) ?? "", /免提交/);
    for (const v of await seriousViolations(p)) assert.fail(`bundle apply: ${v}`);
    for (const el of await p.locator("form.form [id^='f-']").all()) {
      const tag = await el.evaluate((e) => e.tagName);
      const type = (await el.getAttribute("type")) ?? "";
      if ((await el.inputValue()) !== "") continue;
      if (tag === "SELECT") await el.selectOption({ index: 1 });
      else if (type === "date") await el.fill("2026-07-01");
      else if (type === "number") await el.fill("90");
      else if (type === "tel") await el.fill("13899990001");
      else if (/id_?number/i.test((await el.getAttribute("id")) ?? "")) await el.fill(CITIZEN);
      else await el.fill("喀什大学");
    }
    await p.getByRole("button", { name: "下一步：核对" }).click();
    await p.getByRole("heading", { name: "核对申请信息" }).waitFor();
    assert.match((await p.locator(".review-materials").textContent()) ?? "", /免提交/);
    await p.getByRole("button", { name: "提交申请" }).click();
    await p.waitForURL(/\/me\/bundles\/[0-9a-f-]{36}$/);
    await p.getByTestId("sub-cases").waitFor();
    const id = p.url().split("/").at(-1) ?? "";
    const app = (await (await p.request.get(`/api/v1/bundles/applications/${id}`)).json()) as Application;
    for (const s of app.subCases) {
      const sub = (await (await p.request.get(`/api/v1/cases/${s.caseId}`)).json()) as {
        materials: { name: string; source: string; reference: string | null }[];
      };
      const shared = sub.materials.filter((m) => m.source === "shared_data");
      assert.ok(shared.length >= 1, `${s.itemName}: the shared data is attached`);
      assert.match(shared[0]?.reference ?? "", /^shared_data:/);
    }
    // My cases lists the application.
    await p.goto("/me/cases");
    await p.getByTestId("my-bundles").locator(`a[href="/me/bundles/${id}"]`).waitFor();
    await c.close();
  });

  void test("withdraw a bundle application: the running items are withdrawn, the decided one kept; rate it once concluded", async () => {
    const c = await context(browser);
    const p = await c.newPage();
    await signIn(p, "/me");
    const res = await p.request.post("/api/v1/bundles/YJS-6531-01/applications", {
      headers: { "x-csrf-token": await csrf(p) },
      data: { formData: await mergedFormData(p, "YJS-6531-01"), materials: [] },
    });
    assert.equal(res.status(), 201, await res.text());
    const app = (await res.json()) as Application;
    const registration = app.subCases.find((s) => s.itemName === "企业设立登记");
    assert.ok(registration, "the 企业设立登记 sub-case");
    const sub = registration.caseId;
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${sub}/acceptance`, { outcome: "accepted" });
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${sub}/dispatch`, {});
    await staff("kashgar.samr.approver", `/api/v1/cases/${sub}/decision`, { decision: "approve" });

    await p.goto(`/me/bundles/${app.id}`);
    await p.locator("[data-island][data-hydrated]").waitFor();
    await p.getByTestId("sub-cases").waitFor();
    assert.equal(await p.getByTestId("bundle-status").textContent(), "并联办理中");
    p.once("dialog", (d) => void d.accept());
    await p.getByRole("button", { name: "撤回一件事申请" }).click();
    await p.getByRole("status").filter({ hasText: "已撤回尚未作出决定的事项" }).waitFor();
    assert.equal(await p.getByTestId("bundle-status").textContent(), "待统一出件");
    const statuses = await p.getByTestId("sub-cases").locator("tbody tr td:nth-child(4)").allTextContents();
    assert.equal(statuses.filter((s) => s === "已撤回").length, app.subCases.length - 1);
    assert.equal(statuses.filter((s) => s === "已办结（准予）").length, 1);
    assert.equal(await p.getByRole("button", { name: "撤回一件事申请" }).count(), 0);

    // The window delivers the result: the application has concluded and can be rated, once.
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${sub}/delivery`, {});
    await p.reload();
    await p.locator("[data-island][data-hydrated]").waitFor();
    await p.getByRole("group", { name: "评价本次服务（好差评）" }).waitFor();
    assert.equal(await p.getByTestId("bundle-status").textContent(), "已办结");
    await p.getByText("一次评价，记入各事项的办理部门。").waitFor();
    for (const v of await seriousViolations(p)) assert.fail(`bundle rating: ${v}`);
    await p.getByLabel("满意", { exact: true }).check();
    await p.getByLabel("意见建议（可选）").fill("一次申请办好了，很方便。");
    await p.getByRole("button", { name: "提交评价" }).click();
    const rated = p.getByTestId("bundle-rated");
    await rated.waitFor();
    assert.match((await rated.textContent()) ?? "", /企业设立登记（喀什地区市场监督管理局）：满意/);
    await p.reload();
    await rated.waitFor();
    assert.equal(await p.getByRole("button", { name: "提交评价" }).count(), 0);
    // The department's sub-case carries the rating.
    const ev = (await (await p.request.get(`/api/v1/cases/${sub}/evaluation`)).json()) as { level: number };
    assert.equal(ev.level, 2);
    await c.close();
  });
});

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { BASE, PHONE, context, launch, screenshots, seriousViolations } from "./browser.js";

/**
 * The applicant's journey in the browser: search → guide → apply (prefill, uploads, saved draft,
 * review, a lost answer retried under the same idempotency key) → my case; 容缺 acceptance by staff
 * (driven through the HTTP API with a demo staff login) → supply the missing material → a notice to
 * download → approval and delivery → rate the case → file a complaint; Uyghur and the elder mode on
 * the apply page; axe on every new page.
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
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const pdf = (name: string) => ({ name, mimeType: "application/pdf", buffer: PDF });

const tokens = new Map<string, string>();
/** A staff step through the JSON API (bearer token of a demo staff account). */
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

/** The 企业设立登记 guide of the prefecture's 市场监督管理局 (its demo staff handle the case). */
async function prefectureGuide(page: Page): Promise<string> {
  const res = await page.request.get(`/api/v1/guides?q=${encodeURIComponent("企业设立登记")}&limit=20`);
  const items = ((await res.json()) as { items: { code: string; regionCode: string }[] }).items;
  const g = items.find((i) => i.regionCode === "6531");
  assert.ok(g, "the prefecture's 企业设立登记 guide is published");
  return g.code;
}

/** The CSRF token of the page's cookie session (for API writes made from the test). */
async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get("/api/v1/me")).json()) as { csrfToken: string }).csrfToken;
}

async function myCaseCount(page: Page): Promise<number> {
  return ((await (await page.request.get("/api/v1/cases?limit=100")).json()) as { items: unknown[] }).items
    .length;
}

let ctx: BrowserContext;
let page: Page;
let caseUrl = "";
let guideCode = "";

void describe("applying online and following the case", () => {
  before(async () => {
    ctx = await context(browser);
    page = await ctx.newPage();
  });
  after(async () => {
    await ctx.close();
  });

  void test("search → guide → apply with prefill, uploads, a draft that survives a reload, review; a lost answer makes no second case", async () => {
    await signIn(page, "/me");
    guideCode = await prefectureGuide(page);
    const before = await myCaseCount(page);
    await page.goto(`/search?q=${encodeURIComponent("企业设立")}`);
    await page.locator(`.guide-list a[href="/guides/${guideCode}"]`).click();
    await page.waitForURL(`**/guides/${guideCode}`);
    await page.getByTestId("apply-link").click();
    await page.waitForURL(`**/apply/${guideCode}`);
    await page.locator("[data-island][data-hydrated]").waitFor();
    const form = page.locator("form.form");
    await form.waitFor();
    // Prefilled from the profile; the ID card is a 免证办 licence attached automatically.
    assert.match(await page.locator("#f-phone").inputValue(), /^1\d{10}$/);
    // No 居民身份证 e-licence in this wallet yet, so 免证办 does not apply: it is uploaded.
    assert.equal(await page.getByTestId("material-id_card").count(), 0);
    await page.locator("#f-enterpriseName").fill("喀什丝路新创科技有限公司");
    await page.locator("#f-enterpriseType").selectOption("有限责任公司");
    await page.locator("#f-registeredCapital").fill("100");
    await page.locator("#f-legalRepresentative").fill("买买提·艾力");
    await page.locator("#f-address").fill("喀什市人民东路 1 号");
    await page.locator("#f-businessScope").fill("软件开发；信息技术咨询服务");
    for (const key of ["application_form", "articles_of_association", "id_card", "officer_appointment"]) {
      await page.locator(`#m-${key}`).setInputFiles(pdf(`${key}.pdf`));
      await page.getByTestId(`file-${key}`).waitFor();
    }
    // The draft survives a reload (fields and the small files).
    await page.reload();
    await page.locator("[data-island][data-hydrated]").waitFor();
    await page.getByText("已恢复您保存的草稿").waitFor();
    assert.equal(await page.locator("#f-enterpriseName").inputValue(), "喀什丝路新创科技有限公司");
    await page.getByTestId("file-officer_appointment").waitFor();
    await page.getByRole("button", { name: "下一步：核对" }).click();
    await page.getByRole("heading", { name: "核对申请信息" }).waitFor();
    assert.match((await page.locator(".review-materials").textContent()) ?? "", /可容缺/);

    // The first submission reaches the server but its answer is lost on the way back.
    let lost = 0;
    await page.route("**/api/v1/cases", async (route) => {
      if (route.request().method() === "POST" && lost === 0) {
        lost++;
        await route.fetch();
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    await page.getByRole("button", { name: "提交申请" }).click();
    await page.getByRole("alert").filter({ hasText: "网络中断" }).waitFor();
    assert.equal(lost, 1);
    // Submitting again (here with a double click) returns the same case under the same key.
    await page.getByRole("button", { name: "提交申请" }).dblclick();
    await page.waitForURL(/\/me\/cases\/[0-9a-f-]{36}$/);
    caseUrl = new URL(page.url()).pathname;
    await page.getByTestId("case-number").waitFor();
    assert.match((await page.getByTestId("case-number").textContent()) ?? "", /^6531-\d{8}-O-\d{6}$/);
    assert.equal(await page.getByTestId("case-status").textContent(), "已提交，待受理");
    assert.equal(await myCaseCount(page), before + 1, "exactly one new case");
    await page.unroute("**/api/v1/cases");
    // The draft is gone once submitted.
    await page.goto(`/apply/${guideCode}`);
    await page.locator("[data-island][data-hydrated]").waitFor();
    assert.equal(await page.getByText("已恢复您保存的草稿").count(), 0);
    // My cases lists it.
    await page.goto("/me/cases");
    await page.locator(`a[href="${caseUrl}"]`).waitFor();
  });

  void test("容缺 acceptance by staff; the applicant supplies the missing material; the notice downloads", async () => {
    const id = caseUrl.split("/").at(-1) ?? "";
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${id}/acceptance`, {
      outcome: "tolerance",
      missingMaterialKeys: ["premises_proof"],
      supplementDays: 5,
    });
    await page.goto(caseUrl);
    await page.getByRole("heading", { name: "请补交材料" }).waitFor();
    assert.equal(await page.getByTestId("case-status").textContent(), "已受理");
    await page
      .getByTestId("case-due")
      .filter({ hasText: /剩余 \d+ 个工作日/ })
      .waitFor();
    assert.match(
      (await page.getByTestId("case-due").textContent()) ?? "",
      /\d{4}-\d{2}-\d{2} · 剩余 \d+ 个工作日/,
    );
    assert.ok((await page.getByTestId("timeline").locator("li").count()) >= 2);
    await page.getByLabel(/住所（经营场所）使用证明/).setInputFiles(pdf("租赁合同.pdf"));
    await page.getByRole("button", { name: "补交材料" }).click();
    await page.getByRole("status").filter({ hasText: "材料已补交" }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "请补交材料" }).count(), 0);
    // The 容缺受理 notice opens for download/printing.
    const link = page.getByTestId("notice-link").first();
    const href = (await link.getAttribute("href")) ?? "";
    const res = await page.request.get(href);
    assert.equal(res.status(), 200);
    assert.match(await res.text(), /容缺/);
  });

  void test("approved and delivered, the applicant rates the case once", async () => {
    const id = caseUrl.split("/").at(-1) ?? "";
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${id}/dispatch`, {});
    await staff("kashgar.samr.approver", `/api/v1/cases/${id}/decision`, { decision: "approve" });
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${id}/delivery`, {});
    await page.goto(caseUrl);
    await page.getByRole("group", { name: "评价本次服务（好差评）" }).waitFor();
    assert.equal(await page.getByTestId("case-status").textContent(), "已送达");
    await page.getByLabel("满意", { exact: true }).check();
    await page.getByLabel("意见建议（可选）").fill("网上办理很方便。");
    await page.getByRole("button", { name: "提交评价" }).click();
    await page.getByTestId("rated").waitFor();
    assert.match((await page.getByTestId("rated").textContent()) ?? "", /满意/);
    await page.reload();
    await page.getByTestId("rated").waitFor();
    assert.equal(await page.getByRole("button", { name: "提交评价" }).count(), 0);
  });

  void test("the sealed notice downloads as a PDF and verifies; the issued licence is in the wallet with its QR code", async () => {
    // Documents and the licence are signed by background jobs: reload until they are there.
    const pdfLink = page.getByTestId("document-pdf").first();
    for (let i = 0; i < 40 && (await pdfLink.count()) === 0; i++) {
      await page.waitForTimeout(1000);
      await page.goto(caseUrl);
      await page.getByTestId("case-status").waitFor();
      await page.waitForTimeout(300);
    }
    const href = (await pdfLink.getAttribute("href")) ?? "";
    const [download] = await Promise.all([page.waitForEvent("download"), pdfLink.click()]);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(path);
    assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-");
    const verified = await page.request.post("/api/v1/documents/verification", {
      data: { dataBase64: bytes.toString("base64") },
      headers: { "x-csrf-token": await csrf(page) },
    });
    assert.equal(verified.status(), 200);
    assert.equal(((await verified.json()) as { isValid: boolean }).isValid, true);
    // The public verification page (no login) says the seal is valid.
    const id = href.split("/").at(-2) ?? "";
    const anon = await context(browser);
    const p = await anon.newPage();
    await p.goto(`/verify/documents/${id}`);
    assert.match((await p.getByRole("status").textContent()) ?? "", /签章有效/);
    await anon.close();

    await page.goto("/me/licenses");
    const wallet = page.getByTestId("wallet");
    for (let i = 0; i < 40 && (await wallet.count()) === 0; i++) {
      await page.waitForTimeout(1000);
      await page.reload();
      await page.locator("[data-island][data-hydrated]").waitFor();
      await page.waitForTimeout(300);
    }
    const licence = wallet.locator("li.license").filter({ hasText: "营业执照" }).first();
    await licence.waitFor();
    const qr = licence.locator("img");
    await qr.evaluate((img: HTMLImageElement) => img.decode());
    assert.ok(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth > 0));
    await licence.getByRole("link", { name: "核验" }).click();
    await page.waitForURL(/\/verify\/licenses\//);
    assert.match((await page.getByRole("status").textContent()) ?? "", /有效/);
  });

  void test("a complaint about the case gets a number", async () => {
    await page.goto(caseUrl);
    await page.getByRole("link", { name: "投诉建议" }).click();
    await page.waitForURL(/\/complaints\/new\?case=/);
    await page.locator("[data-island][data-hydrated]").waitFor();
    await page.getByLabel("投诉类别").selectOption("efficiency");
    await page.getByLabel(/投诉内容/).fill("补交材料的通知没有短信提醒，希望改进。");
    await page.getByRole("button", { name: "提交投诉" }).click();
    await page.getByTestId("complaint-number").waitFor();
    assert.match((await page.getByTestId("complaint-number").textContent()) ?? "", /编号 \S+/);
  });
});

void describe("补正 and withdrawal", () => {
  void test("a suspension for 补正 asks for materials again; an application not yet accepted can be withdrawn", async () => {
    const c = await context(browser);
    const p = await c.newPage();
    await signIn(p, "/me");
    const code = guideCode !== "" ? guideCode : await prefectureGuide(p);
    const apply = async () => {
      const res = await p.request.post("/api/v1/cases", {
        headers: { "x-csrf-token": await csrf(p) },
        data: {
          guideCode: code,
          formData: {
            enterpriseName: "喀什补正测试有限公司",
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
      return ((await res.json()) as { id: string }).id;
    };
    const corrected = await apply();
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${corrected}/acceptance`, { outcome: "accepted" });
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${corrected}/dispatch`, {});
    await staff("kashgar.samr.reviewer", `/api/v1/cases/${corrected}/suspension`, {
      kind: "correction",
      reason: "公司章程缺少全体股东签字，请补正",
    });
    await p.goto(`/me/cases/${corrected}`);
    await p.getByText("办理已中止，请按要求补正材料：公司章程缺少全体股东签字，请补正").waitFor();
    assert.equal(await p.getByTestId("case-status").textContent(), "办理中止");
    await p.locator("input[type=file]").first().setInputFiles(pdf("章程.pdf"));
    await p.getByRole("button", { name: "补交材料" }).click();
    await p.getByRole("status").filter({ hasText: "材料已补交" }).waitFor();
    assert.match((await p.getByTestId("timeline").textContent()) ?? "", /补充材料/);

    const withdrawn = await apply();
    await p.goto(`/me/cases/${withdrawn}`);
    p.once("dialog", (d) => void d.accept());
    await p.getByRole("button", { name: "撤回申请" }).click();
    await p.getByRole("status").filter({ hasText: "申请已撤回" }).waitFor();
    assert.equal(await p.getByTestId("case-status").textContent(), "已撤回");
    assert.equal(await p.getByRole("button", { name: "撤回申请" }).count(), 0);
    await c.close();
  });
});

void describe("the apply pages in Uyghur, in the elder mode, and under axe", () => {
  void test("Uyghur is right to left on the apply page; the elder mode applies; no serious axe violation", async () => {
    const c = await context(browser, { viewport: PHONE });
    const p = await c.newPage();
    await signIn(p, "/me");
    const code = guideCode !== "" ? guideCode : await prefectureGuide(p);
    await c.addCookies([{ name: "tb_lang", value: "ug", url: BASE }]);
    await p.goto(`/apply/${code}`);
    await p.locator("[data-island][data-hydrated]").waitFor();
    assert.equal(await p.locator("html").getAttribute("dir"), "rtl");
    await p.getByRole("button", { name: "كېيىنكى قەدەم: تەكشۈرۈش" }).waitFor();
    await c.addCookies([
      { name: "tb_lang", value: "zh-CN", url: BASE },
      { name: "tb_elder", value: "1", url: BASE },
    ]);
    await p.goto(`/apply/${code}`);
    assert.match((await p.locator("html").getAttribute("class")) ?? "", /\belder\b/);

    const problems: string[] = [];
    const pages: [string, string][] = [
      ["apply", `/apply/${code}`],
      ["my-cases", "/me/cases"],
      ...(caseUrl !== "" ? ([["case", caseUrl]] as [string, string][]) : []),
      ["complaint", "/complaints/new"],
      ["wallet", "/me/licenses"],
      ["bundle", "/bundles/YJS-6531-07"],
    ];
    for (const [lang, elder] of [
      ["zh-CN", "0"],
      ["ug", "0"],
      ["zh-CN", "1"],
    ] as const) {
      await c.addCookies([
        { name: "tb_lang", value: lang, url: BASE },
        { name: "tb_elder", value: elder, url: BASE },
      ]);
      for (const [name, url] of pages) {
        await p.goto(url);
        if (name !== "bundle") await p.locator("[data-island][data-hydrated]").waitFor();
        await p.locator("[aria-busy]").waitFor({ state: "detached" });
        for (const v of await seriousViolations(p)) problems.push(`${name} [${lang}, elder=${elder}]: ${v}`);
      }
    }
    await c.addCookies([
      { name: "tb_lang", value: "zh-CN", url: BASE },
      { name: "tb_elder", value: "0", url: BASE },
    ]);
    for (const [name, url] of pages) await screenshots(c, url, `portal-${name}`);
    await c.close();
    assert.deepEqual(problems, []);
  });
});

void describe("一件事: a bundle from the home page", () => {
  void test("home → bundle page (integrated guide) → one form → a parent case with a sub-case per item", async () => {
    const c = await context(browser);
    await c.addCookies([{ name: "tb_region", value: "6531", url: BASE }]);
    const p = await c.newPage();
    await signIn(p, "/me");
    await p.goto("/");
    const bundles = p.locator("section[aria-labelledby=bundles]");
    await bundles.getByRole("link", { name: "入学一件事" }).click();
    await p.waitForURL(/\/bundles\/YJS-6531-\d+$/);
    assert.equal(await p.locator("h1").textContent(), "入学一件事");
    const items = await p.locator("table").nth(1).locator("tbody tr").count();
    assert.ok(items >= 2, `${items} items`);
    assert.ok((await p.locator(".stages li").count()) >= 1);
    for (const v of await seriousViolations(p)) assert.fail(`bundle page: ${v}`);
    await p.getByTestId("bundle-apply-link").click();
    await p.waitForURL(/\/bundles\/YJS-6531-\d+\/apply$/);
    await p.locator("[data-island][data-hydrated]").waitFor();
    await p.locator("form.form").waitFor();
    // Fill the one merged form, field by field by its type.
    for (const el of await p.locator("form.form [id^='f-']").all()) {
      const tag = await el.evaluate((e) => e.tagName);
      const type = (await el.getAttribute("type")) ?? "";
      if ((await el.inputValue()) !== "") continue;
      if (tag === "SELECT") await el.selectOption({ index: 1 });
      else if (type === "date") await el.fill("2019-09-01");
      else if (type === "number") await el.fill("90");
      else if (type === "tel") await el.fill("13899990001");
      else if (/id_number/i.test((await el.getAttribute("id")) ?? "")) await el.fill(CITIZEN);
      else await el.fill("喀什市人民东路 1 号");
    }
    await p.getByRole("button", { name: "下一步：核对" }).click();
    await p.getByRole("heading", { name: "核对申请信息" }).waitFor();
    await p.getByRole("button", { name: "提交申请" }).click();
    await p.waitForURL(/\/me\/bundles\/[0-9a-f-]{36}$/);
    await p.getByTestId("sub-cases").waitFor();
    assert.equal(await p.getByTestId("sub-cases").locator("tbody tr").count(), items);
    assert.match((await p.getByTestId("bundle-number").textContent()) ?? "", /\S+/);
    // Each sub-case has its own page.
    await p.getByTestId("sub-cases").locator("tbody a").first().click();
    await p.getByTestId("case-number").waitFor();
    await c.close();
  });
});

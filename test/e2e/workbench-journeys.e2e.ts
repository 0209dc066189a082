import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_CITIZENS, DEMO_ENTERPRISE, DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { context, launch, seriousViolations, shot } from "./browser.js";

/**
 * The staff workbench against the seeded demo: the window clerk takes in with 容缺 → the back
 * office approves (keyboard) → the clerk delivers; the supervisor drills down to a case; posts and
 * citizens are refused the pages they may not see. Axe on every page, screenshots as artefacts.
 */
let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
const pdf = (name: string) => ({ name, mimeType: "application/pdf", buffer: PDF });

/** A signed-in browser context (the login API sets the session cookie the app uses). */
async function as(login: string): Promise<BrowserContext> {
  const ctx = await context(browser);
  const res = await ctx.request.post("/api/v1/auth/login", {
    data: { identifier: login, password: DEMO_PASSWORD, mode: "cookie" },
  });
  assert.equal(res.status(), 200, `login ${login}`);
  return ctx;
}

/** No serious or critical axe violation, and nothing wider than the 1366 × 768 window PC. */
async function noSerious(page: Page, what: string) {
  assert.deepEqual(await seriousViolations(page), [], `axe on ${what}`);
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok((width[0] ?? 0) <= (width[1] ?? 0), `${what} fits the window: ${width.join(" > ")}`);
}

async function statusIs(page: Page, text: string) {
  await page.getByTestId("case-status").filter({ hasText: text }).waitFor({ timeout: 15_000 });
}

let caseUrl = "";
let caseNumber = "";

void describe("window clerk → back office → window clerk", () => {
  void test("the clerk finds the applicant, takes in 企业设立登记 with 容缺 and prints the notice", async () => {
    const ctx = await as("kashi.clerk");
    const page = await ctx.newPage();
    await page.goto("/workbench/intake");
    await page.getByRole("heading", { name: "综合窗口收件" }).waitFor();
    await noSerious(page, "intake (empty)");
    await page.getByLabel("证件类型").selectOption("creditCode");
    await page.getByLabel("证件号码").fill(DEMO_ENTERPRISE.creditCode);
    await page.getByRole("button", { name: "查找", exact: true }).click();
    await page.getByText(`申请人：${DEMO_ENTERPRISE.name}`).waitFor();

    await page.getByLabel("事项名称关键词").fill("企业设立登记");
    await page.getByRole("button", { name: "查找", exact: true }).nth(1).click();
    await page.getByRole("button", { name: /选择 企业设立登记 · 喀什地区市场监督管理局/ }).click();
    await page.getByRole("heading", { name: "企业设立登记" }).waitFor();
    await page.getByRole("textbox", { name: /^企业名称/ }).fill(DEMO_ENTERPRISE.name);
    await page.getByRole("combobox", { name: /^企业类型/ }).selectOption("有限责任公司");
    await page.getByRole("spinbutton", { name: /^注册资本/ }).fill("100");
    await page.getByRole("textbox", { name: /^法定代表人/ }).fill("买买提·艾力");
    await page.getByRole("textbox", { name: /^住所/ }).fill("喀什市解放北路 1 号");
    await page.getByRole("textbox", { name: /^经营范围/ }).fill("日用百货、农副产品销售");
    await page.getByRole("textbox", { name: /^联系电话/ }).fill(DEMO_ENTERPRISE.phone);
    for (const key of [
      "application_form",
      "articles_of_association",
      "officer_appointment",
      "power_of_attorney",
    ]) {
      const input = page.locator(`input[data-material="${key}"]`);
      if ((await input.count()) > 0) await input.setInputFiles(pdf(`${key}.pdf`));
    }
    await page.getByLabel("帮办代办").check();
    await noSerious(page, "intake (filled)");
    await shot(page, "workbench-intake");
    await page.getByRole("button", { name: "收件" }).click();
    await page.waitForURL(/\/workbench\/cases\/[0-9a-f-]{36}$/);
    caseUrl = new URL(page.url()).pathname;
    await statusIs(page, "已申请");
    caseNumber = ((await page.getByRole("heading", { level: 2 }).textContent()) ?? "").replace("办件 ", "");
    assert.match(caseNumber, /^6531-\d{8}-A-\d{6}$/);
    assert.match((await page.locator(".wb-facts").textContent()) ?? "", /帮办代办/);

    await page.getByLabel("容缺受理").check();
    await page.getByLabel("住所（经营场所）使用证明").check();
    await page.getByRole("button", { name: "确认受理结果" }).click();
    await statusIs(page, "已受理");
    await page.getByText(/容缺材料补齐期限/).waitFor();
    await noSerious(page, "case (accepted with 容缺)");
    const print = page.getByRole("link", { name: /打印 容缺受理通知书/ });
    const notice = await ctx.request.get((await print.getAttribute("href")) ?? "");
    assert.equal(notice.status(), 200);
    assert.match(await notice.text(), /容缺受理通知书[\s\S]*住所（经营场所）使用证明/);

    // The missing material arrives; then the case goes to the back office.
    await page.locator('input[data-material="premises_proof"]').setInputFiles(pdf("租赁合同.pdf"));
    await page.getByRole("button", { name: "补充容缺材料" }).click();
    await page.getByRole("button", { name: "分派后台审批" }).click();
    await statusIs(page, "审批中");
    await ctx.close();
  });

  void test("the approver finds it in the inbox and approves with the keyboard", async () => {
    assert.ok(caseUrl !== "", "needs the previous test");
    const ctx = await as("kashgar.samr.approver");
    const page = await ctx.newPage();
    await page.goto("/workbench/cases");
    await page.getByRole("link", { name: caseNumber }).click();
    await page.waitForURL(new RegExp(`${caseUrl}$`));
    await statusIs(page, "审批中");
    await noSerious(page, "case (back office)");
    await shot(page, "workbench-back-office-case");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("a");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "准予许可 (A)");
    await page.keyboard.press("Enter");
    await statusIs(page, "准予许可");
    await ctx.close();
  });

  void test("the clerk delivers the result; the inbox lists it", async () => {
    const ctx = await as("kashi.clerk");
    const page = await ctx.newPage();
    await page.goto(caseUrl);
    await page.getByRole("button", { name: "送达结果" }).click();
    await statusIs(page, "已送达");
    const history =
      (await page.getByRole("heading", { name: "办理记录" }).locator("xpath=..").textContent()) ?? "";
    for (const step of ["accept.tolerance", "dispatch", "decide.approve", "deliver"])
      assert.ok(history.includes(step.split(".")[0] ?? step), `history has ${step}: ${history}`);
    await page.goto("/workbench/cases");
    await page.getByRole("link", { name: caseNumber }).waitFor();
    await noSerious(page, "inbox");
    await shot(page, "workbench-inbox");
    await ctx.close();
  });
});

void describe("supervision", () => {
  void test("the supervisor's board shows the ECharts chart and drills region → agency → item → case", async () => {
    const ctx = await as("kashgar.supervisor");
    const page = await ctx.newPage();
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    await page.goto("/workbench/cases");
    await page.getByRole("link", { name: caseNumber }).waitFor();
    assert.ok(!scripts.some((u) => /SupervisionPage/.test(u)), "the chart chunk is not loaded elsewhere");
    await page.getByRole("link", { name: "电子监察" }).click();
    await page.getByRole("heading", { name: /电子监察 · 喀什地区/ }).waitFor();
    await page.getByTestId("warning-chart").locator("svg").waitFor();
    assert.ok(
      scripts.some((u) => /SupervisionPage/.test(u)),
      "the chart chunk loads with the board",
    );
    await noSerious(page, "supervision board");
    await shot(page, "workbench-supervision");
    // Overdue cases of the seeded demo: region → agency → item → case.
    const overdueHeading = page.getByRole("heading", { name: /超期办件/ });
    await overdueHeading.waitFor();
    const agency = page.getByRole("table", { name: "按机构" }).getByRole("button").first();
    await agency.click();
    await page.getByRole("table", { name: "按事项" }).getByRole("button").first().click();
    const link = page.getByRole("list", { name: "办件" }).getByRole("link").first();
    const number = (await link.textContent()) ?? "";
    await link.click();
    await page.getByRole("heading", { name: `办件 ${number}` }).waitFor();
    await page
      .getByText(/红牌|黄牌/)
      .first()
      .waitFor();
    // A sub-region of the board.
    await page.goto("/workbench/supervision");
    await page.getByRole("button", { name: "喀什市" }).click();
    await page.getByRole("heading", { name: /电子监察 · 喀什市/ }).waitFor();
    await ctx.close();
  });
});

void describe("who may see what", () => {
  void test("a citizen is refused the workbench; a reviewer gets no intake or supervision", async () => {
    const citizen = await as(DEMO_CITIZENS[0].idNumber);
    const page = await citizen.newPage();
    await page.goto("/workbench/intake");
    await page.getByRole("alert").filter({ hasText: "仅供工作人员使用" }).waitFor();
    assert.equal(await page.getByLabel("证件号码").count(), 0);
    await citizen.close();

    const reviewer = await as("kashgar.samr.reviewer");
    const p2 = await reviewer.newPage();
    await p2.goto("/workbench");
    await p2.getByRole("navigation", { name: "工作台导航" }).waitFor();
    const nav = (await p2.getByRole("navigation", { name: "工作台导航" }).textContent()) ?? "";
    assert.ok(nav.includes("办件") && !nav.includes("综合窗口收件") && !nav.includes("电子监察"), nav);
    for (const path of ["/workbench/intake", "/workbench/supervision", "/admin"]) {
      await p2.goto(path);
      await p2
        .getByRole("alert")
        .filter({ hasText: /无权访问/ })
        .waitFor();
    }
    await noSerious(p2, "refusal page");
    await reviewer.close();

    const clerk = await as("kashi.clerk");
    const p3 = await clerk.newPage();
    await p3.goto("/workbench/supervision");
    await p3.getByRole("alert").filter({ hasText: "无权访问" }).waitFor();
    await clerk.close();
  });
});

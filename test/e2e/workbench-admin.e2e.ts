import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { context, launch, seriousViolations, shot } from "./browser.js";

/** Administration: declaring 2027 (chinese-days has no data for it) and a regional day; the staff list. */
let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

async function as(login: string): Promise<BrowserContext> {
  const ctx = await context(browser);
  const res = await ctx.request.post("/api/v1/auth/login", {
    data: { identifier: login, password: DEMO_PASSWORD, mode: "cookie" },
  });
  assert.equal(res.status(), 200, `login ${login}`);
  return ctx;
}

void describe("administration", () => {
  void test("the platform administrator declares 2027; the 地区 administrator adds a regional day", async () => {
    const ctx = await as("xj.admin");
    const page = await ctx.newPage();
    await page.goto("/admin/calendar");
    await page.getByLabel("年份").fill("2027");
    await page.getByLabel(/区划代码/).fill("");
    await page.getByRole("button", { name: "查看" }).click();
    await page.getByTestId("calendar-coverage").filter({ hasText: "2027 年尚无节假日数据" }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], "axe on the calendar page");
    await page.getByLabel(/依据/).fill("国办发明电〔2026〕演示号");
    await page
      .getByLabel(/每行一天/)
      .fill("2027-01-01 放假 元旦\n2027-02-05 放假 春节\n2027-02-20 上班 春节调休");
    await page.getByRole("button", { name: "声明全年安排" }).click();
    await page.getByTestId("calendar-coverage").filter({ hasText: "2027 年已有节假日数据" }).waitFor();
    assert.equal(await page.getByRole("cell", { name: "春节调休" }).count(), 1);
    await shot(page, "admin-calendar");
    await page.goto("/admin/users");
    await page.getByRole("cell", { name: "kashi.clerk" }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], "axe on the staff list");
    // E-seals of the administrator's own agency: rotating retires the old one.
    await page.getByRole("link", { name: "电子印章" }).click();
    await page.getByRole("button", { name: "轮换印章密钥" }).waitFor();
    const before = await page.locator("tbody tr").count();
    await page.getByRole("button", { name: "轮换印章密钥" }).click();
    await page.getByRole("status").filter({ hasText: "已轮换" }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll("tbody tr").length === n + 1, before);
    assert.deepEqual(await seriousViolations(page), [], "axe on the seals page");
    await shot(page, "admin-seals");
    await ctx.close();

    const local = await as("kashgar.admin");
    const p2 = await local.newPage();
    await p2.goto("/admin/calendar");
    await p2.getByLabel("年份").fill("2027");
    await p2.getByRole("button", { name: "查看" }).click();
    await p2.getByTestId("calendar-coverage").filter({ hasText: "已有" }).waitFor();
    await p2.getByLabel("日期").fill("2027-03-15");
    await p2.getByLabel("名称").fill("地区演示假日");
    await p2.getByRole("button", { name: "保存" }).click();
    await p2.getByRole("cell", { name: "地区演示假日" }).waitFor();
    const due = await local.request.get("/api/v1/calendar/due-date?from=2027-03-12&workdays=1&region=653101");
    assert.equal(((await due.json()) as { dueDate: string }).dueDate, "2027-03-16");
    await local.close();
  });
});

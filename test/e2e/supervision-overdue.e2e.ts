import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { context, launch, seriousViolations, shot } from "./browser.js";

/**
 * The supervision board's overdue tables against the seeded demo (its overdue cases): the supervisor
 * opens the table per agency, opens the list of an agency's overdue cases and drills down to one case;
 * the table per region drills into a prefecture. Axe on the page, a screenshot as artefact.
 */
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

void describe("supervision: overdue tables", () => {
  void test("the supervisor opens the overdue table and drills down to an overdue case", async () => {
    const ctx = await as("kashgar.supervisor");
    const page = await ctx.newPage();
    await page.goto("/workbench/supervision");
    await page.getByRole("heading", { name: "超期事项统计" }).waitFor();
    const table = page.getByRole("table", { name: "超期事项（按机构）" });
    await table.waitFor();
    // The first agency with overdue cases: its count opens the paged list.
    const open = table.getByRole("button", { name: /超期办件 \d+ 项，查看清单/ }).first();
    const label = (await open.getAttribute("aria-label")) ?? "";
    const n = Number(/超期办件 (\d+) 项/.exec(label)?.[1]);
    assert.ok(n > 0, `an agency has overdue cases: ${label}`);
    await open.click();
    await page.getByRole("heading", { name: /超期清单：超期办件/ }).waitFor();
    const list = page.getByRole("table", { name: "超期清单" });
    await list.getByRole("row").nth(1).waitFor();
    await page.getByText(new RegExp(`共 ${n} 条`)).waitFor();
    const days = await list.getByRole("row").nth(1).getByRole("cell").last().textContent();
    assert.match(days ?? "", /^\d+ 天$/);
    assert.deepEqual(await seriousViolations(page), [], "axe on the overdue list");
    await shot(page, "workbench-supervision-overdue");
    const link = list.getByRole("link").first();
    const number = (await link.textContent()) ?? "";
    await link.click();
    await page.getByRole("heading", { name: `办件 ${number}` }).waitFor();
    await page
      .getByText(/红牌|黄牌/)
      .first()
      .waitFor();
    await ctx.close();
  });

  void test("the table per region drills into a prefecture's table per agency", async () => {
    // The platform administrator of the autonomous region (65): the demo's overdue cases are in 喀什.
    const ctx = await as("xj.admin");
    const page = await ctx.newPage();
    await page.goto("/workbench/supervision");
    await page.getByRole("radio", { name: "按下一级地区" }).check();
    const byRegion = page.getByRole("table", { name: "超期事项（按地区）" });
    await byRegion.waitFor();
    const child = byRegion.getByRole("rowheader").getByRole("button", { name: "喀什地区", exact: true });
    const name = (await child.textContent()) ?? "";
    await child.click();
    await page.getByRole("heading", { name: new RegExp(`电子监察 · ${name}`) }).waitFor();
    await page.getByRole("radio", { name: "按机构" }).check();
    await page.getByRole("table", { name: "超期事项（按机构）" }).waitFor();
    await ctx.close();
  });
});

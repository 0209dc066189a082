import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { context, launch, seriousViolations, shot } from "./browser.js";

/**
 * The demo's 喀什 catalog manager (kashgar.urban.editor, 喀什地区城市管理局) edits a basic catalog
 * item (基本目录) its bureau sets at 地区 level, in the browser: a new version with another legal
 * time limit, saved as a draft and checked by the server.
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

const ITEM = "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批";

void describe("the 喀什 catalog manager of the demo", () => {
  void test("edits a 基本目录 item of their bureau: a new draft version, checked by the server", async () => {
    const ctx = await as("kashgar.urban.editor");
    const page = await ctx.newPage();
    await page.goto("/workbench/catalog/entries");
    await page.getByRole("heading", { name: "事项目录", level: 2 }).waitFor();
    await page.getByLabel("层级").selectOption("basic");
    await page.getByLabel("名称或编码").fill("户外广告");
    await page.getByRole("button", { name: "筛选" }).click();
    await page.waitForFunction(() => document.querySelectorAll("table tbody tr").length === 1);
    await page.getByRole("link", { name: ITEM, exact: true }).click();
    await page.getByRole("heading", { name: new RegExp(`基本目录：${ITEM}`) }).waitFor();
    await page.getByRole("button", { name: "以当前版本为底稿新建版本" }).click();
    await page.waitForURL(/\/workbench\/catalog\/versions\/\d+$/);
    const versionId = Number(new URL(page.url()).pathname.split("/").pop());
    const limit = page.locator("#cf-legalLimitDays");
    assert.equal(await limit.inputValue(), "20", "the published legal time limit");
    await limit.fill("15");
    await page.getByTestId("findings-count").filter({ hasText: "未发现问题" }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], "axe on the basic item editor");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.getByRole("status").filter({ hasText: "全部规则通过" }).waitFor();
    await shot(page, "workbench-catalog-basic-item");
    const saved = await ctx.request.get(`/api/v1/catalog/versions/${versionId}`);
    const body = (await saved.json()) as {
      version: { status: string };
      content: { legalLimitDays: number };
    };
    assert.equal(body.version.status, "draft");
    assert.equal(body.content.legalLimitDays, 15);
    await ctx.close();
  });
});

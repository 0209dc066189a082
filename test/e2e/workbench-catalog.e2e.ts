import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { context, launch, seriousViolations, shot } from "./browser.js";

/** 事项管理: the editor files a change → the reviewer sends it back → the editor resubmits → approved and published. */
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

async function history(page: Page, action: string) {
  await page.getByTestId("cr-history").filter({ hasText: action }).waitFor({ timeout: 15_000 });
}

void describe("catalog change request", () => {
  void test("editor files → reviewer rejects → editor resubmits → reviewer approves; the guide is published", async () => {
    const editor = await as("kashgar.samr.editor");
    const page = await editor.newPage();
    await page.goto("/workbench/catalog");
    await page.getByRole("heading", { name: "变更申请" }).waitFor();
    await page.getByRole("textbox", { name: "办事指南", exact: true }).fill("企业设立登记");
    await page.getByRole("button", { name: "查找", exact: true }).click();
    await page.getByRole("button", { name: /新建版本 企业设立登记 · 喀什地区市场监督管理局/ }).click();
    const phone = page.getByLabel("咨询电话");
    await phone.waitFor();
    assert.ok(
      await page.getByRole("button", { name: "提交变更申请" }).isDisabled(),
      "no filing before the check",
    );
    await phone.fill("0998-2820001");
    await page.getByRole("button", { name: "保存草稿并校验" }).click();
    await page.getByRole("status").filter({ hasText: "规则校验通过" }).waitFor();
    await page.getByLabel("变更理由").fill("咨询电话变更");
    assert.deepEqual(await seriousViolations(page), [], "axe on the catalog page");
    await page.getByRole("button", { name: "提交变更申请" }).click();
    await page.waitForURL(/\/workbench\/catalog\/requests\/\d+$/);
    const url = new URL(page.url()).pathname;
    await history(page, "file");
    assert.match((await page.locator(".wb-facts").textContent()) ?? "", /剩余 \d+ 个工作日/);

    const reviewer = await as("kashgar.digital.reviewer");
    const rp = await reviewer.newPage();
    await rp.goto("/workbench/catalog");
    await rp.getByRole("link", { name: new RegExp(`变更申请 ${url.split("/").pop() ?? ""}：`) }).click();
    await rp.getByLabel("审核意见").fill("请写明区号后的分机");
    await rp.getByRole("button", { name: "退回修改" }).click();
    await history(rp, "reject");
    assert.deepEqual(await seriousViolations(rp), [], "axe on the change request page");

    await page.reload();
    await page.getByLabel("咨询电话").fill("0998-2820001 转 8");
    await page.getByRole("button", { name: "保存草稿并校验" }).click();
    await page.getByRole("status").filter({ hasText: "规则校验通过" }).waitFor();
    await page.getByRole("button", { name: "修改后重新提交" }).click();
    await history(page, "resubmit");
    await shot(page, "workbench-change-request");

    await rp.reload();
    await rp.getByRole("button", { name: "批准并发布" }).click();
    await history(rp, "approve");
    const guides = await reviewer.request.get(
      `/api/v1/guides?q=${encodeURIComponent("企业设立登记")}&region=6531`,
    );
    const code = ((await guides.json()) as { items: { code: string; agencyName: string }[] }).items.find(
      (g) => g.agencyName.startsWith("喀什地区"),
    )?.code;
    const published = await reviewer.request.get(`/api/v1/guides/${code ?? ""}`);
    const content = ((await published.json()) as { content: { consultation: { phone: string } } }).content;
    assert.equal(content.consultation.phone, "0998-2820001 转 8");
    await editor.close();
    await reviewer.close();
  });
});

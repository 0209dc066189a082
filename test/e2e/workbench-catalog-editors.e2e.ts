import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { context, launch, seriousViolations, shot } from "./browser.js";

/**
 * 事项管理 screens: the schema-driven editor with rule findings as you type, version history and
 * diff, xlsx import with row errors, the owed list, and no access for posts without a catalog role.
 * Uses 企业注销登记 and 食品经营许可 (workbench-catalog.e2e.ts edits 企业设立登记).
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

const EDITOR = "kashgar.samr.editor";

void describe("catalog management screens", () => {
  void test("editing a guide shows a rule finding while typing, gone when fixed; history and a diff of two versions", async () => {
    const ctx = await as(EDITOR);
    const page = await ctx.newPage();
    await page.goto("/workbench/catalog/entries");
    await page.getByRole("heading", { name: "事项目录", level: 2 }).waitFor();
    await page.getByLabel("层级").selectOption("guide");
    await page.getByLabel("名称或编码").fill("企业注销登记");
    await page.getByRole("button", { name: "筛选" }).click();
    // The filtered page: only the guide is left (its power-list entry has the same name).
    await page.waitForFunction(() => document.querySelectorAll("table tbody tr").length === 1);
    await page.getByRole("link", { name: "企业注销登记", exact: true }).click();
    await page.getByRole("heading", { name: /实施清单（办事指南）：企业注销登记/ }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], "axe on the entry page");
    await page.getByRole("button", { name: "以当前版本为底稿新建版本" }).click();
    await page.waitForURL(/\/workbench\/catalog\/versions\/\d+$/);
    const count = page.getByTestId("findings-count");
    await count.filter({ hasText: "未发现问题" }).waitFor();

    const name = page.locator("#cf-materials-0-name");
    const original = await name.inputValue();
    assert.ok(original.length >= 2, "the first material has a name");
    // Typing a catch-all material name: the finding appears next to the field at once.
    await name.fill("其他相关材料");
    const finding = page.locator("#cf-materials-0-name-err");
    await finding.filter({ hasText: "兜底性表述" }).waitFor();
    assert.equal(await name.getAttribute("aria-invalid"), "true");
    assert.equal(await name.getAttribute("aria-describedby"), "cf-materials-0-name-err");
    await count.filter({ hasText: "发现 1 处问题" }).waitFor();
    assert.ok(
      await page.getByRole("button", { name: "提交变更申请" }).isDisabled(),
      "no filing with findings",
    );
    // A promised limit beyond the legal one: a second finding, at that field.
    const legal = Number(await page.locator("#cf-legalLimitDays").inputValue());
    await page.locator("#cf-promisedLimitDays").fill(String(legal + 1));
    await page.locator("#cf-promisedLimitDays-err").filter({ hasText: "不得超过法定办结时限" }).waitFor();
    await count.filter({ hasText: "发现 2 处问题" }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], "axe on the editor with findings");
    await shot(page, "workbench-catalog-editor-findings");
    // What a 1366×768 window shows: the findings summary and the field with its finding.
    await page.locator("#cf-promisedLimitDays").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screenshots/workbench-catalog-editor-window.png" });
    // Fixed: both findings disappear.
    await page.locator("#cf-promisedLimitDays").fill(String(Math.max(0, legal - 1)));
    await name.fill(`${original}（正本）`);
    await count.filter({ hasText: "未发现问题" }).waitFor();
    assert.equal(await finding.count(), 0, "the finding is gone");
    assert.equal(await page.locator("#cf-promisedLimitDays-err").count(), 0);
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.getByRole("status").filter({ hasText: "全部规则通过" }).waitFor();
    assert.ok(
      await page.getByRole("button", { name: "提交变更申请" }).isEnabled(),
      "filing once clean and saved",
    );

    await page.getByRole("link", { name: "查看事项、版本历史与差异" }).click();
    const history = page.getByTestId("version-history");
    await history.waitFor();
    assert.equal(await history.locator("tbody tr").count(), 2, "published version 1 and draft version 2");
    await page.getByRole("button", { name: "比较" }).click();
    const diff = page.getByTestId("version-diff");
    await diff.waitFor();
    const text = (await diff.textContent()) ?? "";
    assert.match(text, /版本差异：第 1 版 → 第 2 版/);
    const materialRow = diff.locator("tbody tr", { hasText: `${original}（正本）` });
    assert.match((await materialRow.first().textContent()) ?? "", /申请材料 › .+ › 名称/);
    assert.match(text, /承诺办结时限（工作日）/);
    assert.deepEqual(await seriousViolations(page), [], "axe on history and diff");
    await shot(page, "workbench-catalog-history-diff");
    await ctx.close();
  });

  void test("an xlsx import with a bad row shows that row's error in a table; export downloads", async () => {
    const ctx = await as(EDITOR);
    const exported = await ctx.request.get("/api/v1/catalog/export.xlsx?kind=guide&region=6531");
    assert.equal(exported.status(), 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("办事指南");
    assert.ok(ws !== undefined, "the guide sheet");
    const header = new Map<string, number>();
    ws.getRow(1).eachCell((c, col) => header.set(c.text, col));
    const legalCol = header.get("法定办结时限") ?? 0;
    const promisedCol = header.get("承诺办结时限") ?? 0;
    // Keep the header and two rows; the second gets a promised limit beyond its legal one.
    let bad = 0;
    for (let r = 2; r <= ws.rowCount; r++) {
      if (typeof ws.getRow(r).getCell(legalCol).value === "number" && bad === 0 && r > 2) bad = r;
    }
    assert.ok(bad > 2, "a row with a legal limit");
    const out = new ExcelJS.Workbook();
    const sheet = out.addWorksheet("办事指南");
    for (const r of [1, 2, bad]) {
      const values = ws.getRow(r).values as unknown[];
      sheet.addRow(values.slice(1));
    }
    const legal = Number(ws.getRow(bad).getCell(legalCol).value);
    sheet.getRow(3).getCell(promisedCol).value = legal + 1;
    const buffer = Buffer.from(await out.xlsx.writeBuffer());

    const page = await ctx.newPage();
    await page.goto("/workbench/catalog/excel");
    await page.getByRole("heading", { name: "导入导出（xlsx）" }).waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "下载 xlsx" }).click();
    assert.match((await download).suggestedFilename(), /guides\.xlsx$/);
    await page.getByLabel("xlsx 文件").setInputFiles({
      name: "guides.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer,
    });
    await page.getByRole("button", { name: "导入为草稿" }).click();
    const errors = page.getByTestId("import-errors");
    await errors.waitFor();
    const badRow = errors.locator("tbody tr", { hasText: "不得超过法定办结时限" });
    assert.equal(await badRow.count(), 1, "one error for the promised limit");
    const cells = await badRow.locator("td").allTextContents();
    assert.deepEqual(cells.slice(0, 2), ["3", "承诺办结时限"]);
    assert.match((await errors.locator("caption").textContent()) ?? "", /整个文件未导入/);
    assert.deepEqual(await seriousViolations(page), [], "axe on import errors");
    await shot(page, "workbench-catalog-import-errors");
    await ctx.close();
  });

  void test("the owed list shows the updates this agency still owes, overdue in warning colour", async () => {
    const ctx = await as(EDITOR);
    const page = await ctx.newPage();
    await page.goto("/workbench/catalog");
    await page
      .getByRole("navigation", { name: "事项管理导航" })
      .getByRole("link", { name: "应跟进事项" })
      .click();
    const list = page.getByTestId("owed-list");
    await list.waitFor();
    const row = list.locator("tbody tr", { hasText: "食品（含保健食品）经营许可" });
    assert.equal(await row.count(), 1, "the amended item's guide is owed");
    assert.match((await row.getAttribute("class")) ?? "", /wb-row-red/);
    assert.match((await row.textContent()) ?? "", /已逾期/);
    // Working days past the due date on the region's calendar (holidays and 调休 skipped).
    assert.match((await row.getByTestId("owed-days").textContent()) ?? "", /^已超期 \d+ 个工作日$/);
    assert.match((await page.getByRole("status").textContent()) ?? "", /共 \d+ 项，其中 \d+ 项已逾期/);
    assert.deepEqual(await seriousViolations(page), [], "axe on the owed list");
    await shot(page, "workbench-catalog-owed");
    await ctx.close();
  });

  void test("a catalog reviewer reads a published bundle in the same editor, read-only and clean", async () => {
    const ctx = await as("kashgar.digital.reviewer");
    const res = await ctx.request.get("/api/v1/catalog/entries?layer=bundle&limit=5");
    assert.equal(res.status(), 200);
    const bundle = (
      (await res.json()) as { items: { name: string; currentVersionId: number | null }[] }
    ).items.find((b) => b.currentVersionId !== null);
    assert.ok(bundle !== undefined, "a published bundle in the region");
    const page = await ctx.newPage();
    await page.goto(`/workbench/catalog/versions/${String(bundle.currentVersionId)}`);
    await page
      .getByRole("heading", { name: new RegExp(`编辑一件事：${bundle.name.replace(/[()（）]/g, ".")}`) })
      .waitFor();
    await page.getByTestId("findings-count").filter({ hasText: "未发现问题" }).waitFor();
    assert.ok(await page.locator("#cf-name").isDisabled(), "published versions are read-only");
    assert.equal(await page.getByRole("button", { name: "保存草稿" }).count(), 0);
    assert.match(await page.locator("#cf-items-0-guideCode").inputValue(), /^\w{31,33}$/);
    assert.deepEqual(await seriousViolations(page), [], "axe on the bundle editor");
    await ctx.close();
  });

  void test("posts without a catalog role reach none of the catalog screens", async () => {
    for (const login of ["kashi.clerk", "kashgar.supervisor"]) {
      const ctx = await as(login);
      const page = await ctx.newPage();
      for (const path of [
        "/workbench/catalog/entries",
        "/workbench/catalog/entries/1",
        "/workbench/catalog/versions/1",
        "/workbench/catalog/owed",
        "/workbench/catalog/excel",
        "/workbench/catalog/new",
      ]) {
        await page.goto(path);
        await page.getByRole("alert").filter({ hasText: "您的岗位无权访问此页面" }).waitFor();
        assert.equal(await page.locator("#cf-name").count(), 0, `${login} ${path}: no editor`);
      }
      const nav = page.getByRole("navigation", { name: "工作台导航" });
      assert.equal(await nav.getByRole("link", { name: "事项目录" }).count(), 0, `${login}: no catalog link`);
      const api = await ctx.request.get("/api/v1/catalog/entries");
      assert.equal(api.status(), 403, `${login}: the API refuses too`);
      await ctx.close();
    }
  });
});

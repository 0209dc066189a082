import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { withIdCheckChar } from "../../src/shared/codes/id-number.js";
import { DEMO_ENTERPRISE, DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { context, launch, seriousViolations, shot } from "./browser.js";

/**
 * 前台综合受理、后台分类审批、综合窗口出件 (喀什 二.2–二.3) in the browser, against the seeded demo:
 * the clerk registers an applicant on the spot and accepts; takes in 入学一件事 for them, the three
 * departments approve their sub-cases, the clerk delivers together; the back office sees an
 * e-license verified on the case; the inbox is ordered by due date. Axe and 1366 × 768 on each page.
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
const NEW_PERSON = {
  idNumber: withIdCheckChar("65310119900909451"),
  name: "努尔古丽·吐逊",
  phone: "13899995151",
};

async function as(login: string): Promise<{ ctx: BrowserContext; csrf: string }> {
  const ctx = await context(browser);
  const res = await ctx.request.post("/api/v1/auth/login", {
    data: { identifier: login, password: DEMO_PASSWORD, mode: "cookie" },
  });
  assert.equal(res.status(), 200, `login ${login}`);
  return { ctx, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function noSerious(page: Page, what: string) {
  assert.deepEqual(await seriousViolations(page), [], `axe on ${what}`);
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok((width[0] ?? 0) <= (width[1] ?? 0), `${what} fits the window: ${width.join(" > ")}`);
}

async function statusIs(page: Page, text: string) {
  await page.getByTestId("case-status").filter({ hasText: text }).waitFor({ timeout: 15_000 });
}

/** A JSON call in a signed-in context (cookie + CSRF), failing loudly. */
async function call<T>(
  s: { ctx: BrowserContext; csrf: string },
  method: "GET" | "POST",
  url: string,
  data?: unknown,
) {
  const res =
    method === "GET"
      ? await s.ctx.request.get(url)
      : await s.ctx.request.post(url, { data: data ?? {}, headers: { "x-csrf-token": s.csrf } });
  assert.ok(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

void describe("the window: register on the spot, take in, dispatch from the hall's list", () => {
  void test("no applicant found → registered on the spot → 企业设立登记 taken in and accepted", async () => {
    const { ctx } = await as("kashi.clerk");
    const page = await ctx.newPage();
    await page.goto("/workbench/intake");
    await page.getByLabel("证件号码").fill(NEW_PERSON.idNumber);
    await page.getByRole("button", { name: "查找", exact: true }).click();
    await page.getByRole("heading", { name: "当场注册申请人" }).waitFor();
    await noSerious(page, "intake (register on the spot)");
    await page.getByLabel("姓名或单位名称").fill(NEW_PERSON.name);
    await page.getByLabel("手机号码").fill(NEW_PERSON.phone);
    await shot(page, "workbench-register-on-the-spot");
    await page.getByRole("button", { name: "当场注册" }).click();
    await page.getByText(`申请人：${NEW_PERSON.name}`).waitFor();
    assert.equal(await page.getByRole("heading", { name: "当场注册申请人" }).count(), 0);

    await page.getByLabel("事项名称关键词").fill("企业设立登记");
    await page.getByRole("button", { name: "查找", exact: true }).nth(1).click();
    await page.getByRole("button", { name: /选择 企业设立登记 · 喀什地区市场监督管理局/ }).click();
    await page.getByRole("heading", { name: "企业设立登记" }).waitFor();
    await page.getByRole("textbox", { name: /^企业名称/ }).fill("喀什当场注册商贸有限公司");
    await page.getByRole("combobox", { name: /^企业类型/ }).selectOption("有限责任公司");
    await page.getByRole("spinbutton", { name: /^注册资本/ }).fill("50");
    await page.getByRole("textbox", { name: /^法定代表人/ }).fill(NEW_PERSON.name);
    await page.getByRole("textbox", { name: /^住所/ }).fill("喀什市解放北路 9 号");
    await page.getByRole("textbox", { name: /^经营范围/ }).fill("日用百货销售");
    await page.getByRole("textbox", { name: /^联系电话/ }).fill(NEW_PERSON.phone);
    for (const key of [
      "application_form",
      "articles_of_association",
      "id_card",
      "premises_proof",
      "officer_appointment",
    ]) {
      const input = page.locator(`input[data-material="${key}"]`);
      if ((await input.count()) > 0) await input.setInputFiles(pdf(`${key}.pdf`));
    }
    await page.getByRole("button", { name: "收件" }).click();
    await page.waitForURL(/\/workbench\/cases\/[0-9a-f-]{36}$/);
    await statusIs(page, "已申请");
    const number = ((await page.getByRole("heading", { level: 2 }).textContent()) ?? "").replace("办件 ", "");
    await page.getByLabel("予以受理").check();
    await page.getByRole("button", { name: "确认受理结果" }).click();
    await statusIs(page, "已受理");

    // The hall's list has it, accepted, and dispatches it from the row.
    await page.getByRole("link", { name: "本大厅办件" }).click();
    await page.getByRole("heading", { name: "本大厅办件" }).waitFor();
    const dispatch = page.getByRole("button", { name: `分派后台审批 ${number}` });
    await dispatch.waitFor();
    await noSerious(page, "hall cases");
    await shot(page, "workbench-hall");
    await dispatch.click();
    await page.getByRole("status").filter({ hasText: number }).waitFor();
    const row = page.getByRole("row").filter({ hasText: number });
    await row.filter({ hasText: "审批中" }).waitFor();
    await ctx.close();
  });
});

void describe("一件事 at the window → 后台分类审批 → 综合窗口出件", () => {
  let bundleUrl = "";

  void test("the clerk takes in 入学一件事 with one form and one set of materials", async () => {
    const { ctx } = await as("kashi.clerk");
    const page = await ctx.newPage();
    await page.goto("/workbench/intake");
    await page.getByLabel("证件号码").fill(NEW_PERSON.idNumber);
    await page.getByRole("button", { name: "查找", exact: true }).click();
    await page.getByText(`申请人：${NEW_PERSON.name}`).waitFor();
    await page.getByLabel("一件事（一表申请、一套材料）").check();
    await page.getByRole("button", { name: /^选择 入学一件事 · 喀什市/ }).click();
    await page.getByRole("heading", { name: "入学一件事" }).waitFor();
    await noSerious(page, "bundle intake");
    await shot(page, "workbench-bundle-intake");
    // Fill every required field of the integrated form by its type, and every required material.
    const inputs = page.locator("form [data-type]");
    for (let i = 0; i < (await inputs.count()); i++) {
      const el = inputs.nth(i);
      if (!(await el.evaluate((e) => (e as HTMLInputElement).required))) continue;
      const type = (await el.getAttribute("data-type")) ?? "text";
      if (type === "select") {
        const value = await el.evaluate((e) => (e as HTMLSelectElement).options[1]?.value ?? "");
        await el.selectOption(value);
        continue;
      }
      const value: Record<string, string> = {
        number: "1",
        date: "2026-09-01",
        id_number: NEW_PERSON.idNumber,
        credit_code: DEMO_ENTERPRISE.creditCode,
        phone: NEW_PERSON.phone,
        region: "653101",
      };
      await el.fill(value[type] ?? "喀什市解放北路 9 号");
    }
    const files = page.locator('input[type="file"][data-required="1"]');
    for (let i = 0; i < (await files.count()); i++) await files.nth(i).setInputFiles(pdf(`m${i}.pdf`));
    await page.getByRole("button", { name: "一件事收件" }).click();
    await page.waitForURL(/\/workbench\/bundles\/[0-9a-f-]{36}$/).catch(async (err: unknown) => {
      throw new Error(`${String(err)}: ${(await page.getByRole("alert").allTextContents()).join(" | ")}`);
    });
    bundleUrl = new URL(page.url()).pathname;
    await page.getByTestId("group-status").filter({ hasText: "已提交" }).waitFor();
    assert.equal(await page.getByRole("table").getByRole("row").count(), 4, "three sub-cases and the header");
    await page.getByRole("button", { name: "全部受理并分派" }).click();
    await page.getByRole("status").filter({ hasText: "全部受理并分派" }).waitFor();
    await noSerious(page, "bundle application");
    await shot(page, "workbench-bundle-application");
    await ctx.close();
  });

  void test("each department approves its sub-case; the clerk delivers all results together", async () => {
    assert.ok(bundleUrl !== "", "needs the previous test");
    const id = bundleUrl.split("/").at(-1) ?? "";
    // Items decided at acceptance (即办) are approved at once; a sub-case that follows others is
    // dispatched by the window once they are approved; each department approves its own.
    for (let round = 0; round < 4; round++) {
      const clerk = await as("kashi.clerk");
      const page = await clerk.ctx.newPage();
      await page.goto(bundleUrl);
      await page.getByTestId("group-status").waitFor();
      const more = page.getByRole("button", { name: "全部受理并分派" });
      if ((await more.count()) > 0) {
        await more.click();
        await page.getByRole("status").waitFor();
      }
      const g = await call<{
        status: string;
        subCases: { caseNumber: string; status: string; agencyName: string }[];
      }>(clerk, "GET", `/api/v1/bundles/applications/${id}`);
      await clerk.ctx.close();
      if (g.status === "ready") break;
      for (const s of g.subCases.filter((x) => x.status === "under_review")) {
        const login = s.agencyName.includes("教育")
          ? "kashi.education.approver"
          : s.agencyName.includes("公安")
            ? "kashi.police.approver"
            : "kashi.housing.approver";
        const { ctx } = await as(login);
        const p = await ctx.newPage();
        await p.goto("/workbench/cases");
        await p.getByRole("link", { name: s.caseNumber }).click();
        await statusIs(p, "审批中");
        await p.getByRole("button", { name: "准予许可 (A)" }).click();
        await statusIs(p, "准予许可");
        await ctx.close();
      }
    }
    const { ctx } = await as("kashi.clerk");
    const page = await ctx.newPage();
    await page.goto(bundleUrl);
    await page.getByTestId("group-status").filter({ hasText: "待统一出件" }).waitFor();
    await page.getByRole("button", { name: "统一出件" }).click();
    await page.getByTestId("group-status").filter({ hasText: "已办结" }).waitFor();
    assert.equal(await page.getByRole("table").getByRole("cell", { name: "已送达" }).count(), 3);
    await noSerious(page, "bundle delivered");
    await ctx.close();
  });
});

void describe("the back office", () => {
  void test("the case page verifies the e-license attached by 免证办", async () => {
    // 企业设立登记 for the demo enterprise, approved: its 营业执照 is issued (by the worker).
    const clerk = await as("kashi.clerk");
    const approver = await as("kashgar.samr.approver");
    const firm = await as(DEMO_ENTERPRISE.creditCode);
    const guides = await call<{ items: { code: string; name: string; agencyName: string }[] }>(
      clerk,
      "GET",
      `/api/v1/guides?${new URLSearchParams({ q: "企业设立登记", limit: "20" })}`,
    );
    const setup = guides.items.find(
      (g) => g.name === "企业设立登记" && g.agencyName === "喀什地区市场监督管理局",
    );
    assert.ok(setup !== undefined);
    const applicant = await call<{ id: string }>(
      clerk,
      "GET",
      `/api/v1/applicants?creditCode=${DEMO_ENTERPRISE.creditCode}`,
    );
    const c = await call<{ id: string; lockVersion: number }>(clerk, "POST", "/api/v1/cases", {
      guideCode: setup.code,
      applicantId: applicant.id,
      formData: {
        enterpriseName: DEMO_ENTERPRISE.name,
        enterpriseType: "有限责任公司",
        registeredCapital: 100,
        legalRepresentative: "买买提·艾力",
        address: "喀什市解放北路 1 号",
        businessScope: "日用百货销售",
        phone: DEMO_ENTERPRISE.phone,
      },
      materials: [
        {
          key: "application_form",
          fileName: "a.pdf",
          contentType: "application/pdf",
          dataBase64: PDF.toString("base64"),
        },
      ],
    });
    const a = await call<{ lockVersion: number }>(clerk, "POST", `/api/v1/cases/${c.id}/acceptance`, {
      outcome: "accepted",
      lockVersion: c.lockVersion,
    });
    const d = await call<{ lockVersion: number }>(clerk, "POST", `/api/v1/cases/${c.id}/dispatch`, {
      lockVersion: a.lockVersion,
    });
    await call(approver, "POST", `/api/v1/cases/${c.id}/decision`, {
      decision: "approve",
      lockVersion: d.lockVersion,
    });
    let identifier: string | undefined;
    for (let i = 0; i < 60 && identifier === undefined; i++) {
      const wallet = await call<{ items: { identifier: string; typeName: string; status: string }[] }>(
        firm,
        "GET",
        "/api/v1/me/licenses",
      );
      identifier = wallet.items.find((l) => l.typeName === "营业执照" && l.status === "valid")?.identifier;
      if (identifier === undefined) await new Promise((r) => setTimeout(r, 1000));
    }
    assert.ok(identifier !== undefined, "the business license was issued");

    // 企业注销登记 at the window, the 营业执照 supplied by its e-license identifier.
    const closeDown = (
      await call<{ items: { code: string; name: string; agencyName: string }[] }>(
        clerk,
        "GET",
        `/api/v1/guides?${new URLSearchParams({ q: "企业注销登记", limit: "20" })}`,
      )
    ).items.find((g) => g.name === "企业注销登记" && g.agencyName === "喀什地区市场监督管理局");
    assert.ok(closeDown !== undefined);
    const c2 = await call<{ id: string; lockVersion: number }>(clerk, "POST", "/api/v1/cases", {
      guideCode: closeDown.code,
      applicantId: applicant.id,
      formData: {
        enterpriseName: DEMO_ENTERPRISE.name,
        creditCode: DEMO_ENTERPRISE.creditCode,
        legalRepresentative: "买买提·艾力",
        deregistrationMode: "简易注销",
        reason: "股东会决议解散",
        phone: DEMO_ENTERPRISE.phone,
      },
      materials: [{ key: "business_license", reference: identifier }],
    });
    const a2 = await call<{ lockVersion: number }>(clerk, "POST", `/api/v1/cases/${c2.id}/acceptance`, {
      outcome: "accepted",
      lockVersion: c2.lockVersion,
    });
    await call(clerk, "POST", `/api/v1/cases/${c2.id}/dispatch`, { lockVersion: a2.lockVersion });
    for (const s of [clerk, firm]) await s.ctx.close();

    const page = await approver.ctx.newPage();
    await page.goto(`/workbench/cases/${c2.id}`);
    const panel = page.getByTestId("licenses-panel");
    await panel.getByRole("heading", { name: "调用的电子证照（免证办）" }).waitFor();
    const item = panel.getByRole("listitem").filter({ hasText: "营业执照" });
    await item.filter({ hasText: "核验通过" }).waitFor();
    assert.equal(await item.getAttribute("data-verified"), "1");
    assert.match((await item.textContent()) ?? "", new RegExp(identifier.replace(/[.]/g, "\\.")));
    await noSerious(page, "case with verified licenses");
    await shot(page, "workbench-licenses-panel");
    await approver.ctx.close();
  });

  void test("the inbox is ordered by due date on the server: overdue (red) first, then the soonest due", async () => {
    const { ctx } = await as("kashgar.samr.approver");
    const page = await ctx.newPage();
    await page.goto("/workbench/cases");
    await page.getByText("按办理期限排序").waitFor();
    const rows = page.locator("table.wb-table tbody tr");
    await rows.first().waitFor();
    const data: { className: string; status: string; due: string; text: string }[] = await rows.evaluateAll(
      (trs: Element[]) =>
        trs.map((tr) => ({
          className: tr.className,
          status: tr.children[2]?.textContent ?? "",
          due: (tr.children[3]?.textContent ?? "").slice(0, 10),
          text: tr.children[3]?.textContent ?? "",
        })),
    );
    assert.ok(data.length >= 3, JSON.stringify(data));
    // The seeded demo's overdue cases lead, in red, saying by how much.
    assert.match(data[0]?.className ?? "", /wb-row-red/);
    assert.match(data[0]?.text ?? "", /超期 \d+ 天/);
    const open = data.filter((r) => ["已申请", "已受理", "审批中", "中止"].some((s) => r.status.includes(s)));
    const dated = open.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.due)).map((r) => r.due);
    assert.deepEqual(dated, [...dated].sort(), "open cases by due date");
    const lastOverdue = open.map((r) => /超期/.test(r.text)).lastIndexOf(true);
    const firstLeft = open.findIndex((r) => /剩 \d+ 天/.test(r.text));
    assert.ok(firstLeft === -1 || firstLeft > lastOverdue, "overdue before not yet due");
    await noSerious(page, "inbox by due date");
    await shot(page, "workbench-inbox-by-due-date");
    await ctx.close();
  });
});

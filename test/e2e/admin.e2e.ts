import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { context, launch, seriousViolations, shot } from "./browser.js";

/**
 * Administration beyond the calendar: staff accounts and role grants (a grant takes effect, a county
 * administrator cannot reach outside their region), regions and agencies, halls and windows, and the
 * seal certificate. At 1366×768 (the default context), axe-clean.
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

async function axe(page: Page, what: string) {
  assert.deepEqual(await seriousViolations(page), [], `axe on ${what}`);
}

async function cityAgencyId(ctx: BrowserContext): Promise<number> {
  const r = await ctx.request.get("/api/v1/agencies?region=653101&line=government_services");
  return ((await r.json()) as { items: { id: number }[] }).items[0]!.id;
}

void describe("administration: staff, grants, agencies, halls, seals", () => {
  void test("an admin creates staff and grants a role; the user gains access; a county admin stays in their region", async () => {
    const admin = await as("kashgar.admin");
    const page = await admin.newPage();
    const cityId = await cityAgencyId(admin);

    // A county administrator of 喀什市, made by the 地区 administrator.
    await page.goto("/admin/users");
    await page.getByRole("link", { name: "新建工作人员" }).click();
    await page.getByLabel("登录名").fill("kashi.county.admin");
    await page.getByLabel("姓名").fill("县级管理员");
    await page.getByLabel("初始密码").fill(DEMO_PASSWORD);
    await page.getByLabel("机构编号").fill(String(cityId));
    await page.getByLabel("初始角色").selectOption("admin");
    await page.getByLabel(/授权范围区划/).fill("653101");
    await axe(page, "the new staff form");
    await page.getByRole("button", { name: "创建" }).click();
    await page.getByRole("heading", { name: "县级管理员 的授权" }).waitFor();
    await page.getByTestId("grants").getByRole("cell", { name: "平台管理员", exact: true }).waitFor();

    // A window clerk without supervision, then granted 监督人员 for 喀什市.
    await page.goto("/admin/users/new");
    await page.getByLabel("登录名").fill("kashi.e2e.clerk");
    await page.getByLabel("姓名").fill("演示窗口人员");
    await page.getByLabel("初始密码").fill(DEMO_PASSWORD);
    await page.getByLabel("机构编号").fill(String(cityId));
    await page.getByLabel("初始角色").selectOption("window_clerk");
    await page.getByRole("button", { name: "创建" }).click();
    await page.getByRole("heading", { name: "演示窗口人员 的授权" }).waitFor();
    const clerkUrl = page.url();

    const clerk = await as("kashi.e2e.clerk");
    const cp = await clerk.newPage();
    await cp.goto("/workbench/supervision");
    await cp.getByRole("alert").filter({ hasText: "无权访问" }).waitFor();

    await page.getByLabel("角色", { exact: true }).selectOption("supervisor");
    await page.getByLabel(/授权范围区划/).fill("653101");
    await page.getByRole("button", { name: "授予", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "已授予“监督人员”" }).waitFor();
    await page.getByTestId("grants").getByRole("cell", { name: "监督人员", exact: true }).waitFor();
    await axe(page, "the grants page");
    await shot(page, "admin-grants");

    await cp.reload();
    await cp.locator("#sup-h").waitFor();
    assert.equal(await cp.getByRole("alert").filter({ hasText: "无权访问" }).count(), 0);

    // Revoking takes it away again.
    await page.getByRole("button", { name: "撤销“监督人员”" }).click();
    await page.getByRole("status").filter({ hasText: "已撤销“监督人员”" }).waitFor();
    await cp.reload();
    await cp.getByRole("alert").filter({ hasText: "无权访问" }).waitFor();
    await clerk.close();

    // The county administrator: their staff list holds only 喀什市; the 地区 agency is beyond reach.
    const county = await as("kashi.county.admin");
    const kp = await county.newPage();
    await kp.goto(clerkUrl);
    await kp.getByRole("heading", { name: "演示窗口人员 的授权" }).waitFor();
    const samr = await county.request.get("/api/v1/agencies?region=6531&line=market_regulation");
    const samrId = ((await samr.json()) as { items: { id: number }[] }).items[0]!.id;
    await kp.getByLabel("角色", { exact: true }).selectOption("reviewer");
    await kp.getByLabel(/授权机构编号/).fill(String(samrId));
    await kp.getByRole("button", { name: "授予", exact: true }).click();
    await kp.getByRole("alert").filter({ hasText: "超出您的管理范围" }).waitFor();
    assert.equal(
      await kp.getByTestId("grants").getByRole("cell", { name: "审核人员", exact: true }).count(),
      0,
    );
    // A staff member of the 地区 does not exist for them.
    const reviewer = await admin.request.get("/api/v1/admin/users?limit=200");
    const rows = ((await reviewer.json()) as { items: { id: string; loginName: string }[] }).items;
    const samrReviewer = rows.find((r) => r.loginName === "kashgar.samr.reviewer")!;
    await kp.goto(`/admin/users/${samrReviewer.id}`);
    await kp.getByRole("alert").filter({ hasText: "用户不存在" }).waitFor();
    await kp.goto("/admin/users");
    await kp.getByRole("cell", { name: "kashi.e2e.clerk" }).waitFor();
    assert.equal(await kp.getByRole("cell", { name: "kashgar.admin" }).count(), 0);
    await county.close();
    await admin.close();
  });

  void test("regions and agencies: browse the tree, register an agency with its credit code checked", async () => {
    const admin = await as("kashgar.admin");
    const page = await admin.newPage();
    await page.goto("/admin/regions");
    await page.getByTestId("region-title").filter({ hasText: "喀什地区" }).waitFor();
    await page.getByLabel("按名称查找区划").fill("喀什市");
    await page.getByRole("button", { name: "查找" }).click();
    await page.getByRole("button", { name: /喀什地区\/喀什市$/ }).click();
    await page.getByTestId("region-title").filter({ hasText: "喀什市" }).waitFor();
    await page.getByRole("link", { name: "喀什市政务服务中心" }).waitFor();
    await axe(page, "the regions page");
    await shot(page, "admin-regions");
    // Down the tree to a township (level 4).
    await page
      .getByRole("table", { name: /下级区划/ })
      .getByRole("link")
      .first()
      .click();
    await page.getByTestId("region-title").filter({ hasText: "乡镇街道" }).waitFor();

    await page.goto("/admin/agencies/new");
    await page.getByLabel("名称").fill("喀什地区演示登记局");
    await page.getByLabel("统一社会信用代码").fill("11653100MB0000000X");
    await page.getByText(/校验位不正确|含有不允许的字符/).waitFor();
    assert.equal(await page.getByRole("button", { name: "保存" }).isDisabled(), true);
    // A valid code: 11 + 653100 + MB + 888001 + X and its check character.
    const valid = await page.evaluate(() => {
      const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
      const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
      const body = "11653100MB888001X";
      const sum = [...body].reduce((s, ch, i) => s + alphabet.indexOf(ch) * (weights[i] ?? 0), 0);
      return body + alphabet[(31 - (sum % 31)) % 31];
    });
    await page.getByLabel("统一社会信用代码").fill(valid);
    await page.getByLabel("区划代码").fill("6531");
    await page.getByLabel("类型").selectOption("implementing");
    await page.getByLabel("条线").selectOption("market_regulation");
    await axe(page, "the agency form");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("heading", { name: "修改机构：喀什地区演示登记局" }).waitFor();
    await page.getByLabel("地址").fill("喀什市人民东路 1 号");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    await page.goto("/admin/agencies");
    await page.getByLabel("名称包含").fill("演示登记局");
    await page.getByRole("button", { name: "查找" }).click();
    await page.getByRole("link", { name: "喀什地区演示登记局" }).waitFor();
    await axe(page, "the agency list");
    await admin.close();
  });

  void test("halls: create a window and assign items; the item becomes bookable", async () => {
    const admin = await as("kashgar.admin");
    const page = await admin.newPage();
    const guides = await admin.request.get("/api/v1/guides?region=653101&limit=5");
    const item = ((await guides.json()) as { items: { name: string }[] }).items[0]!.name;
    await page.goto("/admin/halls");
    await page.getByLabel(/区划代码/).fill("653101");
    await page.getByRole("button", { name: "查看" }).click();
    await page.getByRole("link", { name: "喀什市政务服务中心" }).click();
    // The seeded hall: opening hours and one window of each type.
    await page.getByTestId("open-days").waitFor();
    await page.getByTestId("windows").getByRole("cell", { name: "办不成事反映窗口" }).waitFor();
    await axe(page, "the hall page");

    await page.getByLabel("窗口号").fill("Z9");
    await page.getByLabel("窗口类型").selectOption("cross_province");
    const picker = page.getByRole("form", { name: "设置新窗口" });
    await picker.getByLabel("按名称查找事项").fill(item);
    await picker.getByRole("button", { name: "查找" }).click();
    await picker
      .getByRole("button", { name: `添加事项：${item}` })
      .first()
      .click();
    await picker.getByRole("list", { name: "已选事项" }).getByText(item).waitFor();
    await page.getByRole("button", { name: "设置窗口" }).click();
    await page.getByRole("status").filter({ hasText: "Z9 号窗口已设置" }).waitFor();
    const row = page.getByTestId("windows").getByRole("row").filter({ hasText: "Z9" });
    await row.getByRole("cell", { name: item }).waitFor();
    assert.equal(await row.getByRole("cell", { name: "跨省通办窗口" }).count(), 1);
    // Pause it and resume it.
    await row.getByRole("button", { name: "暂停" }).click();
    await page.getByRole("status").filter({ hasText: "Z9 号窗口已暂停" }).waitFor();
    await row.getByRole("button", { name: "恢复" }).click();
    await page.getByRole("status").filter({ hasText: "Z9 号窗口已恢复" }).waitFor();
    // Slots for the item.
    await page.getByLabel("事项", { exact: true }).selectOption({ label: item });
    await page.getByRole("table", { name: "可预约时段" }).getByRole("row").nth(1).waitFor();
    await page.getByTestId("queue-stats").filter({ hasText: "取号" }).waitFor();
    await axe(page, "the hall page with a new window");
    await shot(page, "admin-hall");
    await admin.close();
  });

  void test("seals: view the root-certified certificate of a seal", async () => {
    const admin = await as("kashgar.admin");
    const page = await admin.newPage();
    await page.goto("/admin/seals");
    await page.getByRole("button", { name: "轮换印章密钥" }).click();
    await page.getByRole("status").filter({ hasText: "已轮换" }).waitFor();
    await page
      .getByRole("link", { name: /^查看 .* 的证书$/ })
      .last()
      .click();
    await page.getByTestId("certified").filter({ hasText: "验签通过" }).waitFor();
    const facts = await page.getByTestId("certificate").innerText();
    assert.match(facts, /([0-9A-F]{2}:){15}[0-9A-F]{2}/);
    assert.match(facts, /平台根密钥 #\d+/);
    await axe(page, "the seal certificate");
    await shot(page, "admin-seal-certificate");
    await admin.close();
  });
});

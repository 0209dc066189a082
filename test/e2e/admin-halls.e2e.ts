import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { context, launch, seriousViolations, shot } from "./browser.js";

/**
 * Hall administration leftovers: removing a 委托受理 at the township centre (confirmed in place), and
 * changing and closing one slot of one day at the 喀什市 centre. axe-clean at 1366×768.
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

interface HallRow {
  id: number;
  kind: string;
  regionCode: string;
}

void describe("hall administration: delegations and slots", () => {
  void test("an admin removes a 委托受理 after confirming; cancelling keeps it", async () => {
    const admin = await as("kashgar.admin");
    const page = await admin.newPage();
    const halls = (await (await admin.request.get("/api/v1/halls?region=653101001")).json()) as {
      items: HallRow[];
    };
    const town = halls.items.find((h) => h.kind === "convenience_center")!;
    await page.goto(`/admin/halls/${town.id}`);
    const list = page.getByTestId("delegations");
    await list.getByRole("listitem").first().waitFor();
    const before = await list.getByRole("listitem").count();
    assert.ok(before >= 2, "the demo township has delegated items");
    const delegated = (await (await admin.request.get(`/api/v1/halls/${town.id}`)).json()) as {
      delegations: { guideCode: string }[];
    };
    const code = delegated.delegations[0]!.guideCode;
    const guide = (await (await admin.request.get(`/api/v1/guides/${code}`)).json()) as {
      content: { name: string };
    };
    const name = guide.content.name;
    const first = list.getByRole("listitem").filter({ hasText: name });
    const removeButton = first.getByRole("button", { name: `撤销“${name}”的委托受理` });
    // Cancelling the confirmation changes nothing.
    await removeButton.click();
    await first.getByText(`确定撤销“${name}”的委托受理？`).waitFor();
    await axe(page, "the delegation confirmation");
    await first.getByRole("button", { name: "取消" }).click();
    assert.equal(await list.getByRole("listitem").count(), before);
    // Confirmed: removed, and gone from the hall.
    await removeButton.click();
    await first.getByRole("button", { name: "确认撤销" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `已撤销“${name}”的委托受理` })
      .waitFor();
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-testid=delegations] li").length === n,
      before - 1,
    );
    const hall = (await (await admin.request.get(`/api/v1/halls/${town.id}`)).json()) as {
      delegations: unknown[];
    };
    assert.equal(hall.delegations.length, before - 1);
    await admin.close();
  });

  void test("an admin raises one slot's capacity and closes another slot of the day", async () => {
    const admin = await as("kashgar.admin");
    const page = await admin.newPage();
    const halls = (await (await admin.request.get("/api/v1/halls?region=653101")).json()) as {
      items: HallRow[];
    };
    const city = halls.items.find((h) => h.kind === "service_center" && h.regionCode === "653101")!;
    await page.goto(`/admin/halls/${city.id}`);
    await page.getByTestId("open-days").waitFor();
    const select = page.getByLabel("事项", { exact: true });
    const option = select.locator("option").nth(1);
    await select.selectOption((await option.getAttribute("value")) ?? "");
    const table = page.getByRole("table", { name: "可预约时段" });
    const rows = table.getByRole("row");
    await rows.nth(1).waitFor();
    // The last row of the first page: a late slot nobody else's journey books.
    const count = await rows.count();
    const row = rows.nth(count - 1);
    const [date, time, places] = await Promise.all(
      [0, 1, 2].map(async (i) => (await row.getByRole("cell").nth(i).innerText()).trim()),
    );
    const start = time!.split("–")[0]!;
    const capacity = Number(places!.split("/")[1]);
    const perWindow = 2; // the demo hall's setting
    await row.getByRole("button", { name: `调整 ${date} ${start} 的时段` }).click();
    const form = page.getByRole("form", { name: `调整 ${date} ${start} 的时段` });
    await form.getByLabel(/每窗口容量/).fill("5");
    await axe(page, "the slot form");
    await form.getByRole("button", { name: "保存调整" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `已调整 ${date} ${start} 的时段` })
      .waitFor();
    const changed = table.getByRole("row").filter({ hasText: date! }).filter({ hasText: time! });
    await changed
      .getByRole("cell", { name: `${(capacity / perWindow) * 5} / ${(capacity / perWindow) * 5}` })
      .waitFor();

    // Close the slot before it, confirmed in place.
    const prev = table.getByRole("row").nth(count - 2);
    const prevTime = (await prev.getByRole("cell").nth(1).innerText()).trim();
    const prevDate = (await prev.getByRole("cell").nth(0).innerText()).trim();
    const prevStart = prevTime.split("–")[0]!;
    await prev.getByRole("button", { name: `关闭 ${prevDate} ${prevStart} 的时段` }).click();
    await prev.getByText(/关闭后不能再预约/).waitFor();
    await prev.getByRole("button", { name: "确认关闭" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `已关闭 ${prevDate} ${prevStart} 的时段` })
      .waitFor();
    const code = await select.inputValue();
    const slots = (await (
      await admin.request.get(`/api/v1/halls/${city.id}/slots?guideCode=${code}`)
    ).json()) as { slots: { date: string; start: string }[] };
    assert.equal(
      slots.slots.some((s) => s.date === prevDate && s.start === prevStart),
      false,
      "the closed slot is no longer bookable",
    );
    await axe(page, "the hall page after slot changes");
    await shot(page, "admin-hall-slots");
    await admin.close();
  });
});

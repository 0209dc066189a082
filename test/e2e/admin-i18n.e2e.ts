import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext } from "playwright-core";
import { DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { wbTranslator, type WbKey } from "../../src/web/i18n/workbench-messages.js";
import { BASE, context, launch, seriousViolations, shot } from "./browser.js";

/**
 * The administration screens in English and Uyghur (the language cookie set by /prefs): every screen's
 * heading and the navigation come from that locale's catalog, with no Chinese left in them, and
 * Uyghur pages are right-to-left.
 */
let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

async function adminIn(locale: "en" | "ug"): Promise<BrowserContext> {
  const ctx = await context(browser);
  await ctx.addCookies([{ name: "tb_lang", value: locale, url: BASE }]);
  const res = await ctx.request.post("/api/v1/auth/login", {
    data: { identifier: "kashgar.admin", password: DEMO_PASSWORD, mode: "cookie" },
  });
  assert.equal(res.status(), 200, "login");
  return ctx;
}

const SCREENS: [string, WbKey][] = [
  ["/admin/calendar", "adm.calendar"],
  ["/admin/users", "adm.users"],
  ["/admin/seals", "adm.seals"],
  ["/admin/regions", "admx.regions"],
  ["/admin/agencies", "admx.agencies"],
  ["/admin/halls", "admx.halls"],
];
const HAN = /\p{Script=Han}/u;

for (const locale of ["en", "ug"] as const) {
  void describe(`administration in ${locale}`, () => {
    void test(`every admin screen renders its ${locale} text${locale === "ug" ? ", right to left" : ""}`, async () => {
      const t = wbTranslator(locale);
      const zh = wbTranslator("zh-CN");
      const ctx = await adminIn(locale);
      const page = await ctx.newPage();
      for (const [path, key] of SCREENS) {
        await page.goto(path);
        const heading = page.getByRole("heading", { level: 2, name: t(key), exact: true });
        await heading.waitFor();
        assert.notEqual(t(key), zh(key), `${key} is translated`);
        assert.equal(await page.locator("html").getAttribute("lang"), locale, path);
        assert.equal(await page.locator("html").getAttribute("dir"), locale === "ug" ? "rtl" : "ltr", path);
        const nav = page.getByRole("navigation", { name: t("adm.nav") });
        const navText = await nav.innerText();
        assert.ok(!HAN.test(navText), `${path}: the navigation has no Chinese: ${navText}`);
        assert.ok(!HAN.test(await heading.innerText()), `${path}: the heading has no Chinese`);
      }
      // One hall in depth: its section headings are translated too (hall and item names stay Chinese).
      await page.goto("/admin/halls");
      await page.getByLabel(t("admx.within")).fill("653101");
      await page.getByRole("button", { name: t("adm.show") }).click();
      await page.getByRole("link", { name: "喀什市政务服务中心" }).click();
      await page.getByRole("heading", { level: 3, name: t("admx.windows"), exact: true }).waitFor();
      await page.getByRole("heading", { level: 3, name: t("admx.opening"), exact: true }).waitFor();
      assert.deepEqual(await seriousViolations(page), [], `axe on the hall page in ${locale}`);
      await shot(page, `admin-hall-${locale}`);
      await ctx.close();
    });
  });
}

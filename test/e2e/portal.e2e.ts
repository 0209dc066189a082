import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { BASE, PHONE, context, launch, screenshots, seriousViolations } from "./browser.js";

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

/** Finds a published guide through the home page's search box and opens it. */
async function searchAndOpenGuide(js: boolean) {
  const ctx = await context(browser, { js });
  const page = await ctx.newPage();
  await page.goto("/");
  assert.equal(await page.locator("h1").textContent(), "一网通办");
  await page.getByLabel("搜索办事事项").fill("企业设立");
  await page.getByRole("button", { name: "搜索" }).click();
  await page.waitForURL(/\/search\?q=/);
  const first = page.locator(".guide-list a").first();
  const name = await first.textContent();
  assert.match(name ?? "", /企业设立/);
  await first.click();
  await page.waitForURL(/\/guides\/\w+$/);
  return { ctx, page, name: name ?? "" };
}

void describe("public pages", () => {
  void test("home → search → guide, with JavaScript", async () => {
    const { ctx, page, name } = await searchAndOpenGuide(true);
    assert.equal(await page.locator("h1").textContent(), name);
    assert.match((await page.getByTestId("guide-version").textContent()) ?? "", /第 \d+ 版/);
    for (const label of ["设定依据", "受理条件", "办理流程", "收费标准及依据", "监督投诉方式"])
      assert.ok(await page.getByRole("rowheader", { name: label }).isVisible(), label);
    assert.equal(await page.locator(`a[href$="/print"]`).count(), 1);
    const qr = await page.request.get(`${page.url().replace(/\/guides\//, "/api/v1/guides/")}/qr.png`);
    assert.equal(qr.headers()["content-type"], "image/png");
    // A public page loads no script at all.
    assert.equal(await page.locator("script").count(), 0);
    await ctx.close();
  });

  void test("home → search → guide without JavaScript, within 60 KB transferred", async () => {
    const ctx = await context(browser, { js: false });
    const page = await ctx.newPage();
    const responses: Promise<number>[] = [];
    const { ctx: c2, page: p2 } = await searchAndOpenGuide(false);
    const guideUrl = p2.url();
    await c2.close();
    page.on("requestfinished", (req) =>
      responses.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)),
    );
    await page.goto(guideUrl, { waitUntil: "load" });
    assert.ok(await page.getByRole("rowheader", { name: "设定依据" }).isVisible());
    const bytes = (await Promise.all(responses)).reduce((a, b) => a + b, 0);
    console.log(
      `guide page without JavaScript: ${responses.length} requests, ${bytes} bytes transferred (ceiling 61440)`,
    );
    assert.ok(bytes <= 60 * 1024, `${bytes} bytes`);
    await ctx.close();
  });

  void test("an unknown guide is a 404 page", async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    const res = await page.goto("/guides/nope");
    assert.equal(res?.status(), 404);
    assert.equal(await page.locator("h1").textContent(), "页面不存在");
    await ctx.close();
  });

  void test("switching to Uyghur gives dir=rtl and Uyghur interface, also without JavaScript", async () => {
    for (const js of [true, false]) {
      const ctx = await context(browser, { js });
      const page = await ctx.newPage();
      await page.goto("/");
      await page.locator('a[hreflang="ug"]').click();
      await page.waitForLoadState();
      assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
      assert.equal(await page.locator("html").getAttribute("lang"), "ug");
      assert.equal(await page.locator("button[type=submit]").textContent(), "ئىزدەش");
      await page.locator('a[hreflang="en"]').click();
      await page.waitForLoadState();
      assert.equal(await page.locator("html").getAttribute("dir"), "ltr");
      assert.equal(await page.locator("button[type=submit]").textContent(), "Search");
      await ctx.close();
    }
  });

  void test("the elder-friendly mode persists across reloads, also without JavaScript", async () => {
    for (const js of [true, false]) {
      const ctx = await context(browser, { js });
      const page = await ctx.newPage();
      await page.goto("/search?q=%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%99%A9");
      const base = await page
        .evaluate(() => getComputedStyle(document.documentElement).fontSize)
        .catch(() => null);
      await page.locator("#elder-toggle").click();
      await page.waitForURL(/\/search\?q=/);
      assert.equal(await page.locator("#elder-toggle").getAttribute("aria-pressed"), "true");
      await page.reload();
      assert.match((await page.locator("html").getAttribute("class")) ?? "", /\belder\b/);
      if (js) {
        const large = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
        assert.ok(parseFloat(large) > parseFloat(base ?? "16"), `${base} → ${large}`);
      }
      await page.locator("#elder-toggle").click();
      await page.waitForLoadState();
      assert.doesNotMatch((await page.locator("html").getAttribute("class")) ?? "", /\belder\b/);
      await ctx.close();
    }
  });

  void test("the region switcher reaches a township without JavaScript", async () => {
    const ctx = await context(browser, { js: false });
    const page = await ctx.newPage();
    await page.goto("/region?code=6531");
    await page.getByRole("link", { name: "喀什市", exact: true }).click();
    await page.waitForURL(/code=653101$/);
    const township = page.locator(".entries a").first();
    const townshipName = (await township.textContent()) ?? "";
    await township.click();
    await page.waitForURL(/code=653101\d{3}$/);
    await page.locator("a.button").click();
    await page.waitForURL(`${BASE}/`);
    assert.match((await page.locator("header").textContent()) ?? "", new RegExp(townshipName));
    await ctx.close();
  });
});

void describe("sign-in and registration islands", () => {
  void test("a citizen signs in with a demo account", async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto("/login");
    await page.locator("[data-island][data-hydrated]").waitFor();
    await page.getByLabel(/身份证号/).fill("653101199003152015");
    await page.getByLabel("密码").fill("Demo@2026xj");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("status").waitFor();
    assert.match((await page.getByRole("status").textContent()) ?? "", /欢迎，买买提·艾力/);
    const me = await page.request.get("/api/v1/me");
    assert.equal(me.status(), 200);
    assert.equal(((await me.json()) as { kind: string }).kind, "person");
    await page.goto("/me");
    await page.getByTestId("me-name").waitFor();
    assert.match((await page.getByTestId("me-name").textContent()) ?? "", /买买提·艾力/);
    await ctx.close();
  });

  void test("a wrong password shows the server's message", async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto("/login");
    await page.locator("[data-island][data-hydrated]").waitFor();
    await page.getByLabel(/身份证号/).fill("653101199003152015");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("alert").waitFor();
    assert.match((await page.getByRole("alert").textContent()) ?? "", /提交失败/);
    await ctx.close();
  });

  void test("registration checks the ID number in the browser, then registers", async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto("/register");
    await page.locator("[data-island][data-hydrated]").waitFor();
    const code = page.getByLabel("公民身份号码");
    await code.fill("653101199003152016");
    await code.blur();
    assert.equal(await page.locator("#code-problem").textContent(), "身份证号校验位不正确，请核对");
    assert.equal(await code.getAttribute("aria-invalid"), "true");
    await code.fill("65310119900315201");
    assert.equal(await page.locator("#code-problem").textContent(), "身份证号应为 18 位");
    await code.fill("11010519491231002X");
    assert.equal(await page.locator("#code-problem").count(), 0);
    await page.getByLabel("姓名").fill("测试用户");
    await page.getByLabel("手机号码").fill("13900000001");
    await page.getByLabel(/^密码/).fill("Tongban#2026test");
    await page.getByRole("button", { name: "注册" }).click();
    await page.getByRole("status").waitFor();
    assert.match((await page.getByRole("status").textContent()) ?? "", /注册成功/);
    await ctx.close();
  });

  void test("without JavaScript the sign-in form says it needs JavaScript and cannot submit", async () => {
    const ctx = await context(browser, { js: false });
    const page = await ctx.newPage();
    await page.goto("/login");
    // (Playwright's JavaScript switch does not change how the parser treats <noscript>, so read it.)
    assert.match((await page.locator("noscript").first().innerHTML()) ?? "", /此功能需要启用 JavaScript。/);
    assert.ok(await page.getByRole("button", { name: "登录" }).isDisabled());
    await ctx.close();
  });

  void test("staff sign in and reach the workbench app", async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto("/login?next=/workbench");
    await page.locator("[data-island][data-hydrated]").waitFor();
    await page.getByLabel(/身份证号/).fill("kashi.clerk");
    await page.getByLabel("密码").fill("Demo@2026xj");
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(`${BASE}/workbench`);
    await page.getByRole("heading", { name: "我的岗位" }).waitFor();
    assert.ok((await page.locator("#app li").count()) > 0);
    await ctx.close();
  });
});

void describe("accessibility and screenshots", () => {
  void test("axe finds no serious or critical violation; screenshots at phone and desktop width", async () => {
    const probe = await context(browser);
    const p = await probe.newPage();
    await p.goto("/search?q=%E4%BC%81%E4%B8%9A%E8%AE%BE%E7%AB%8B");
    const guide = (await p.locator(".guide-list a").first().getAttribute("href")) ?? "";
    await probe.close();
    const pages: [string, string][] = [
      ["home", "/"],
      ["search", "/search?q=%E4%BC%81%E4%B8%9A%E8%AE%BE%E7%AB%8B"],
      ["guide", guide],
      ["region", "/region?code=6531"],
      ["login", "/login"],
      ["register", "/register"],
      ["workbench", "/workbench"],
    ];
    const problems: string[] = [];
    for (const [lang, elder, viewport] of [
      ["zh-CN", "0", undefined],
      ["ug", "0", PHONE],
      ["zh-CN", "1", PHONE],
    ] as const) {
      {
        // axe at desktop width in Chinese, at phone width in Uyghur (RTL) and in the elder mode.
        const ctx = await context(browser, viewport === undefined ? {} : { viewport });
        await ctx.addCookies([
          { name: "tb_lang", value: lang, url: BASE },
          { name: "tb_elder", value: elder, url: BASE },
        ]);
        const page = await ctx.newPage();
        for (const [name, url] of pages) {
          await page.goto(url);
          if (name === "login" || name === "register") await page.locator("[data-hydrated]").waitFor();
          for (const v of await seriousViolations(page))
            problems.push(`${name} [${lang}, elder=${elder}]: ${v}`);
        }
        await ctx.close();
      }
      const shots = await context(browser);
      await shots.addCookies([
        { name: "tb_lang", value: lang, url: BASE },
        { name: "tb_elder", value: elder, url: BASE },
      ]);
      // Every page in Chinese; the Uyghur and elder-friendly variants of the public pages.
      for (const [name, url] of lang === "zh-CN" && elder === "0" ? pages : pages.slice(0, 3))
        await screenshots(shots, url, `${name}-${lang}${elder === "1" ? "-elder" : ""}`);
      await shots.close();
    }
    assert.deepEqual(problems, []);
  });
});

import { mkdirSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** The server started by test/e2e/run.ts. */
export const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3110";

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 768 };

export function context(browser: Browser, opts: { js?: boolean; viewport?: typeof PHONE } = {}) {
  return browser.newContext({
    baseURL: BASE,
    javaScriptEnabled: opts.js ?? true,
    viewport: opts.viewport ?? DESKTOP,
    locale: "zh-CN",
  });
}

/** Full-page screenshots at phone and desktop width into test-results/screenshots (git-ignored). */
export async function screenshots(ctx: BrowserContext, url: string, name: string): Promise<void> {
  mkdirSync("test-results/screenshots", { recursive: true });
  for (const [label, size] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    const page = await ctx.newPage();
    await page.setViewportSize(size);
    await page.goto(url);
    await page.screenshot({ path: `test-results/screenshots/${name}-${label}.png`, fullPage: true });
    await page.close();
  }
}

/** axe-core (WCAG 2.0/2.1 A and AA rules): the serious and critical violations on the page. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A full-page screenshot of the page as it is now (after its data loaded), into test-results/screenshots. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

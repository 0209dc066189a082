import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ReactNode } from "react";
import { regionLevelOf } from "../../../shared/regions.js";
import type { PageInfo } from "../../../web/components/page-context.js";
import { translator } from "../../../web/i18n/messages.js";
import { getRegion } from "../regions/regions.service.js";
import { LANG_COOKIE, requestLocale } from "./locale.js";
import { renderPage } from "./render.js";
import { loadWebAssets, type WebEntry } from "./web-assets.js";

/** Preference cookies (not secrets; a year; the server reads them to render). */
export { LANG_COOKIE };
export const ELDER_COOKIE = "tb_elder";
export const REGION_COOKIE = "tb_region";
export const DEFAULT_REGION = "65";

/**
 * What every server-rendered portal page needs: the request's page info (locale, 适老化, region,
 * path) and sending a page in the one layout with the hashed assets. Used by the pages module's
 * routes and by every other HTML page that must look like the portal (e.g. verification pages).
 */
export function portalPages(app: FastifyInstance) {
  const assets = loadWebAssets();

  async function pageInfo(request: FastifyRequest): Promise<PageInfo> {
    const cookies = request.cookies;
    const locale = requestLocale(request);
    const wanted = cookies[REGION_COOKIE];
    const code = wanted !== undefined && regionLevelOf(wanted) !== undefined ? wanted : DEFAULT_REGION;
    const region = await getRegion(code, app.ctx.db).catch(() => getRegion(DEFAULT_REGION, app.ctx.db));
    return { locale, elder: cookies[ELDER_COOKIE] === "1", path: request.url, region };
  }

  function send(
    reply: FastifyReply,
    page: PageInfo,
    title: string,
    body: ReactNode,
    entry: WebEntry | null,
    status = 200,
  ) {
    const t = translator(page.locale);
    const html = renderPage({
      page,
      title: `${title} — ${t("site.name")}`,
      styles: assets.styles,
      scripts: entry === null ? [] : assets.script(entry),
      body,
    });
    return reply
      .status(status)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("vary", "Cookie, Accept-Language")
      .send(html);
  }

  return { pageInfo, send };
}

export type PortalPages = ReturnType<typeof portalPages>;

import { existsSync } from "node:fs";
import path from "node:path";
import compress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../../shared/errors.js";
import { regionLevelOf } from "../../../shared/regions.js";
import type { PageInfo } from "../../../web/components/page-context.js";
import { isWebLocale, translator } from "../../../web/i18n/messages.js";
import { LoginPage, MePage, RegisterPage } from "../../../web/portal/pages/AuthPages.js";
import type { ApplyGuide } from "../../../web/portal/islands/ApplyForm.js";
import { ApplyPage, ComplaintPage } from "../../../web/portal/pages/ApplyPages.js";
import { BundlePage } from "../../../web/portal/pages/BundlePage.js";
import { GuidePage, type GuideView } from "../../../web/portal/pages/GuidePage.js";
import { HomePage } from "../../../web/portal/pages/HomePage.js";
import { NotFoundPage } from "../../../web/portal/pages/NotFoundPage.js";
import { RegionPage } from "../../../web/portal/pages/RegionPage.js";
import { SearchPage } from "../../../web/portal/pages/SearchPage.js";
import { depsOf } from "../../http/context.js";
import { getBundleGuide, listBundles } from "../bundles/bundles.service.js";
import { getPublishedGuide, listGuides } from "../catalog/catalog.service.js";
import { getChildren, getRegion, regionExists } from "../regions/regions.service.js";
import { ELDER_COOKIE, LANG_COOKIE, REGION_COOKIE, portalPages } from "./portal-page.js";
import { registerVerifyPages } from "./verify-pages.js";
import { WEB_DIST } from "./web-assets.js";

export { ELDER_COOKIE, LANG_COOKIE, REGION_COOKIE } from "./portal-page.js";
const YEAR = 365 * 24 * 3600;

/** A same-site path to return to (never another origin). */
export function safeBack(back: unknown, fallback = "/"): string {
  return typeof back === "string" && /^\/(?![/\\])/.test(back) && back.length <= 500 ? back : fallback;
}

/**
 * The server-rendered web pages (DESIGN.md “Web”): public pages from the same published records as
 * the API, working without JavaScript; the login/register islands; the shells of the staff apps;
 * hashed static assets with long cache and compression.
 */
export const pageRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(compress, { global: true, threshold: 1024 });
  const assetDir = path.join(WEB_DIST, "assets");
  if (existsSync(assetDir))
    await app.register(fastifyStatic, {
      root: assetDir,
      prefix: "/assets/",
      immutable: true,
      maxAge: "365d",
      index: false,
      wildcard: true,
    });

  const { pageInfo, send } = portalPages(app);

  const hide = { schema: { hide: true } };
  const deps = () => depsOf(app.ctx);
  /** Guides near the chosen region: its county (or the region itself above county level). */
  const searchScope = (code: string) => code.slice(0, 6);

  app.get("/", hide, async (request, reply) => {
    const page = await pageInfo(request);
    const [{ items }, bundles] = await Promise.all([
      listGuides({ limit: 12, regionWithin: searchScope(page.region.code) }, deps()),
      // 一件事 in force in the chosen region (set there or above); the region's county at most.
      listBundles({ region: searchScope(page.region.code), limit: 30 }, deps()).then(
        (r) => r.items,
        () => [],
      ),
    ]);
    return send(
      reply,
      page,
      translator(page.locale)("home.title"),
      <HomePage popular={items} bundles={bundles} />,
      null,
    );
  });

  app.get("/search", hide, async (request, reply) => {
    const page = await pageInfo(request);
    const raw = (request.query as { q?: unknown }).q;
    const q = typeof raw === "string" ? raw.trim().slice(0, 50) : "";
    const items =
      q === ""
        ? []
        : (await listGuides({ limit: 50, q, regionWithin: searchScope(page.region.code) }, deps())).items;
    return send(
      reply,
      page,
      translator(page.locale)("search.title"),
      <SearchPage q={q} items={items} />,
      null,
    );
  });

  app.get("/guides/:code", hide, async (request, reply) => {
    const page = await pageInfo(request);
    const t = translator(page.locale);
    try {
      const guide = (await getPublishedGuide(
        (request.params as { code: string }).code,
        undefined,
        deps(),
      )) as GuideView;
      return send(reply, page, guide.content.name, <GuidePage guide={guide} />, null);
    } catch (e) {
      if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED"))
        return send(
          reply,
          page,
          t("guide.notFound"),
          <NotFoundPage message={t("guide.notFound")} />,
          null,
          404,
        );
      throw e;
    }
  });

  app.get("/region", hide, async (request, reply) => {
    const page = await pageInfo(request);
    const raw = (request.query as { code?: unknown }).code;
    const code = typeof raw === "string" && regionLevelOf(raw) !== undefined ? raw : page.region.code;
    const t = translator(page.locale);
    try {
      const browsing = await getRegion(code, app.ctx.db);
      const children = browsing.level < 4 ? (await getChildren(code, { limit: 500 }, app.ctx.db)).items : [];
      return send(
        reply,
        page,
        t("region.title"),
        <RegionPage browsing={browsing} chain={browsing.chain} children={children} />,
        null,
      );
    } catch (e) {
      if (e instanceof AppError && e.code === "NOT_FOUND")
        return send(reply, page, t("notFound.title"), <NotFoundPage />, null, 404);
      throw e;
    }
  });

  /** Preferences without JavaScript: `/prefs?lang=ug|elder=1|region=6531&back=/path` sets a cookie and returns. */
  app.get("/prefs", hide, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const cookie = { path: "/", maxAge: YEAR, sameSite: "lax" as const, httpOnly: true };
    if (isWebLocale(q.lang)) void reply.setCookie(LANG_COOKIE, q.lang, cookie);
    if (q.elder === "1" || q.elder === "0") void reply.setCookie(ELDER_COOKIE, q.elder, cookie);
    if (typeof q.region === "string" && regionLevelOf(q.region) !== undefined) {
      if (await regionExists(q.region, app.ctx.db)) void reply.setCookie(REGION_COOKIE, q.region, cookie);
    }
    return reply.redirect(safeBack(q.back), 303);
  });

  app.get("/login", hide, async (request, reply) => {
    const page = await pageInfo(request);
    const next = safeBack((request.query as { next?: unknown }).next, "");
    return send(reply, page, translator(page.locale)("login.title"), <LoginPage next={next} />, "portal");
  });

  app.get("/register", hide, async (request, reply) => {
    const page = await pageInfo(request);
    return send(reply, page, translator(page.locale)("register.title"), <RegisterPage />, "portal");
  });

  const mePage = async (request: FastifyRequest, reply: FastifyReply) => {
    const page = await pageInfo(request);
    const rest = (request.params as { "*"?: string })["*"] ?? "";
    const section = /^[a-z0-9/-]{0,100}$/.test(rest) ? rest : "";
    return send(reply, page, translator(page.locale)("nav.me"), <MePage section={section} />, "portal");
  };
  /** The application island for one published guide (only what the form needs goes to the client). */
  app.get("/apply/:code", hide, async (request, reply) => {
    const page = await pageInfo(request);
    const t = translator(page.locale);
    try {
      const g = (await getPublishedGuide(
        (request.params as { code: string }).code,
        undefined,
        deps(),
      )) as GuideView;
      if (!g.isCurrent) throw new AppError("NOT_FOUND", "catalog.guideNotFound");
      const guide: ApplyGuide = {
        kind: "item",
        code: g.code,
        name: g.content.name,
        form: g.content.form,
        materials: g.content.materials.map((m) => ({
          key: m.key,
          name: m.name,
          isRequired: m.isRequired,
          source: m.source,
          licenseTypeCode: m.licenseTypeCode,
          isToleratedMissing: m.isToleratedMissing,
          note: m.note,
        })),
        commitmentText: g.content.tags.notificationCommitment?.text ?? null,
      };
      return send(reply, page, t("apply.title", { name: guide.name }), <ApplyPage guide={guide} />, "portal");
    } catch (e) {
      if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED"))
        return send(
          reply,
          page,
          t("guide.notFound"),
          <NotFoundPage message={t("guide.notFound")} />,
          null,
          404,
        );
      throw e;
    }
  });

  /** A bundle's integrated guide (一次告知), server-rendered without JavaScript. */
  const bundleOr404 = async (request: FastifyRequest, reply: FastifyReply, page: PageInfo) => {
    try {
      return await getBundleGuide((request.params as { code: string }).code, undefined, deps());
    } catch (e) {
      if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) {
        const t = translator(page.locale);
        await send(reply, page, t("notFound.title"), <NotFoundPage />, null, 404);
        return null;
      }
      throw e;
    }
  };
  app.get("/bundles/:code", hide, async (request, reply) => {
    const page = await pageInfo(request);
    const bundle = await bundleOr404(request, reply, page);
    if (bundle === null) return reply;
    return send(reply, page, bundle.name, <BundlePage bundle={bundle} />, null);
  });
  app.get("/bundles/:code/apply", hide, async (request, reply) => {
    const page = await pageInfo(request);
    const bundle = await bundleOr404(request, reply, page);
    if (bundle === null) return reply;
    const guide: ApplyGuide = {
      kind: "bundle",
      code: bundle.code,
      name: bundle.name,
      form: bundle.form,
      materials: bundle.materials.map((m) => ({
        key: m.key,
        name: m.name,
        isRequired: m.isRequired,
        source: m.source,
        licenseTypeCode: m.licenseTypeCode,
        isToleratedMissing: m.isToleratedMissing,
        note: m.note,
      })),
      commitmentText: null,
    };
    return send(
      reply,
      page,
      translator(page.locale)("apply.title", { name: guide.name }),
      <ApplyPage guide={guide} />,
      "portal",
    );
  });

  app.get("/complaints/new", hide, async (request, reply) => {
    const page = await pageInfo(request);
    const q = request.query as { case?: unknown; guide?: unknown };
    const caseId = typeof q.case === "string" && /^[0-9a-f-]{36}$/.test(q.case) ? q.case : null;
    const guideCode = typeof q.guide === "string" && /^[0-9A-Z]{31,33}$/.test(q.guide) ? q.guide : null;
    return send(
      reply,
      page,
      translator(page.locale)("complaint.title"),
      <ComplaintPage caseId={caseId} guideCode={guideCode} />,
      "portal",
    );
  });

  registerVerifyPages(app, { pageInfo, send });

  app.get("/me", hide, mePage);
  app.get("/me/*", hide, mePage);

  /** The staff apps: every path under the prefix gets the same shell; the client routes. */
  for (const [prefix, entry, key] of [
    ["/workbench", "workbench", "workbench.title"],
    ["/admin", "admin", "admin.title"],
  ] as const) {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const page = await pageInfo(request);
      const t = translator(page.locale);
      return send(
        reply,
        page,
        t(key),
        <>
          <h1>{t(key)}</h1>
          <div id="app" data-props={JSON.stringify({ page })}>
            <noscript>{t("js.required")}</noscript>
          </div>
        </>,
        entry,
      );
    };
    app.get(prefix, hide, handler);
    app.get(`${prefix}/*`, hide, handler);
  }
};

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { documentIdParam, licenseIdentifierParam } from "../../../shared/contracts/credentials.js";
import { AppError } from "../../../shared/errors.js";
import { translator, type WebMessageKey } from "../../../web/i18n/messages.js";
import { NotFoundPage } from "../../../web/portal/pages/NotFoundPage.js";
import { DocumentVerifyPage, LicenseVerifyPage } from "../../../web/portal/pages/VerifyPages.js";
import { depsOf } from "../../http/context.js";
import { getDocumentVerification } from "../credentials/documents.service.js";
import { verifyLicense } from "../credentials/licenses.service.js";
import type { PortalPages } from "./portal-page.js";

const errors = { 401: errorBody, 403: errorBody, 404: z.union([z.string(), errorBody]), ...errorResponses };
const tags = ["credentials"];

/** A browser asks for HTML (the QR code opened on a phone); an API client keeps the JSON error. */
const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? "").includes("text/html");

/**
 * The public verification pages, the targets of the QR codes printed on sealed documents and
 * e-licenses (their addresses never change): portal pages in the one layout — language switcher,
 * 适老化 mode, right to left in Uyghur — rendered on the server, no script. The verification itself
 * is the credentials module's. An unknown document or license answers a 404 page to a browser and
 * the JSON error to anyone else.
 */
export function registerVerifyPages(app: FastifyInstance, portal: PortalPages) {
  const deps = () => depsOf(app.ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function notFound(
    request: FastifyRequest,
    reply: Parameters<PortalPages["send"]>[0],
    err: unknown,
    message: WebMessageKey,
  ) {
    const isMissing =
      err instanceof AppError && (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED");
    if (!isMissing || !wantsHtml(request)) throw err;
    const page = await portal.pageInfo(request);
    const t = translator(page.locale);
    return portal.send(reply, page, t("notFound.title"), <NotFoundPage message={t(message)} />, null, 404);
  }

  r.get(
    "/verify/documents/:id",
    {
      schema: {
        tags,
        summary: "文书核验页（HTML，门户页面）",
        params: documentIdParam,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      let v;
      try {
        v = await getDocumentVerification(request.params.id, deps());
      } catch (err) {
        return notFound(request, reply, err, "verify.docNotFound");
      }
      const page = await portal.pageInfo(request);
      const t = translator(page.locale);
      return portal.send(reply, page, t("verify.docTitle"), <DocumentVerifyPage v={v} />, null);
    },
  );

  r.get(
    "/verify/licenses/:identifier",
    {
      schema: {
        tags,
        summary: "电子证照核验页（HTML，门户页面）",
        params: licenseIdentifierParam,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      let v;
      try {
        v = await verifyLicense(request.params.identifier, deps());
      } catch (err) {
        return notFound(request, reply, err, "verify.licNotFound");
      }
      const page = await portal.pageInfo(request);
      const t = translator(page.locale);
      return portal.send(
        reply,
        page,
        t("verify.licTitle", { type: v.typeName }),
        <LicenseVerifyPage v={v} />,
        null,
      );
    },
  );
}

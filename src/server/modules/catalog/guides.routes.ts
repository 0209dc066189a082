import QRCode from "qrcode";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { depsOf } from "../../http/context.js";
import { z } from "zod";
import {
  guideCodeParam,
  guideListQuery,
  guideListResponse,
  guideQuery,
  guideResponse,
} from "../../../shared/contracts/catalog.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { getPublishedGuide, listGuides } from "./catalog.service.js";
import { cachedPublishedGuide, guideBody } from "./guide-cache.js";
import { renderPrintableGuide } from "./guide-print.js";
import { requestLocale } from "../pages/locale.js";

const tags = ["guides"];

export const guideRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  const pageUrl = (code: string) => `${app.ctx.config.publicBaseUrl}/guides/${code}`;

  app.get(
    "/api/v1/guides",
    {
      schema: {
        tags,
        summary: "已发布的办事指南（按区划、类型、标签、名称）",
        querystring: guideListQuery,
        response: { 200: guideListResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { region, type, tag, q, agencyId, after, limit } = request.query;
      return listGuides(
        {
          limit,
          ...(region !== undefined ? { regionWithin: region } : {}),
          ...(type !== undefined ? { itemType: type } : {}),
          ...(tag !== undefined ? { tag } : {}),
          ...(q !== undefined ? { q } : {}),
          ...(agencyId !== undefined ? { agencyId } : {}),
          ...(after !== undefined ? { after } : {}),
        },
        deps(),
      );
    },
  );

  app.get(
    "/api/v1/guides/:code",
    {
      schema: {
        tags,
        summary: "办事指南（实施编码或业务办理项编码；?version= 查看历史版本）",
        params: guideCodeParam,
        querystring: guideQuery,
        response: { 200: guideResponse, 404: errorBody, ...errorResponses },
      },
    },
    async (request, typedReply) => {
      // A cache hit is a lookup and a write of the bytes serialised (by this route's 200 schema) once.
      const reply = typedReply as unknown as FastifyReply;
      const entry = await cachedPublishedGuide(request.params.code, request.query.version, deps());
      const body = guideBody(entry, (guide) => reply.serializeInput(guide, "200") as string);
      void reply.header("etag", body.etag);
      if (request.headers["if-none-match"] === body.etag) return reply.status(304).send();
      return reply.type("application/json; charset=utf-8").send(body.json);
    },
  );

  app.get(
    "/api/v1/guides/:code/qr.png",
    { schema: { tags, summary: "办事指南二维码（PNG）", params: guideCodeParam } },
    async (request, reply) => {
      const guide = await getPublishedGuide(request.params.code, undefined, deps());
      const png = await QRCode.toBuffer(pageUrl(guide.code), {
        type: "png",
        width: 256,
        margin: 1,
        errorCorrectionLevel: "M",
      });
      return reply.type("image/png").header("cache-control", "public, max-age=3600").send(png);
    },
  );

  app.get(
    "/guides/:code/print",
    {
      schema: {
        tags,
        summary: "可打印的办事指南（HTML，与接口同源）",
        params: guideCodeParam,
        querystring: guideQuery,
        response: { 200: z.string(), 404: errorBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const guide = await getPublishedGuide(request.params.code, request.query.version, deps());
      const qr = await QRCode.toDataURL(pageUrl(guide.code), { width: 256, margin: 1 });
      return reply
        .type("text/html; charset=utf-8")
        .header("vary", "Cookie, Accept-Language")
        .send(renderPrintableGuide(guide, qr, pageUrl(guide.code), requestLocale(request)));
    },
  );
};

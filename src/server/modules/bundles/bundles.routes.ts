import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  applicationIdParam,
  bundleApplicationResponse,
  bundleApplyBody,
  bundleCodeParam,
  bundleGuideResponse,
  bundleListQuery,
  bundleListResponse,
  bundleMetricsQuery,
  bundleMetricsResponse,
  bundleQuery,
} from "../../../shared/contracts/bundles.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { AppError } from "../../../shared/errors.js";
import { depsOf } from "../../http/context.js";
import {
  applyForBundle,
  bundleMetrics,
  deliverBundleApplication,
  getBundleApplication,
  getBundleGuide,
  listBundles,
  registerBundleLayer,
} from "./bundles.service.js";

const errors = {
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  ...errorResponses,
};
const tags = ["bundles"];

/** 一件事: the catalog (list, integrated guide), applications as parent cases, and metrics. */
export const bundleRoutes: FastifyPluginAsyncZod = async (app) => {
  registerBundleLayer();
  const deps = () => depsOf(app.ctx);

  app.get(
    "/api/v1/bundles",
    {
      schema: {
        tags,
        summary: "本地区及上级施行的一件事（已发布、已上线）",
        querystring: bundleListQuery,
        response: { 200: bundleListResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { region, event, after, limit } = request.query;
      return listBundles(
        {
          region,
          limit,
          ...(event === undefined ? {} : { event }),
          ...(after === undefined ? {} : { after }),
        },
        deps(),
      );
    },
  );

  app.get(
    "/api/v1/bundles/metrics",
    {
      schema: {
        tags,
        summary: "一件事监测：申请量、平均端到端工作日与各事项时限之和",
        querystring: bundleMetricsQuery,
        response: { 200: bundleMetricsResponse, ...errors },
      },
    },
    async (request) => bundleMetrics(request.actor, request.query.region, deps()),
  );

  app.get(
    "/api/v1/bundles/applications/:id",
    {
      schema: {
        tags,
        summary: "一件事申请（主件及各子办件）",
        params: applicationIdParam,
        response: { 200: bundleApplicationResponse, ...errors },
      },
    },
    async (request) => getBundleApplication(request.actor, request.params.id, deps()),
  );

  app.post(
    "/api/v1/bundles/applications/:id/deliver",
    {
      schema: {
        tags,
        summary: "综合窗口统一出件（各子办件均已作出决定后）",
        params: applicationIdParam,
        response: { 200: bundleApplicationResponse, ...errors },
      },
    },
    async (request) => deliverBundleApplication(request.actor, request.params.id, deps()),
  );

  app.get(
    "/api/v1/bundles/:code",
    {
      schema: {
        tags,
        summary: "一件事集成办事指南（一张表单、一套材料；?version= 查看历史版本）",
        params: bundleCodeParam,
        querystring: bundleQuery,
        response: { 200: bundleGuideResponse, 404: errorBody, ...errorResponses },
      },
    },
    async (request) => getBundleGuide(request.params.code, request.query.version, deps()),
  );

  app.post(
    "/api/v1/bundles/:code/applications",
    {
      bodyLimit: 40 * 1024 * 1024,
      schema: {
        tags,
        summary: "一表申请：创建主件和每个事项的子办件；Idempotency-Key 头使重复提交返回同一申请",
        params: bundleCodeParam,
        body: bundleApplyBody,
        response: { 200: bundleApplicationResponse, 201: bundleApplicationResponse, ...errors },
      },
    },
    async (request, reply) => {
      const key = request.headers["idempotency-key"];
      if (key !== undefined && (typeof key !== "string" || !/^[A-Za-z0-9._:-]{8,100}$/.test(key))) {
        throw new AppError("VALIDATION_FAILED", "error.validation", {}, [
          { path: "headers.idempotency-key", message: "8–100 个字母、数字或 . _ : -" },
        ]);
      }
      const result = await applyForBundle(request.actor, request.params.code, request.body, key, deps());
      return reply.status(result.isReplay ? 200 : 201).send(result);
    },
  );
};

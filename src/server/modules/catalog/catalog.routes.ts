import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { depsOf } from "../../http/context.js";
import {
  changeRequestDetail,
  changeRequestListQuery,
  changeRequestSummary,
  checkResponse,
  contentBody,
  createDraftBody,
  crIdParam,
  decisionBody,
  diffQuery,
  diffResponse,
  entryIdParam,
  entryWithVersion,
  extensionBody,
  fileChangeRequestBody,
  history,
  owedQuery,
  owedResponse,
  resubmitBody,
  signoffBody,
  versionIdParam,
  versionWithContent,
  excelQuery,
  importResponse,
} from "../../../shared/contracts/catalog.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { AppError } from "../../../shared/errors.js";
import { z } from "zod";
import { exportWorkbook, importWorkbook } from "./catalog.excel.js";
import {
  checkVersion,
  createDraft,
  createNextDraft,
  diffVersions,
  getEntryHistory,
  getVersion,
  updateDraft,
} from "./catalog.service.js";
import {
  decide,
  extendReview,
  fileChangeRequest,
  getChangeRequest,
  listChangeRequestsFor,
  listOwed,
  resubmit,
  signOff,
} from "./change-requests.service.js";

const errors = {
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  ...errorResponses,
};
const tags = ["catalog"];

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.addContentTypeParser(XLSX, { parseAs: "buffer", bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    "/api/v1/catalog/export.xlsx",
    { schema: { tags, summary: "导出基本目录或办事指南（xlsx）", querystring: excelQuery } },
    async (request, reply) => {
      const buffer = await exportWorkbook(request.actor, request.query.kind, request.query.region, deps());
      return reply
        .type(XLSX)
        .header(
          "content-disposition",
          `attachment; filename="${request.query.kind === "basic" ? "basic-catalog" : "guides"}.xlsx"`,
        )
        .send(buffer);
    },
  );

  app.post(
    "/api/v1/catalog/import",
    {
      schema: {
        tags,
        summary: "导入 xlsx 为草稿（逐行校验，任一行有误则整体不导入）",
        description:
          "请求体为 xlsx 文件本身，Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        querystring: excelQuery.pick({ kind: true }),
        response: { 200: importResponse, ...errors },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body))
        throw new AppError("UNSUPPORTED_MEDIA_TYPE", "error.unsupportedMediaType", {
          contentType: String(request.headers["content-type"] ?? ""),
        });
      return importWorkbook(request.actor, request.query.kind, request.body, deps());
    },
  );

  app.post(
    "/api/v1/catalog/drafts",
    {
      schema: {
        tags,
        summary: "新建事项草稿（四个层级）",
        body: createDraftBody,
        response: { 201: entryWithVersion, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createDraft(request.actor, request.body, deps())),
  );

  app.post(
    "/api/v1/catalog/entries/:id/versions",
    {
      schema: {
        tags,
        summary: "在已有事项上新建版本草稿",
        params: entryIdParam,
        body: contentBody,
        response: { 201: entryWithVersion, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createNextDraft(request.actor, request.params.id, request.body.content, deps())),
  );

  app.put(
    "/api/v1/catalog/versions/:id",
    {
      schema: {
        tags,
        summary: "修改草稿（已发布版本不可修改）",
        params: versionIdParam,
        body: contentBody,
        response: { 200: entryWithVersion, ...errors },
      },
    },
    async (request) => updateDraft(request.actor, request.params.id, request.body.content, deps()),
  );

  app.get(
    "/api/v1/catalog/versions/:id",
    {
      schema: {
        tags,
        summary: "版本及内容",
        params: versionIdParam,
        response: { 200: versionWithContent, ...errors },
      },
    },
    async (request) => getVersion(request.params.id, deps()),
  );

  app.get(
    "/api/v1/catalog/versions/:id/check",
    {
      schema: {
        tags,
        summary: "规则校验（不保存）",
        params: versionIdParam,
        response: { 200: checkResponse, ...errors },
      },
    },
    async (request) => checkVersion(request.params.id, deps()),
  );

  app.get(
    "/api/v1/catalog/entries/:id/history",
    { schema: { tags, summary: "版本历史", params: entryIdParam, response: { 200: history, ...errors } } },
    async (request) => getEntryHistory(request.params.id, deps()),
  );

  app.get(
    "/api/v1/catalog/diff",
    {
      schema: {
        tags,
        summary: "两个版本的差异",
        querystring: diffQuery,
        response: { 200: diffResponse, ...errors },
      },
    },
    async (request) => diffVersions(request.query.from, request.query.to, deps()),
  );

  app.post(
    "/api/v1/catalog/change-requests",
    {
      schema: {
        tags,
        summary: "提交变更申请（动态调整）",
        body: fileChangeRequestBody,
        response: { 201: z.object({ id: z.number() }), ...errors },
      },
    },
    async (request, reply) => {
      const cr = await fileChangeRequest(request.actor, request.body, deps());
      return reply.status(201).send({ id: cr.id });
    },
  );

  app.get(
    "/api/v1/catalog/change-requests",
    {
      schema: {
        tags,
        summary: "变更申请列表（含期限提示）",
        querystring: changeRequestListQuery,
        response: {
          200: z.object({ items: z.array(changeRequestSummary), nextAfter: z.number().nullable() }),
          ...errors,
        },
      },
    },
    async (request) => listChangeRequestsFor(request.actor, request.query, deps()),
  );

  app.get(
    "/api/v1/catalog/change-requests/:id",
    {
      schema: {
        tags,
        summary: "变更申请详情",
        params: crIdParam,
        response: { 200: changeRequestDetail, ...errors },
      },
    },
    async (request) => getChangeRequest(request.actor, request.params.id, deps()),
  );

  app.post(
    "/api/v1/catalog/change-requests/:id/signoffs",
    {
      schema: {
        tags,
        summary: "合法性审查 / 编制意见 / 政务服务管理意见",
        params: crIdParam,
        body: signoffBody,
        response: { 201: z.object({ kind: z.string(), isApproved: z.boolean() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await signOff(request.actor, request.params.id, request.body, deps())),
  );

  app.post(
    "/api/v1/catalog/change-requests/:id/extension",
    {
      schema: {
        tags,
        summary: "延长审核期限（须说明理由）",
        params: crIdParam,
        body: extensionBody,
        response: { 200: z.object({ reviewDue: z.string(), extendedReviewDue: z.string() }), ...errors },
      },
    },
    async (request) => extendReview(request.actor, request.params.id, request.body, deps()),
  );

  app.post(
    "/api/v1/catalog/change-requests/:id/decision",
    {
      schema: {
        tags,
        summary: "审核决定：批准发布或退回",
        params: crIdParam,
        body: decisionBody,
        response: { 200: z.object({ status: z.enum(["approved", "rejected"]) }), ...errors },
      },
    },
    async (request) => decide(request.actor, request.params.id, request.body, deps()),
  );

  app.post(
    "/api/v1/catalog/change-requests/:id/resubmission",
    {
      schema: {
        tags,
        summary: "修改后重新提交",
        params: crIdParam,
        body: resubmitBody,
        response: { 200: z.object({ round: z.number(), reviewDue: z.string() }), ...errors },
      },
    },
    async (request) => resubmit(request.actor, request.params.id, request.body, deps()),
  );

  app.get(
    "/api/v1/catalog/owed",
    {
      schema: {
        tags,
        summary: "应跟进的实施规范与实施清单（逾期标记）",
        querystring: owedQuery,
        response: { 200: owedResponse, ...errors },
      },
    },
    async (request) => listOwed(request.actor, { isOpen: request.query.status === "open" }, deps()),
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../../shared/errors.js";
import { pickLocale } from "../../../shared/i18n/messages.js";
import {
  assistApplicationBody,
  assistApplyResponse,
  guideCodeParam,
  guideCodeQuery,
  instantRulesBody,
  instantRulesResponse,
  prefillResponse,
  preReviewResponse,
  reportQuery,
  reportResponse,
  revokeBody,
} from "../../../shared/contracts/assist.js";
import { caseIdParam, caseResponse } from "../../../shared/contracts/cases.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { depsOf } from "../../http/context.js";
import {
  applyWithAssist,
  configureInstantApproval,
  getInstantApproval,
  getPrefill,
  instantApprovalReport,
  preReviewApplication,
  revokeInstant,
} from "./assist.service.js";

const errors = { 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, ...errorResponses };
const tags = ["assist"];

export const assistRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.get(
    "/api/v1/assist/prefill",
    {
      schema: {
        tags,
        summary: "智能预填：按身份信息、共享数据、电子证照预填表单与材料",
        querystring: guideCodeQuery,
        response: { 200: prefillResponse, ...errors },
      },
    },
    async (request) => getPrefill(request.actor, request.query.guideCode, deps()),
  );
  app.post(
    "/api/v1/assist/pre-review",
    {
      schema: {
        tags,
        summary: "材料预审：提交前检查材料齐全、格式、大小、证照有效期和日期",
        body: assistApplicationBody,
        response: { 200: preReviewResponse, ...errors },
      },
    },
    async (request) =>
      preReviewApplication(
        request.actor,
        request.body,
        deps(),
        pickLocale(request.headers["accept-language"]),
      ),
  );
  app.post(
    "/api/v1/assist/applications",
    {
      schema: {
        tags,
        summary: "预审后提交申请；配置了秒批的事项由规则即时作出决定",
        body: assistApplicationBody,
        response: { 200: assistApplyResponse, 201: assistApplyResponse, ...errors },
      },
    },
    async (request, reply) => {
      const key = request.headers["idempotency-key"];
      if (key !== undefined && (typeof key !== "string" || !/^[A-Za-z0-9._:-]{8,100}$/.test(key)))
        throw new AppError("VALIDATION_FAILED", "error.validation", {}, [
          { path: "headers.idempotency-key", message: "8–100 个字母、数字或 . _ : -" },
        ]);
      const r = await applyWithAssist(
        request.actor,
        request.body,
        key,
        deps(),
        pickLocale(request.headers["accept-language"]),
      );
      return reply.status(r.isReplay ? 200 : 201).send(r);
    },
  );
  app.get(
    "/api/v1/guides/:code/instant-approval",
    {
      schema: {
        tags,
        summary: "事项的秒批规则（公开）",
        params: guideCodeParam,
        response: { 200: instantRulesResponse, ...errors },
      },
    },
    async (request) => getInstantApproval(request.params.code, deps()),
  );
  app.put(
    "/api/v1/guides/:code/instant-approval",
    {
      schema: {
        tags,
        summary: "配置秒批规则（实施机构事项编辑）",
        params: guideCodeParam,
        body: instantRulesBody,
        response: { 200: instantRulesResponse, ...errors },
      },
    },
    async (request) => configureInstantApproval(request.actor, request.params.code, request.body, deps()),
  );
  app.post(
    "/api/v1/cases/:id/instant-approval/revocation",
    {
      schema: {
        tags,
        summary: "撤销秒批决定（审批人员）",
        params: caseIdParam,
        body: revokeBody,
        response: { 200: caseResponse, ...errors },
      },
    },
    async (request) => revokeInstant(request.actor, request.params.id, request.body.reason, deps()),
  );
  app.get(
    "/api/v1/instant-approvals/report",
    {
      schema: {
        tags,
        summary: "秒批统计：按事项的秒批、转人工、撤销件数",
        querystring: reportQuery,
        response: { 200: reportResponse, ...errors },
      },
    },
    async (request) => instantApprovalReport(request.actor, request.query, deps()),
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { depsOf } from "../../http/context.js";
import {
  acceptBody,
  applyBody,
  caseIdParam,
  caseListQuery,
  caseListResponse,
  caseResponse,
  decideBody,
  extendBody,
  forwardBody,
  noticeParams,
  postCheckBody,
  supplementBody,
  suspendBody,
  versionOnlyBody,
  withdrawBody,
} from "../../../shared/contracts/cases.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { AppError } from "../../../shared/errors.js";
import {
  acceptCase,
  decideCase,
  deliverCase,
  dispatchCase,
  extendCase,
  forwardCase,
  payCase,
  recordPostCheck,
  resumeCase,
  supplementMaterials,
  suspendCase,
} from "./case-actions.service.js";
import { buildArchive, renderNotice } from "./case-documents.js";
import { applyForItem, getCase, listCasesFor, withdrawCase } from "./cases.service.js";

const errors = {
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  ...errorResponses,
};
const tags = ["cases"];

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);

  app.post(
    "/api/v1/cases",
    {
      bodyLimit: 40 * 1024 * 1024,
      schema: {
        tags,
        summary: "申请办理（网上或窗口代收）；Idempotency-Key 头使重复提交返回同一办件",
        body: applyBody,
        response: { 200: caseResponse, 201: caseResponse, ...errors },
      },
    },
    async (request, reply) => {
      const key = request.headers["idempotency-key"];
      if (key !== undefined && (typeof key !== "string" || !/^[A-Za-z0-9._:-]{8,100}$/.test(key))) {
        throw new AppError("VALIDATION_FAILED", "error.validation", {}, [
          { path: "headers.idempotency-key", message: "8–100 个字母、数字或 . _ : -" },
        ]);
      }
      const result = await applyForItem(request.actor, request.body, key, deps());
      return reply.status(result.isReplay ? 200 : 201).send(result.case);
    },
  );

  app.get(
    "/api/v1/cases",
    {
      schema: {
        tags,
        summary: "办件列表（按角色：本人 / 本大厅 / 本机构）",
        querystring: caseListQuery,
        response: { 200: caseListResponse, ...errors },
      },
    },
    async (request) => {
      const { status, warning, item, from, to, before, limit } = request.query;
      return listCasesFor(
        request.actor,
        {
          limit,
          ...(status ? { status } : {}),
          ...(warning ? { warningLevel: warning } : {}),
          ...(item ? { guideCode: item } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(before ? { before } : {}),
        },
        deps(),
      );
    },
  );

  app.get(
    "/api/v1/cases/:id",
    {
      schema: {
        tags,
        summary: "办件详情（他人办件返回 404）",
        params: caseIdParam,
        response: { 200: caseResponse, ...errors },
      },
    },
    async (request) => getCase(request.actor, request.params.id, deps()),
  );

  const action = <B>(path: string, summary: string, body: B) => ({
    path: `/api/v1/cases/:id/${path}`,
    schema: { tags, summary, params: caseIdParam, body, response: { 200: caseResponse, ...errors } },
  });

  const acceptance = action("acceptance", "受理（条例第十八条五种结果之一，生成告知书）", acceptBody);
  app.post(acceptance.path, { schema: acceptance.schema }, async (request) =>
    acceptCase(request.actor, request.params.id, request.body, deps()),
  );
  const supplements = action("supplements", "补充容缺或补正材料", supplementBody);
  app.post(supplements.path, { bodyLimit: 40 * 1024 * 1024, schema: supplements.schema }, async (request) =>
    supplementMaterials(request.actor, request.params.id, request.body, deps()),
  );
  const dispatch = action("dispatch", "分派至后台审批", versionOnlyBody);
  app.post(dispatch.path, { schema: dispatch.schema }, async (request) =>
    dispatchCase(request.actor, request.params.id, request.body, deps()),
  );
  const suspension = action("suspension", "中止计时（补正、听证、现场核查、专家评审）", suspendBody);
  app.post(suspension.path, { schema: suspension.schema }, async (request) =>
    suspendCase(request.actor, request.params.id, request.body, deps()),
  );
  const resumption = action("resumption", "恢复计时", versionOnlyBody);
  app.post(resumption.path, { schema: resumption.schema }, async (request) =>
    resumeCase(request.actor, request.params.id, request.body, deps()),
  );
  const extension = action("extension", "书面延长办理期限", extendBody);
  app.post(extension.path, { schema: extension.schema }, async (request) =>
    extendCase(request.actor, request.params.id, request.body, deps()),
  );
  const decision = action("decision", "作出决定（不予许可须说明理由并告知救济途径）", decideBody);
  app.post(decision.path, { schema: decision.schema }, async (request) =>
    decideCase(request.actor, request.params.id, request.body, deps()),
  );
  const delivery = action("delivery", "送达结果", versionOnlyBody);
  app.post(delivery.path, { schema: delivery.schema }, async (request) =>
    deliverCase(request.actor, request.params.id, request.body, deps()),
  );
  const forwarding = action("forwarding", "初审后转报上级机关决定（条例第二十条）", forwardBody);
  app.post(forwarding.path, { schema: forwarding.schema }, async (request) =>
    forwardCase(request.actor, request.params.id, request.body, deps()),
  );

  app.get(
    "/cases/:id/notices/:noticeId/print",
    { schema: { tags, summary: "可打印的告知书 / 决定书（HTML）", params: noticeParams } },
    async (request, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(await renderNotice(request.actor, request.params.id, request.params.noticeId, deps())),
  );

  app.get(
    "/api/v1/cases/:id/archive.zip",
    { schema: { tags, summary: "归档包（条例第二十二条）：全部文书、材料及 SM3 清单", params: caseIdParam } },
    async (request, reply) => {
      const archive = await buildArchive(request.actor, request.params.id, deps());
      return reply
        .type("application/zip")
        .header("content-disposition", `attachment; filename="${archive.fileName}"`)
        .send(Buffer.from(archive.zip));
    },
  );

  const postCheck = action("post-check", "告知承诺事后核查（不实则撤销决定）", postCheckBody);
  app.post(postCheck.path, { schema: postCheck.schema }, async (request) =>
    recordPostCheck(request.actor, request.params.id, request.body, deps()),
  );
  const payment = action("payment", "缴纳费用（模拟支付渠道）并出具收据", versionOnlyBody);
  app.post(payment.path, { schema: payment.schema }, async (request) =>
    payCase(request.actor, request.params.id, deps()),
  );

  const withdrawal = action("withdrawal", "申请人撤回", withdrawBody);
  app.post(withdrawal.path, { schema: withdrawal.schema }, async (request) =>
    withdrawCase(request.actor, request.params.id, request.body, deps()),
  );
};

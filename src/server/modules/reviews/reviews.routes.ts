import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { depsOf } from "../../http/context.js";
import { caseIdParam } from "../../../shared/contracts/cases.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import {
  appealBody,
  evaluationResponse,
  rateBody,
  rateResponse,
  recheckBody,
  reportBody,
  taskIdParam,
  taskListQuery,
  taskListResponse,
  taskResponse,
  visitBody,
  visitIdParam,
  visitListResponse,
  visitRateBody,
  visitResponse,
} from "../../../shared/contracts/reviews.js";
import {
  appealRectification,
  getCaseEvaluation,
  listMyVisits,
  listRectifications,
  rateWindowVisit,
  recordWindowVisit,
  rateCase,
  recheckRectification,
  reportRectification,
} from "./reviews.service.js";

const errors = { 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, ...errorResponses };
const tags = ["reviews"];

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.post(
    "/api/v1/cases/:id/evaluation",
    {
      schema: {
        tags,
        summary: "好差评：申请人对已办结办件评价一次（不可更改）",
        params: caseIdParam,
        body: rateBody,
        response: { 201: rateResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rateCase(request.actor, request.params.id, request.body, deps())),
  );
  app.get(
    "/api/v1/cases/:id/evaluation",
    {
      schema: {
        tags,
        summary: "办件的评价及差评整改结果",
        params: caseIdParam,
        response: { 200: evaluationResponse, ...errors },
      },
    },
    async (request) => getCaseEvaluation(request.actor, request.params.id, deps()),
  );
  app.get(
    "/api/v1/rectifications",
    {
      schema: {
        tags,
        summary: "差评整改任务（本机构或监督区划；overdue=true 仅逾期）",
        querystring: taskListQuery,
        response: { 200: taskListResponse, ...errors },
      },
    },
    async (request) =>
      listRectifications(
        request.actor,
        {
          limit: request.query.limit,
          ...(request.query.status ? { status: request.query.status } : {}),
          isOverdue: request.query.overdue === "true",
        },
        deps(),
      ),
  );
  app.post(
    "/api/v1/rectifications/:id/report",
    {
      schema: {
        tags,
        summary: "报告整改：核实、整改、回访",
        params: taskIdParam,
        body: reportBody,
        response: { 200: taskResponse, ...errors },
      },
    },
    async (request) => reportRectification(request.actor, request.params.id, request.body, deps()),
  );
  app.post(
    "/api/v1/rectifications/:id/appeal",
    {
      schema: {
        tags,
        summary: "评价人对整改结果申诉",
        params: taskIdParam,
        body: appealBody,
        response: { 200: taskResponse, ...errors },
      },
    },
    async (request) => appealRectification(request.actor, request.params.id, request.body, deps()),
  );
  app.post(
    "/api/v1/rectifications/:id/recheck",
    {
      schema: {
        tags,
        summary: "政务服务管理机构复核申诉",
        params: taskIdParam,
        body: recheckBody,
        response: { 200: taskResponse, ...errors },
      },
    },
    async (request) => recheckRectification(request.actor, request.params.id, request.body, deps()),
  );
  app.post(
    "/api/v1/window-visits",
    {
      schema: {
        tags,
        summary: "窗口记录一次无办件的来访（咨询、办不成事等），供来访群众评价",
        body: visitBody,
        response: { 201: visitResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordWindowVisit(request.actor, request.body, deps())),
  );
  app.get(
    "/api/v1/window-visits",
    {
      schema: {
        tags,
        summary: "本人的窗口来访记录及是否已评价",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: visitListResponse, ...errors },
      },
    },
    async (request) => listMyVisits(request.actor, request.query.limit, deps()),
  );
  app.post(
    "/api/v1/window-visits/:id/evaluation",
    {
      schema: {
        tags,
        summary: "好差评：来访群众对窗口服务评价一次（窗口指标，不可更改）",
        params: visitIdParam,
        body: visitRateBody,
        response: { 201: rateResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rateWindowVisit(request.actor, request.params.id, request.body, deps())),
  );
};

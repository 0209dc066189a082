import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { depsOf } from "../../http/context.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import {
  complaintIdParam,
  complaintListQuery,
  complaintListResponse,
  complaintResponse,
  dispatchComplaintBody,
  feedbackBody,
  fileComplaintBody,
  replyComplaintBody,
} from "../../../shared/contracts/complaints.js";
import {
  dispatchComplaint,
  fileComplaint,
  getComplaint,
  giveFeedback,
  listComplaintsFor,
  replyComplaint,
} from "./complaints.service.js";

const errors = {
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
  ...errorResponses,
};
const tags = ["complaints"];

export const complaintRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.post(
    "/api/v1/complaints",
    {
      schema: {
        tags,
        summary: "投诉举报（网上、12345 热线、办不成事反映窗口；可匿名，限频）",
        body: fileComplaintBody,
        response: { 201: complaintResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fileComplaint(request.actor, request.body, { ip: request.ip }, deps())),
  );
  app.get(
    "/api/v1/complaints",
    {
      schema: {
        tags,
        summary: "投诉列表（本人 / 承办机构 / 监督区划；overdue=true 超期）",
        querystring: complaintListQuery,
        response: { 200: complaintListResponse, ...errors },
      },
    },
    async (request) =>
      listComplaintsFor(
        request.actor,
        {
          limit: request.query.limit,
          ...(request.query.status ? { status: request.query.status } : {}),
          isOverdue: request.query.overdue === "true",
        },
        deps(),
      ),
  );
  app.get(
    "/api/v1/complaints/:id",
    {
      schema: {
        tags,
        summary: "投诉详情",
        params: complaintIdParam,
        response: { 200: complaintResponse, ...errors },
      },
    },
    async (request) => getComplaint(request.actor, request.params.id, deps()),
  );
  app.post(
    "/api/v1/complaints/:id/dispatch",
    {
      schema: {
        tags,
        summary: "分派承办机构并设定办理期限（工作日）",
        params: complaintIdParam,
        body: dispatchComplaintBody,
        response: { 200: complaintResponse, ...errors },
      },
    },
    async (request) => dispatchComplaint(request.actor, request.params.id, request.body, deps()),
  );
  app.post(
    "/api/v1/complaints/:id/reply",
    {
      schema: {
        tags,
        summary: "承办机构答复投诉人",
        params: complaintIdParam,
        body: replyComplaintBody,
        response: { 200: complaintResponse, ...errors },
      },
    },
    async (request) => replyComplaint(request.actor, request.params.id, request.body, deps()),
  );
  app.post(
    "/api/v1/complaints/:id/feedback",
    {
      schema: {
        tags,
        summary: "投诉人评价答复；未解决则重新办理",
        params: complaintIdParam,
        body: feedbackBody,
        response: { 200: complaintResponse, ...errors },
      },
    },
    async (request) => giveFeedback(request.actor, request.params.id, request.body, deps()),
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  agency,
  agencyDetail,
  agencyIdParam,
  counterpartsResponse,
  createAgencyBody,
  listAgenciesQuery,
  listAgenciesResponse,
} from "../../../shared/contracts/agencies.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { createAgency, getAgency, getCounterparts, listAgencyDirectory } from "./agencies.service.js";

export const agencyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/agencies",
    {
      schema: {
        tags: ["agencies"],
        summary: "机构目录（按区划、条线、类型、名称）",
        querystring: listAgenciesQuery,
        response: { 200: listAgenciesResponse, ...errorResponses },
      },
    },
    async (request) => listAgencyDirectory(request.query, app.ctx.db),
  );

  app.get(
    "/api/v1/agencies/:id",
    {
      schema: {
        tags: ["agencies"],
        summary: "机构及其服务场所",
        params: agencyIdParam,
        response: { 200: agencyDetail, 404: errorBody, ...errorResponses },
      },
    },
    async (request) => getAgency(request.params.id, app.ctx.db),
  );

  app.get(
    "/api/v1/agencies/:id/counterparts",
    {
      schema: {
        tags: ["agencies"],
        summary: "对口部门：同一条线的上级和下级机构",
        params: agencyIdParam,
        response: { 200: counterpartsResponse, 404: errorBody, ...errorResponses },
      },
    },
    async (request) => getCounterparts(request.params.id, app.ctx.db),
  );

  app.post(
    "/api/v1/agencies",
    {
      schema: {
        tags: ["agencies"],
        summary: "登记机构（所辖区划的管理员）",
        body: createAgencyBody,
        response: { 201: agency, 401: errorBody, 403: errorBody, 409: errorBody, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAgency(request.actor, request.body, app.ctx.db)),
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  adminAgencyResponse,
  agencyPatchBody,
  functionalLinesResponse,
} from "../../../shared/contracts/admin.js";
import { agencyIdParam } from "../../../shared/contracts/agencies.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { functionalLines, getAgencyForAdmin, updateAgency } from "./agencies.admin.service.js";

const errors = { 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, ...errorResponses };
const tags = ["agencies"];

/** Agency administration: the admin view (with the parent) and editing. */
export const agencyAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/functional-lines",
    {
      schema: {
        tags,
        summary: "条线（职能部门类别）",
        response: { 200: functionalLinesResponse, ...errors },
      },
    },
    async () => functionalLines(app.ctx.db),
  );
  app.get(
    "/api/v1/admin/agencies/:id",
    {
      schema: {
        tags,
        summary: "机构（管理视图，含上级机构）",
        params: agencyIdParam,
        response: { 200: adminAgencyResponse, ...errors },
      },
    },
    async (request) => getAgencyForAdmin(request.actor, request.params.id, app.ctx.db),
  );
  app.patch(
    "/api/v1/agencies/:id",
    {
      schema: {
        tags,
        summary: "修改机构（所辖区划的管理员；统一社会信用代码校验）",
        params: agencyIdParam,
        body: agencyPatchBody,
        response: { 200: adminAgencyResponse, ...errors },
      },
    },
    async (request) => updateAgency(request.actor, request.params.id, request.body, app.ctx.db),
  );
};

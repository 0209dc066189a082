import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  createStaffBody,
  grantBody,
  revokeQuery,
  staffUserParam,
  userGrantsResponse,
} from "../../../shared/contracts/admin.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { depsOf } from "../../http/context.js";
import { createStaff, getUserGrants, grantRole, revokeRole } from "./identity.grants.service.js";

const errors = { 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, ...errorResponses };
const tags = ["identity"];

/** Administration of staff accounts and role grants (管理员，限所辖区划). */
export const identityAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.post(
    "/api/v1/admin/users",
    {
      schema: {
        tags,
        summary: "新建工作人员账号及其初始角色（管理员所辖区划内）",
        body: createStaffBody,
        response: { 201: userGrantsResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createStaff(request.actor, request.body, deps())),
  );
  app.get(
    "/api/v1/admin/users/:id/grants",
    {
      schema: {
        tags,
        summary: "工作人员的有效授权（角色、机构、范围、权限）",
        params: staffUserParam,
        response: { 200: userGrantsResponse, ...errors },
      },
    },
    async (request) => getUserGrants(request.actor, request.params.id, deps()),
  );
  app.post(
    "/api/v1/admin/users/:id/grants",
    {
      schema: {
        tags,
        summary: "授予角色（不得超出本人管理范围，不得授予本人）",
        params: staffUserParam,
        body: grantBody,
        response: { 201: userGrantsResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await grantRole(request.actor, request.params.id, request.body, deps())),
  );
  app.delete(
    "/api/v1/admin/users/:id/grants",
    {
      schema: {
        tags,
        summary: "撤销角色（某机构的某角色；未持有时不变）",
        params: staffUserParam,
        querystring: revokeQuery,
        response: { 200: userGrantsResponse, ...errors },
      },
    },
    async (request) => revokeRole(request.actor, request.params.id, request.query, deps()),
  );
};

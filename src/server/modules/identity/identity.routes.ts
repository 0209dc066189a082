import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { depsOf } from "../../http/context.js";
import { z } from "zod";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import {
  applicantLookupQuery,
  loginBody,
  loginResponse,
  me,
  meResponse,
  profile,
  registerBody,
  staffListQuery,
  staffListResponse,
  userIdParam,
} from "../../../shared/contracts/identity.js";
import { SESSION_COOKIE } from "../../http/auth.js";
import {
  findApplicant,
  getMe,
  getProfile,
  listStaffUsers,
  login,
  logout,
  registerApplicant,
} from "./identity.service.js";

const authErrors = { 401: errorBody, 403: errorBody, ...errorResponses };

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);

  app.post(
    "/api/v1/auth/register",
    {
      schema: {
        tags: ["identity"],
        summary: "注册（自然人凭身份证号，法人凭统一社会信用代码）",
        body: registerBody,
        response: { 201: me, 409: errorBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await registerApplicant(request.actor, request.body, deps());
      return reply.status(201).send(user);
    },
  );

  app.post(
    "/api/v1/auth/login",
    {
      schema: {
        tags: ["identity"],
        summary: "登录（浏览器用 Cookie 会话，API 客户端用 Bearer 令牌）",
        body: loginBody,
        response: { 200: loginResponse, 401: errorBody, 429: errorBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await login(
        request.body,
        { ip: request.ip, userAgent: request.headers["user-agent"] ?? null, now: app.ctx.clock() },
        deps(),
      );
      if (result.sessionKind === "cookie") {
        void reply.setCookie(SESSION_COOKIE, result.token, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          secure: app.ctx.config.cookieSecure,
          expires: result.expiresAt,
        });
      }
      return {
        user: result.user,
        csrfToken: result.csrfToken,
        token: result.sessionKind === "bearer" ? result.token : null,
        expiresAt: result.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    "/api/v1/auth/logout",
    { schema: { tags: ["identity"], summary: "退出登录", response: { 204: z.null(), ...authErrors } } },
    async (request, reply) => {
      await logout(request.actor, deps(), app.ctx.clock());
      void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/me",
    {
      schema: {
        tags: ["identity"],
        summary: "当前用户（本人信息不脱敏）及其角色",
        response: { 200: meResponse, ...authErrors },
      },
    },
    async (request) => getMe(request.actor, deps()),
  );

  app.get(
    "/api/v1/users/:id",
    {
      schema: {
        tags: ["identity"],
        summary: "用户档案（非本人查看时脱敏）",
        params: userIdParam,
        response: { 200: profile, 404: errorBody, ...authErrors },
      },
    },
    async (request) => getProfile(request.actor, request.params.id, deps()),
  );

  app.get(
    "/api/v1/admin/users",
    {
      schema: {
        tags: ["identity"],
        summary: "工作人员账号（管理员所辖区划内）",
        querystring: staffListQuery,
        response: { 200: staffListResponse, ...authErrors },
      },
    },
    async (request) => listStaffUsers(request.actor, request.query, deps()),
  );

  app.get(
    "/api/v1/applicants",
    {
      schema: {
        tags: ["identity"],
        summary: "窗口收件：按身份证号或统一社会信用代码查找申请人（脱敏）",
        querystring: applicantLookupQuery,
        response: { 200: profile, 404: errorBody, ...authErrors },
      },
    },
    async (request) => findApplicant(request.actor, request.query, deps()),
  );
};

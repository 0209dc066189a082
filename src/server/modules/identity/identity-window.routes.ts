import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { profile } from "../../../shared/contracts/identity.js";
import { windowRegisterBody } from "../../../shared/contracts/window.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { depsOf } from "../../http/context.js";
import { registerAtWindow } from "./identity.window.js";

/** 当场注册: a window clerk opens an applicant's account (no password; the person claims it later). */
export const identityWindowRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.post(
    "/api/v1/applicants",
    {
      schema: {
        tags: ["identity"],
        summary:
          "窗口当场注册申请人（核验身份证号或统一社会信用代码；账号无密码，本人日后凭证件号和登记的手机号注册认领）",
        body: windowRegisterBody,
        response: { 201: profile, 401: errorBody, 403: errorBody, 409: errorBody, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerAtWindow(request.actor, request.body, deps())),
  );
};

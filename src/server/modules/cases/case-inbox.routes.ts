import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { inboxQuery, inboxResponse } from "../../../shared/contracts/window.js";
import { depsOf } from "../../http/context.js";
import { caseInbox, hallCases } from "./case-inbox.service.js";

const errors = { 401: errorBody, 403: errorBody, 422: errorBody, ...errorResponses };
const tags = ["cases"];

/** The staff lists ordered by due date: the inbox and the hall's cases (keyset cursor). */
export const caseInboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);

  app.get(
    "/api/v1/cases/inbox",
    {
      schema: {
        tags,
        summary: "待办：按办理期限排序（超期在前、临期次之），游标分页",
        querystring: inboxQuery,
        response: { 200: inboxResponse, ...errors },
      },
    },
    async (request) => {
      const { status, warning, cursor, limit } = request.query;
      return caseInbox(
        request.actor,
        {
          limit,
          ...(status ? { status } : {}),
          ...(warning ? { warning } : {}),
          ...(cursor ? { cursor } : {}),
        },
        deps(),
      );
    },
  );

  app.get(
    "/api/v1/hall/cases",
    {
      schema: {
        tags,
        summary: "本大厅办件：本大厅窗口收件的办件（分派、统一出件），按办理期限排序，游标分页",
        querystring: inboxQuery,
        response: { 200: inboxResponse, ...errors },
      },
    },
    async (request) => {
      const { status, warning, cursor, limit } = request.query;
      return hallCases(
        request.actor,
        {
          limit,
          ...(status ? { status } : {}),
          ...(warning ? { warning } : {}),
          ...(cursor ? { cursor } : {}),
        },
        deps(),
      );
    },
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pickLocale } from "../../../shared/i18n/messages.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import {
  markAllReadResponse,
  notificationIdParam,
  notificationListQuery,
  notificationListResponse,
  notificationResponse,
} from "../../../shared/contracts/notifications.js";
import { depsOf } from "../../http/context.js";
import { listNotifications, readAllNotifications, readNotification } from "./notifications.service.js";

const errors = { 401: errorBody, 404: errorBody, ...errorResponses };
const tags = ["notifications"];

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.get(
    "/api/v1/notifications",
    {
      schema: {
        tags,
        summary: "本人的站内通知（预警、超期、交办），新的在前",
        querystring: notificationListQuery,
        response: { 200: notificationListResponse, ...errors },
      },
    },
    async (request) =>
      listNotifications(request.actor, request.query, pickLocale(request.headers["accept-language"]), deps()),
  );
  app.post(
    "/api/v1/notifications/:id/read",
    {
      schema: {
        tags,
        summary: "标记一条通知为已读",
        params: notificationIdParam,
        response: { 200: notificationResponse, ...errors },
      },
    },
    async (request) =>
      readNotification(
        request.actor,
        request.params.id,
        pickLocale(request.headers["accept-language"]),
        deps(),
      ),
  );
  app.post(
    "/api/v1/notifications/read-all",
    { schema: { tags, summary: "全部标记为已读", response: { 200: markAllReadResponse, ...errors } } },
    async (request) => readAllNotifications(request.actor, deps()),
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import {
  adminCalendarQuery,
  adminCalendarResponse,
  declareYearBody,
  setOverrideBody,
  dueDateQuery,
  dueDateResponse,
  workdaysQuery,
  workdaysResponse,
} from "../../../shared/contracts/calendar.js";
import {
  adminCalendar,
  adminDeclareYear,
  adminSetOverride,
  countWorkdays,
  getDueDate,
} from "./calendar.service.js";

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/calendar/due-date",
    {
      schema: {
        tags: ["calendar"],
        summary: "办结期限：起算日后第 N 个工作日",
        description:
          "受理当日不计入（行政许可法第八十二条）；法定节假日与调休按国务院安排，地方性节假日按区划生效。",
        querystring: dueDateQuery,
        response: { 200: dueDateResponse, 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => getDueDate(request.actor, request.query, app.ctx.db),
  );

  app.get(
    "/api/v1/calendar/workdays",
    {
      schema: {
        tags: ["calendar"],
        summary: "闭区间内的工作日数及列表",
        querystring: workdaysQuery,
        response: { 200: workdaysResponse, 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => countWorkdays(request.actor, request.query, app.ctx.db),
  );

  const adminErrors = { 401: errorBody, 403: errorBody, 409: errorBody, 422: errorBody, ...errorResponses };
  app.get(
    "/api/v1/admin/calendar",
    {
      schema: {
        tags: ["calendar"],
        summary: "管理：某年在某区划适用的节假日调整，及该年是否已有数据",
        querystring: adminCalendarQuery,
        response: { 200: adminCalendarResponse, ...adminErrors },
      },
    },
    async (request) => adminCalendar(request.actor, request.query, app.ctx.db),
  );
  app.post(
    "/api/v1/admin/calendar/years",
    {
      schema: {
        tags: ["calendar"],
        summary: "管理：声明节假日程序包未覆盖的年份（全年放假与调休一次录入，自治区管理员）",
        body: declareYearBody,
        response: { 201: z.object({ year: z.number(), days: z.number() }), ...adminErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await adminDeclareYear(request.actor, request.body, app.ctx.db)),
  );
  app.put(
    "/api/v1/admin/calendar/overrides",
    {
      schema: {
        tags: ["calendar"],
        summary: "管理：设定某日的地方性节假日或调休（'' 为全国，须自治区管理员）",
        body: setOverrideBody,
        response: { 200: adminCalendarResponse.shape.overrides.element, ...adminErrors },
      },
    },
    async (request) => adminSetOverride(request.actor, request.body, app.ctx.db),
  );
};

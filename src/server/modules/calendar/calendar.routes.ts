import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorResponses } from "../../../shared/contracts/common.js";
import {
  dueDateQuery,
  dueDateResponse,
  workdaysQuery,
  workdaysResponse,
} from "../../../shared/contracts/calendar.js";
import { countWorkdays, getDueDate } from "./calendar.service.js";

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
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { depsOf } from "../../http/context.js";
import { isIsoDate } from "../../../shared/calendar.js";
import { regionLevelOf } from "../../../shared/regions.js";
import {
  ranking,
  rankingCsv,
  rankingXlsx,
  statistics,
  statisticsCsv,
  statisticsXlsx,
  supervisionBoard,
  supervisionOverdue,
  supervisionOverdueItems,
} from "./monitoring.service.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const region = z.string().refine((c) => regionLevelOf(c) !== undefined, { message: "regions.invalidCode" });
const date = z.string().refine(isIsoDate, { message: "calendar.invalidDate" });
const tags = ["monitoring"];

export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.get(
    "/api/v1/supervision/board",
    { schema: { tags, summary: "电子监察：预警分布及各类超期事项", querystring: z.object({ region }) } },
    async (request) => supervisionBoard(request.actor, request.query.region, deps()),
  );
  app.get(
    "/api/v1/supervision/overdue",
    {
      schema: {
        tags,
        summary: "电子监察：按机构或下一级地区统计超期办件、事项变更审核、差评整改和投诉",
        querystring: z.object({ region, by: z.enum(["agency", "region"]).default("agency") }),
      },
    },
    async (request) =>
      supervisionOverdue(request.actor, { regionCode: request.query.region, by: request.query.by }, deps()),
  );
  app.get(
    "/api/v1/supervision/overdue/items",
    {
      schema: {
        tags,
        summary: "电子监察：某类超期事项清单（可按机构筛选，超期最久在前，分页）",
        querystring: z.object({
          region,
          kind: z.enum(["cases", "changeRequests", "rectifications", "complaints"]),
          agency: z.coerce.number().int().positive().max(2_147_483_647).optional(),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return supervisionOverdueItems(
        request.actor,
        { regionCode: q.region, kind: q.kind, agencyId: q.agency, page: q.page, pageSize: q.pageSize },
        deps(),
      );
    },
  );
  app.get(
    "/api/v1/statistics",
    {
      schema: {
        tags,
        summary: "统计（按机构、事项、渠道、区划，含受理结果分布）；format=csv 或 xlsx 导出",
        querystring: z.object({
          region,
          from: date,
          to: date,
          groupBy: z.enum(["agency", "item", "channel", "region"]).default("agency"),
          format: z.enum(["json", "csv", "xlsx"]).default("json"),
        }),
      },
    },
    async (request, reply) => {
      const { format, ...f } = request.query;
      const stats = await statistics(
        request.actor,
        { regionCode: f.region, from: f.from, to: f.to, groupBy: f.groupBy },
        deps(),
      );
      if (format === "csv")
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="statistics.csv"')
          .send(statisticsCsv(stats));
      if (format === "xlsx")
        return reply
          .type(XLSX)
          .header("content-disposition", 'attachment; filename="statistics.xlsx"')
          .send(await statisticsXlsx(stats));
      return reply.send(stats);
    },
  );
  app.get(
    "/api/v1/rankings",
    {
      schema: {
        tags,
        summary:
          "年度考核排名（办法 35）：部门或下一级地区按综合得分排序（按时办结 40、满意度 30、差评整改 15、投诉 15）；format=csv 或 xlsx 导出",
        querystring: z.object({
          region,
          from: date,
          to: date,
          by: z.enum(["agency", "region"]).default("agency"),
          format: z.enum(["json", "csv", "xlsx"]).default("json"),
        }),
      },
    },
    async (request, reply) => {
      const { format, ...f } = request.query;
      const r = await ranking(
        request.actor,
        { regionCode: f.region, from: f.from, to: f.to, by: f.by },
        deps(),
      );
      if (format === "csv")
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="rankings.csv"')
          .send(rankingCsv(r));
      if (format === "xlsx")
        return reply
          .type(XLSX)
          .header("content-disposition", 'attachment; filename="rankings.xlsx"')
          .send(await rankingXlsx(r));
      return reply.send(r);
    },
  );
};

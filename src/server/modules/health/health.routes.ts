import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorBody } from "../../../shared/contracts/common.js";
import { checkHealth } from "./health.service.js";

const healthResponse = z.object({
  status: z.literal("ok"),
  database: z.enum(["postgres", "pglite"]),
  version: z.string(),
});

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["platform"],
        summary: "健康检查（含数据库）",
        response: { 200: healthResponse, 503: errorBody },
      },
    },
    async (request) => {
      await checkHealth(app.ctx.db, request.log);
      return {
        status: "ok" as const,
        database: app.ctx.databaseKind,
        version: process.env.npm_package_version ?? "0.1.0",
      };
    },
  );
};

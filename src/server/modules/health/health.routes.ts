import { sql } from "kysely";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorBody } from "../../../shared/contracts/common.js";
import { AppError } from "../../../shared/errors.js";

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
      try {
        await sql`select 1`.execute(app.ctx.db);
      } catch (err) {
        request.log.error({ err }, "health check: database unreachable");
        throw new AppError("UNAVAILABLE", "error.unavailable");
      }
      return { status: "ok" as const, database: app.ctx.databaseKind, version: process.env.npm_package_version ?? "0.1.0" };
    },
  );
};

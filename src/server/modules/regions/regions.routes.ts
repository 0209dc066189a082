import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import {
  childrenQuery,
  childrenResponse,
  regionCodeParam,
  regionWithChain,
  searchQuery,
  searchResponse,
} from "../../../shared/contracts/regions.js";
import { findRegionsByName, getChildren, getRegion } from "./regions.service.js";

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/regions",
    {
      schema: {
        tags: ["regions"],
        summary: "按名称搜索行政区划",
        querystring: searchQuery,
        response: { 200: searchResponse, ...errorResponses },
      },
    },
    async (request) => findRegionsByName(request.query, app.ctx.db),
  );

  app.get(
    "/api/v1/regions/:code",
    {
      schema: {
        tags: ["regions"],
        summary: "行政区划及其上级链",
        params: regionCodeParam,
        response: { 200: regionWithChain, 404: errorBody, ...errorResponses },
      },
    },
    async (request) => getRegion(request.params.code, app.ctx.db),
  );

  app.get(
    "/api/v1/regions/:code/children",
    {
      schema: {
        tags: ["regions"],
        summary: "下级行政区划（按代码分页）",
        params: regionCodeParam,
        querystring: childrenQuery,
        response: { 200: childrenResponse, 404: errorBody, ...errorResponses },
      },
    },
    async (request) => getChildren(request.params.code, request.query, app.ctx.db),
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { entryIdParam } from "../../../shared/contracts/catalog.js";
import {
  entryListQuery,
  entryListResponse,
  ruleContextResponse,
} from "../../../shared/contracts/catalog-editor.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { depsOf } from "../../http/context.js";
import { listEditorEntries, ruleContext } from "./catalog-editor.service.js";

const errors = { 401: errorBody, 403: errorBody, 404: errorBody, ...errorResponses };
const tags = ["catalog"];

/** The workbench's catalog management: the entries a staff member manages, the rules' context. */
export const catalogEditorRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);

  app.get(
    "/api/v1/catalog/entries",
    {
      schema: {
        tags,
        summary: "本人可编辑或审核范围内的事项（各层级，分页）",
        querystring: entryListQuery,
        response: { 200: entryListResponse, ...errors },
      },
    },
    async (request) => listEditorEntries(request.actor, request.query, deps()),
  );

  app.get(
    "/api/v1/catalog/entries/:id/rule-context",
    {
      schema: {
        tags,
        summary: "规则校验所需的上级内容（基本目录、实施规范、权责清单），供浏览器端边输入边校验",
        params: entryIdParam,
        response: { 200: ruleContextResponse, ...errors },
      },
    },
    async (request) => ruleContext(request.actor, request.params.id, deps()),
  );
};

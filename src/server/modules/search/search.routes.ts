import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pickLocale } from "../../../shared/i18n/messages.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import {
  basicCodeParam,
  faqBody,
  faqListResponse,
  faqResponse,
  navigateQuery,
  navigateResponse,
  reindexResponse,
  searchQuery,
  searchResponse,
} from "../../../shared/contracts/search.js";
import { depsOf } from "../../http/context.js";
import { addFaq, listItemFaqs, navigate, reindexSearch, search } from "./search.service.js";

const errors = { 401: errorBody, 403: errorBody, 404: errorBody, ...errorResponses };
const tags = ["search"];

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  app.get(
    "/api/v1/search",
    {
      schema: {
        tags,
        summary: "智能搜索：分词、同义词与俗称、拼音及首字母、容错，按相关度与热度排序",
        querystring: searchQuery,
        response: { 200: searchResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      return search(
        {
          q: q.q,
          limit: q.limit,
          ...(q.region === undefined ? {} : { region: q.region }),
          ...(q.type === undefined ? {} : { type: q.type }),
          ...(q.agency === undefined ? {} : { agency: q.agency }),
          ...(q.tag === undefined ? {} : { tag: q.tag }),
        },
        deps(),
      );
    },
  );
  app.get(
    "/api/v1/navigation",
    {
      schema: {
        tags,
        summary: "我要办：从一句话需求到应办事项（及一件事），附简短说明",
        querystring: navigateQuery,
        response: { 200: navigateResponse, ...errors },
      },
    },
    async (request) =>
      navigate(
        {
          need: request.query.need,
          locale: pickLocale(request.headers["accept-language"]),
          ...(request.query.region === undefined ? {} : { region: request.query.region }),
        },
        deps(),
      ),
  );
  app.get(
    "/api/v1/items/:basicCode/faqs",
    {
      schema: {
        tags,
        summary: "事项常见问题（智能问答知识库）",
        params: basicCodeParam,
        response: { 200: faqListResponse, ...errors },
      },
    },
    async (request) => listItemFaqs(request.params.basicCode, deps()),
  );
  app.post(
    "/api/v1/items/:basicCode/faqs",
    {
      schema: {
        tags,
        summary: "新增常见问题（事项编辑、管理员）",
        params: basicCodeParam,
        body: faqBody,
        response: { 201: faqResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addFaq(request.actor, { basicCode: request.params.basicCode, ...request.body }, deps())),
  );
  app.post(
    "/api/v1/search/reindex",
    {
      schema: { tags, summary: "重建搜索索引（平台管理员）", response: { 200: reindexResponse, ...errors } },
    },
    async (request) => reindexSearch(request.actor, deps()),
  );
};

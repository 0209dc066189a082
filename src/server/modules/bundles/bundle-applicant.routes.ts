import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  bundleMaterialPlanResponse,
  groupEvaluationResponse,
  groupRateResponse,
  groupWithdrawBody,
  myBundleApplicationsQuery,
  myBundleApplicationsResponse,
} from "../../../shared/contracts/bundle-applicant.js";
import {
  applicationIdParam,
  bundleApplicationResponse,
  bundleCodeParam,
} from "../../../shared/contracts/bundles.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { rateBody } from "../../../shared/contracts/reviews.js";
import { depsOf } from "../../http/context.js";
import { listMyCaseGroups, withdrawCaseGroup } from "../cases/case-group-actions.service.js";
import { getCaseGroupEvaluation, rateCaseGroup } from "../reviews/group-rating.service.js";
import { planBundleMaterials } from "./bundle-applicant.service.js";
import { getBundleApplication } from "./bundles.service.js";

const errors = {
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  ...errorResponses,
};
const tags = ["bundles"];

/** 一件事 from the applicant's side (the portal): 免证办 plan, my applications, withdrawal, rating. */
export const bundleApplicantRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);

  app.get(
    "/api/v1/me/bundles/:code/materials",
    {
      schema: {
        tags,
        summary: "免证办：本人办理该一件事还需上传哪些材料",
        params: bundleCodeParam,
        response: { 200: bundleMaterialPlanResponse, ...errors },
      },
    },
    async (request) => planBundleMaterials(request.actor, request.params.code, deps()),
  );
  app.get(
    "/api/v1/me/bundle-applications",
    {
      schema: {
        tags,
        summary: "我的一件事申请（主件，新的在前）",
        querystring: myBundleApplicationsQuery,
        response: { 200: myBundleApplicationsResponse, ...errors },
      },
    },
    async (request) => listMyCaseGroups(request.actor, request.query.limit, deps()),
  );
  app.post(
    "/api/v1/bundles/applications/:id/withdrawal",
    {
      schema: {
        tags,
        summary: "申请人撤回一件事申请：撤回尚未作出决定的全部子办件",
        params: applicationIdParam,
        body: groupWithdrawBody,
        response: { 200: bundleApplicationResponse, ...errors },
      },
    },
    async (request) => {
      await withdrawCaseGroup(request.actor, request.params.id, request.body, deps());
      return getBundleApplication(request.actor, request.params.id, deps());
    },
  );
  app.post(
    "/api/v1/bundles/applications/:id/evaluation",
    {
      schema: {
        tags,
        summary: "评价办结的一件事申请（好差评）：记为各子办件所属部门的评价",
        params: applicationIdParam,
        body: rateBody,
        response: { 201: groupRateResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rateCaseGroup(request.actor, request.params.id, request.body, deps())),
  );
  app.get(
    "/api/v1/bundles/applications/:id/evaluation",
    {
      schema: {
        tags,
        summary: "一件事申请各子办件的评价",
        params: applicationIdParam,
        response: { 200: groupEvaluationResponse, ...errors },
      },
    },
    async (request) => getCaseGroupEvaluation(request.actor, request.params.id, deps()),
  );
};

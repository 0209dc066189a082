import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import QRCode from "qrcode";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import {
  agencyIdParam,
  caseIdOnlyParam,
  documentIdParam,
  guideCodeOnlyParam,
  licenseIdentifierParam,
  objectionBody,
  objectionIdParam,
  resolveObjectionBody,
  revokeBody,
  rootKeyResponse,
  sealPictureParam,
  verifyUploadBody,
} from "../../../shared/contracts/credentials.js";
import { depsOf } from "../../http/context.js";
import { registerLicenseSource } from "../assist/assist.facts.js";
import { provideHeldLicenseLookup } from "../cases/case-follow-ups.js";
import {
  getDocumentPdf,
  getDocumentVerification,
  listCaseDocuments,
  verifyUploadedDocument,
} from "./documents.service.js";
import { licenseFactSource } from "./license-facts.js";
import { listLicenseTypes } from "./license-types.service.js";
import { attachedLicenses, lookupHeldLicense, planMaterials } from "./licensed-materials.service.js";
import { listMyLicenses, revokeLicense, verifyLicense } from "./licenses.service.js";
import { fileObjection, resolveObjection } from "./objections.service.js";
import { getRootKey, getSealPicture, listSeals, rotateSeal } from "./seals.service.js";

const errors = { 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, ...errorResponses };
const tags = ["credentials"];

export const credentialRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => depsOf(app.ctx);
  provideHeldLicenseLookup(lookupHeldLicense);
  registerLicenseSource(licenseFactSource(deps));

  app.get(
    "/api/v1/credentials/root-key",
    {
      schema: {
        tags,
        summary: "平台根公钥（SM2），用于离线核验电子印章",
        response: { 200: rootKeyResponse, ...errors },
      },
    },
    async () => getRootKey(deps()),
  );
  app.get(
    "/api/v1/agencies/:agencyId/seals",
    { schema: { tags, summary: "机构的电子印章（含已轮换）", params: agencyIdParam } },
    async (request) => listSeals(request.params.agencyId, deps()),
  );
  app.post(
    "/api/v1/agencies/:agencyId/seals/rotation",
    { schema: { tags, summary: "轮换电子印章密钥（管理员）", params: agencyIdParam } },
    async (request, reply) =>
      reply.status(201).send(await rotateSeal(request.actor, request.params.agencyId, deps())),
  );
  app.get(
    "/api/v1/seals/:sealId/picture.:format",
    { schema: { tags, summary: "印章图片（SVG 或 PNG）", params: sealPictureParam } },
    async (request, reply) => {
      const { sealId, format } = request.params;
      const picture = await getSealPicture(sealId, format, deps());
      return reply.type(format === "svg" ? "image/svg+xml" : "image/png").send(picture);
    },
  );

  app.get(
    "/api/v1/cases/:caseId/documents",
    { schema: { tags, summary: "办件的签章文书", params: caseIdOnlyParam } },
    async (request) => listCaseDocuments(request.actor, request.params.caseId, deps()),
  );
  app.get(
    "/api/v1/documents/:id/pdf",
    { schema: { tags, summary: "下载签章文书 PDF（申请人及有权限的工作人员）", params: documentIdParam } },
    async (request, reply) => {
      const { fileName, pdf } = await getDocumentPdf(request.actor, request.params.id, deps());
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(pdf);
    },
  );
  app.get(
    "/api/v1/documents/:id/verification",
    { schema: { tags, summary: "文书在线核验（无需登录）", params: documentIdParam } },
    async (request) => getDocumentVerification(request.params.id, deps()),
  );
  app.post(
    "/api/v1/documents/verification",
    {
      bodyLimit: 20_000_000,
      schema: { tags, summary: "上传 PDF 核验签章（无需登录）", body: verifyUploadBody },
    },
    async (request) => verifyUploadedDocument(request.body.dataBase64, deps()),
  );

  app.get("/api/v1/license-types", { schema: { tags, summary: "电子证照类型" } }, async () =>
    listLicenseTypes(deps()),
  );
  app.get("/api/v1/me/licenses", { schema: { tags, summary: "我的证照夹" } }, async (request) =>
    listMyLicenses(request.actor, deps()),
  );
  app.get(
    "/api/v1/licenses/:identifier/verification",
    { schema: { tags, summary: "电子证照核验（无需登录，持证人脱敏）", params: licenseIdentifierParam } },
    async (request) => verifyLicense(request.params.identifier, deps()),
  );
  app.get(
    "/api/v1/licenses/:identifier/qr.png",
    { schema: { tags, summary: "电子证照核验二维码（PNG）", params: licenseIdentifierParam } },
    async (request, reply) => {
      const v = await verifyLicense(request.params.identifier, deps());
      const url = `${app.ctx.config.publicBaseUrl}/verify/licenses/${v.identifier}`;
      const png = await QRCode.toBuffer(url, {
        type: "png",
        width: 256,
        margin: 1,
        errorCorrectionLevel: "M",
      });
      return reply.type("image/png").send(png);
    },
  );
  app.post(
    "/api/v1/licenses/:identifier/revocation",
    {
      schema: {
        tags,
        summary: "注销电子证照（发证机关审批人员）",
        params: licenseIdentifierParam,
        body: revokeBody,
      },
    },
    async (request) => revokeLicense(request.actor, request.params.identifier, request.body, deps()),
  );
  app.post(
    "/api/v1/licenses/:identifier/objections",
    {
      schema: {
        tags,
        summary: "对电子证照提出异议（持证人）",
        params: licenseIdentifierParam,
        body: objectionBody,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await fileObjection(request.actor, request.params.identifier, request.body, deps())),
  );
  app.post(
    "/api/v1/license-objections/:id/resolution",
    {
      schema: {
        tags,
        summary: "处理异议：更正换发或驳回（发证机关）",
        params: objectionIdParam,
        body: resolveObjectionBody,
      },
    },
    async (request) => resolveObjection(request.actor, request.params.id, request.body, deps()),
  );
  app.get(
    "/api/v1/me/guides/:code/materials",
    { schema: { tags, summary: "免证办：本人办理该事项还需上传哪些材料", params: guideCodeOnlyParam } },
    async (request) => planMaterials(request.actor, request.params.code, deps()),
  );
  app.get(
    "/api/v1/cases/:caseId/licenses",
    { schema: { tags, summary: "办件调用的电子证照及其核验结果", params: caseIdOnlyParam } },
    async (request) => attachedLicenses(request.actor, request.params.caseId, deps()),
  );
};

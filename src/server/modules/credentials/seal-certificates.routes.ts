import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sealCertificateResponse, sealIdParam } from "../../../shared/contracts/admin.js";
import { errorBody, errorResponses } from "../../../shared/contracts/common.js";
import { depsOf } from "../../http/context.js";
import { getSealCertificate } from "./seal-certificates.service.js";

/** The e-seal certificate view (public, like the picture: relying parties verify with it). */
export const sealCertificateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/seals/:sealId/certificate",
    {
      schema: {
        tags: ["credentials"],
        summary: "印章证书：主体、编码、有效期、公钥指纹、根密钥签名核验",
        params: sealIdParam,
        response: { 200: sealCertificateResponse, 404: errorBody, ...errorResponses },
      },
    },
    async (request) => getSealCertificate(request.params.sealId, depsOf(app.ctx)),
  );
};

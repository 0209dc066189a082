import { defineJob, type JobDefinition } from "../../jobs/jobs.registry.js";
import type { Secrets } from "../../security/secrets.js";
import { caseApprovedJob, noticeIssuedJob } from "../cases/case-follow-ups.js";
import { signCaseNotice } from "./documents.service.js";
import { issueLicenseForCase } from "./licenses.service.js";

/** What the credential jobs need beyond the database: the master key (seal keys) and the public URL (QR codes). */
export interface CredentialJobEnv {
  secrets: Secrets;
  publicBaseUrl: string;
}

/** The handlers of the cases module's follow-up jobs: sign each notice, issue the e-license of an approval. */
export function credentialJobs(env: CredentialJobEnv): JobDefinition[] {
  return [
    defineJob({
      ...noticeIssuedJob,
      handler: async (payload, ctx) => {
        const id = await signCaseNotice(
          payload,
          { db: ctx.db, secrets: env.secrets, now: () => ctx.now() },
          env.publicBaseUrl,
        );
        if (id !== undefined) ctx.log.info({ documentId: id, noticeId: payload.noticeId }, "notice signed");
      },
    }),
    defineJob({
      ...caseApprovedJob,
      handler: async (payload, ctx) => {
        const identifier = await issueLicenseForCase(payload.caseId, {
          db: ctx.db,
          secrets: env.secrets,
          now: () => ctx.now(),
        });
        if (identifier !== undefined)
          ctx.log.info({ identifier, caseId: payload.caseId }, "e-license issued");
      },
    }),
  ];
}

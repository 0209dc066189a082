import { defineJob, type JobDefinition } from "../../jobs/jobs.registry.js";
import type { Secrets } from "../../security/secrets.js";
import { caseSubmittedJob } from "../cases/case-follow-ups.js";
import { decideSubmittedCase } from "./assist.service.js";

/** The handler of the cases module's 秒批 follow-up; it needs the secrets to read the real-name profile. */
export function assistJobs(env: { secrets: Secrets }): JobDefinition[] {
  return [
    defineJob({
      ...caseSubmittedJob,
      handler: async (payload, ctx) => {
        const r = await decideSubmittedCase(payload.caseId, {
          db: ctx.db,
          secrets: env.secrets,
          now: () => ctx.now(),
        });
        if (r !== undefined) ctx.log.info({ caseId: payload.caseId, outcome: r.outcome }, "秒批 decided");
      },
    }),
  ];
}

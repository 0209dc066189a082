import { z } from "zod";
import { refreshWarnings, revokeExpiredTolerances } from "../modules/cases/case-actions.service.js";
import { purgeExpiredSessions } from "../modules/identity/identity.service.js";
import { escalateOverdueRectifications } from "../modules/reviews/reviews.service.js";
import { JobRegistry, defineJob } from "./jobs.registry.js";
import { credentialJobs, type CredentialJobEnv } from "../modules/credentials/credentials.jobs.js";

/** Every job of the platform, explicitly, with its cron schedule if it has one. */
export const purgeSessionsJob = defineJob({
  name: "identity.purge_sessions",
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const removed = await purgeExpiredSessions(ctx.db, ctx.now());
    ctx.log.info({ ...removed }, "expired sessions purged");
  },
});

/** 容缺受理 revoked with reasons when the supplement deadline passed unsupplied. */
export const toleranceSweepJob = defineJob({
  name: "cases.revoke_expired_tolerances",
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const revoked = await revokeExpiredTolerances(ctx.db, ctx.now());
    if (revoked > 0) ctx.log.info({ revoked }, "容缺受理 revoked after the supplement deadline");
  },
});

/** Warning levels (yellow at 80 %, red when overdue) kept current in every list. */
export const warningSweepJob = defineJob({
  name: "cases.refresh_warnings",
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const changed = await refreshWarnings(ctx.db, ctx.now());
    if (changed > 0) ctx.log.info({ changed }, "case warning levels refreshed");
  },
});

/** Bad-review rectifications past their deadline are escalated to the supervisors. */
export const rectificationEscalationJob = defineJob({
  name: "reviews.escalate_overdue",
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const escalated = await escalateOverdueRectifications(ctx.db, ctx.now());
    if (escalated > 0) ctx.log.info({ escalated }, "overdue rectification tasks escalated");
  },
});

export const SCHEDULES = [
  { name: "rectification-escalation", cron: "10 0 * * *", jobName: rectificationEscalationJob.name },
  { name: "warning-sweep", cron: "*/15 * * * *", jobName: warningSweepJob.name },
  { name: "purge-sessions-nightly", cron: "30 3 * * *", jobName: purgeSessionsJob.name },
  { name: "tolerance-sweep", cron: "5 0 * * *", jobName: toleranceSweepJob.name },
] as const;

export function buildJobRegistry(credentials: CredentialJobEnv): JobRegistry {
  return new JobRegistry().register(
    purgeSessionsJob,
    toleranceSweepJob,
    warningSweepJob,
    rectificationEscalationJob,
    ...credentialJobs(credentials),
  );
}

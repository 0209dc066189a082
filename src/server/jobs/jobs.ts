import { z } from "zod";
import { purgeExpiredSessions } from "../modules/identity/identity.service.js";
import { JobRegistry, defineJob } from "./registry.js";

/** Every job of the platform, explicitly, with its cron schedule if it has one. */
export const purgeSessionsJob = defineJob({
  name: "identity.purge_sessions",
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const removed = await purgeExpiredSessions(ctx.db, ctx.now());
    ctx.log.info({ ...removed }, "expired sessions purged");
  },
});

export const SCHEDULES = [{ name: "purge-sessions-nightly", cron: "30 3 * * *", jobName: purgeSessionsJob.name }] as const;

export function buildJobRegistry(): JobRegistry {
  return new JobRegistry().register(purgeSessionsJob);
}

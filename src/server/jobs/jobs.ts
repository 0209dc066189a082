import { z } from "zod";
import { refreshWarnings, revokeExpiredTolerances } from "../modules/cases/case-actions.service.js";
import { purgeExpiredSessions } from "../modules/identity/identity.service.js";
import { escalateOverdueRectifications } from "../modules/reviews/reviews.service.js";
import { indexGuide } from "../modules/search/search.service.js";
import { remindAppointments } from "../modules/halls/appointments.service.js";
import {
  DELIVER_JOB,
  createProvider,
  type NotifyProviderName,
} from "../modules/notifications/notifications.provider.js";
import { deliverNotification, scanNotifications } from "../modules/notifications/notifications.service.js";
import { JobRegistry, defineJob } from "./jobs.registry.js";
import { credentialJobs, type CredentialJobEnv } from "../modules/credentials/credentials.jobs.js";
import { assistJobs } from "../modules/assist/assist.jobs.js";
import { appointmentReminderJob } from "../modules/halls/appointment-reminders.js";
import { foldStatisticsJob } from "../modules/monitoring/monitoring.jobs.js";
import { foldOpenCounts } from "../modules/monitoring/monitoring.service.js";

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
    // The board's open-case counts (0017) take the new levels now, rather than every read summing the
    // sweep's pending changes until the next fold.
    if (changed > 0) await foldOpenCounts(ctx.db);
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

/** Search index kept in step with catalog publication (enqueued by the catalog on publish/abolish). */
export const searchIndexGuideJob = defineJob({
  name: "search.index_guide",
  payload: z.object({ code: z.string().min(1).max(40) }),
  handler: async (payload, ctx) => {
    await indexGuide(ctx.db, payload.code);
  },
});

/** Appointment reminders the day before, and no-shows recorded after the day passed. */
export const appointmentSweepJob = defineJob({
  name: "halls.appointment_sweep",
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const r = await remindAppointments(ctx.db, ctx.now());
    if (r.reminded + r.noShows > 0) ctx.log.info(r, "appointment reminders and no-shows");
  },
});

/** Notifications: new warnings, overdue items and dispatches → the responsible staff, once each. */
export const notificationScanJob = defineJob({
  name: "notifications.scan",
  payload: z.object({}),
  handler: async (_payload, ctx) => {
    const r = await scanNotifications(ctx.db, ctx.now());
    if (r.notifications > 0) ctx.log.info({ ...r }, "staff notified");
  },
});

/** SMS/email of one notification through the configured provider (at most once per notification). */
export function notificationDeliveryJob(provider: NotifyProviderName = "log") {
  return defineJob({
    name: DELIVER_JOB,
    payload: z.object({ notificationId: z.number().int().positive() }),
    handler: async (payload, ctx) => {
      await deliverNotification(ctx.db, payload.notificationId, createProvider(provider, ctx.log), ctx.now());
    },
  });
}

export const SCHEDULES = [
  { name: "rectification-escalation", cron: "10 0 * * *", jobName: rectificationEscalationJob.name },
  { name: "warning-sweep", cron: "*/15 * * * *", jobName: warningSweepJob.name },
  { name: "purge-sessions-nightly", cron: "30 3 * * *", jobName: purgeSessionsJob.name },
  { name: "tolerance-sweep", cron: "5 0 * * *", jobName: toleranceSweepJob.name },
  { name: "appointment-sweep", cron: "0 * * * *", jobName: appointmentSweepJob.name },
  { name: "notification-scan", cron: "7-59/15 * * * *", jobName: notificationScanJob.name },
  { name: "statistics-fold", cron: "* * * * *", jobName: foldStatisticsJob.name },
] as const;

/** The registry of every job; credentials jobs need the secrets and the public address. */
export function buildJobRegistry(
  options: CredentialJobEnv & { notifyProvider?: NotifyProviderName },
): JobRegistry {
  return new JobRegistry().register(
    purgeSessionsJob,
    toleranceSweepJob,
    warningSweepJob,
    rectificationEscalationJob,
    ...credentialJobs(options),
    searchIndexGuideJob,
    appointmentSweepJob,
    notificationScanJob,
    notificationDeliveryJob(options.notifyProvider),
    ...assistJobs(options),
    appointmentReminderJob(options.secrets, (log) => createProvider(options.notifyProvider ?? "log", log)),
    foldStatisticsJob,
  );
}

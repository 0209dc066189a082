import { z } from "zod";
import { translate } from "../../../shared/i18n/messages.js";
import { SYSTEM, toAuditActor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Db } from "../../db/db.js";
import { defineJob, type JobLogger } from "../../jobs/jobs.registry.js";
import type { Secrets } from "../../security/secrets.js";
import { getPublishedGuide } from "../catalog/catalog.service.js";
import type { NotificationProvider } from "../notifications/notifications.provider.js";
import { findAppointmentForReminder } from "./appointment-reminders.queries.js";

/**
 * 预约提醒: the appointment sweep marks an appointment reminded (once) and, in the same transaction,
 * enqueues this job keyed by the appointment, so that each appointment gets one reminder; the job
 * sends it by SMS through the notification provider (a provider failure retries the job).
 */
export const REMINDER_JOB = {
  name: "halls.appointment_reminder",
  payload: z.object({ appointmentId: z.string().min(1).max(36) }),
};

export function reminderKey(appointmentId: string): string {
  return `appointment-reminder:${appointmentId}`;
}

/**
 * Sends the reminder of one appointment unless it was cancelled meanwhile; audited.
 * @returns whether a message was sent.
 */
export async function sendAppointmentReminder(
  db: Db,
  secrets: Secrets,
  appointmentId: string,
  provider: NotificationProvider,
  now: Date,
): Promise<boolean> {
  const a = await findAppointmentForReminder(db, appointmentId);
  if (a === undefined || a.status !== "booked") return false;
  const item = await getPublishedGuide(a.guide_code, undefined, { db, secrets })
    .then((g) => g.content.name)
    .catch(() => a.guide_code);
  const text = translate("halls.reminderText", "zh-CN", {
    date: a.slot_date,
    start: a.slot_start,
    hall: a.venue_name,
    item,
  });
  await provider.send({
    channel: "sms",
    recipientId: a.applicant_id,
    subject: "预约提醒",
    text,
    reference: `appointment:${a.id}`,
  });
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      actor: toAuditActor(SYSTEM),
      action: "appointment.reminder.sent",
      entityType: "appointment",
      entityId: a.id,
      after: { provider: provider.name, channel: "sms" },
      at: now,
    });
  });
  return true;
}

/** The job, with the provider the configuration names (tests pass a recording one). */
export function appointmentReminderJob(
  secrets: Secrets,
  providerFor: (log: JobLogger) => NotificationProvider,
) {
  return defineJob({
    ...REMINDER_JOB,
    handler: async (payload, ctx) => {
      await sendAppointmentReminder(ctx.db, secrets, payload.appointmentId, providerFor(ctx.log), ctx.now());
    },
  });
}

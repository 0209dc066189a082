import { chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { translate, zhCN, type Locale, type MessageKey } from "../../../shared/i18n/messages.js";
import { requireUser } from "../../access/access.policy.js";
import { SYSTEM, toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Db } from "../../db/db.js";
import type { NotificationRow } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { channelsFor, type NotificationProvider } from "./notifications.provider.js";
import {
  countUnread,
  findForRecipient,
  findUndelivered,
  listForRecipient,
  markAllRead,
  markDelivered,
  markRead,
  scanForNotifications,
} from "./notifications.queries.js";

/** The catalog key of a notification's text: `notifications.<object type>.<level without :N>`. */
export function messageKeyOf(objectType: string, level: string): MessageKey {
  const key = `notifications.${objectType}.${level.split(":")[0] ?? level}`;
  return key in zhCN ? (key as MessageKey) : "notifications.notFound";
}

function toResponse(n: NotificationRow, locale: Locale) {
  return {
    id: n.id,
    objectType: n.object_type,
    objectId: n.object_id,
    level: n.level,
    subject: n.subject,
    message: translate(messageKeyOf(n.object_type, n.level), locale, { subject: n.subject }),
    agencyId: n.agency_id,
    regionCode: n.region_code,
    createdAt: n.created_at.toISOString(),
    readAt: n.read_at?.toISOString() ?? null,
  };
}

/**
 * The scan job: notifies the responsible staff of everything that newly became a warning, overdue or
 * dispatched (see {@link scanForNotifications}), once per object and level, and queues the SMS/email
 * deliveries — in one transaction with one audit event for the batch.
 */
export async function scanNotifications(db: Db, now: Date) {
  return db.transaction().execute(async (trx) => {
    const r = await scanForNotifications(trx, chinaDate(now), now);
    if (r.triggers > 0)
      await recordAudit(trx, {
        actor: toAuditActor(SYSTEM),
        action: "notification.scan",
        entityType: "notification",
        after: r,
        at: now,
      });
    return r;
  });
}

/**
 * Sends one notification by SMS/email through the provider, at most once: a delivered notification
 * is skipped; a provider failure throws so that the job retries.
 * @returns whether anything was sent.
 */
export async function deliverNotification(
  db: Db,
  id: number,
  provider: NotificationProvider,
  now: Date,
): Promise<boolean> {
  const n = await findUndelivered(db, id);
  if (n === undefined) return false;
  const text = translate(messageKeyOf(n.object_type, n.level), "zh-CN", { subject: n.subject });
  for (const channel of channelsFor(n.level)) {
    await provider.send({
      channel,
      recipientId: n.recipient_id,
      subject: "通办电子监察提醒",
      text,
      notificationId: n.id,
    });
  }
  return db.transaction().execute(async (trx) => {
    const marked = await markDelivered(trx, n.id, now);
    if (marked === undefined) return false;
    await recordAudit(trx, {
      actor: toAuditActor(SYSTEM),
      action: "notification.deliver",
      entityType: "notification",
      entityId: n.id,
      after: { provider: provider.name, channels: channelsFor(n.level) },
      at: now,
    });
    return true;
  });
}

/** The signed-in user's own notifications, newest first, with the unread count. */
export async function listNotifications(
  actor: Actor,
  q: { unread?: "true" | "false" | undefined; before?: number | undefined; limit: number },
  locale: Locale,
  deps: Deps,
) {
  const user = requireUser(actor);
  const [rows, unread] = await Promise.all([
    listForRecipient(deps.db, user.id, {
      isUnreadOnly: q.unread === "true",
      before: q.before,
      limit: q.limit,
    }),
    countUnread(deps.db, user.id),
  ]);
  return { items: rows.map((r) => toResponse(r, locale)), unread };
}

/**
 * Marks one of the user's notifications read (idempotent).
 * @throws AppError NOT_FOUND for another user's or an unknown notification.
 */
export async function readNotification(actor: Actor, id: number, locale: Locale, deps: Deps) {
  const user = requireUser(actor);
  const at = nowOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const marked = await markRead(trx, user.id, id, at);
    const row = await findForRecipient(trx, user.id, id);
    if (row === undefined) throw new AppError("NOT_FOUND", "notifications.notFound");
    if (marked !== undefined)
      await recordAudit(trx, {
        actor: toAuditActor(actor),
        action: "notification.read",
        entityType: "notification",
        entityId: id,
        after: { readAt: at.toISOString() },
        requestId: user.requestId ?? null,
        at,
      });
    return toResponse(row, locale);
  });
}

/** Marks all of the user's unread notifications read. */
export async function readAllNotifications(actor: Actor, deps: Deps) {
  const user = requireUser(actor);
  const at = nowOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const updated = await markAllRead(trx, user.id, at);
    if (updated > 0)
      await recordAudit(trx, {
        actor: toAuditActor(actor),
        action: "notification.read_all",
        entityType: "notification",
        entityId: user.id,
        after: { updated },
        requestId: user.requestId ?? null,
        at,
      });
    return { updated };
  });
}

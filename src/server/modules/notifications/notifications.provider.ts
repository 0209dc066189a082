import type { JobLogger } from "../../jobs/jobs.registry.js";

/** The job that sends one notification by SMS/email. */
export const DELIVER_JOB = "notifications.deliver";

/** One message to one staff member over SMS or email. */
export interface OutgoingMessage {
  channel: "sms" | "email";
  recipientId: string;
  subject: string;
  text: string;
  /** The notification it carries (providers may use it to deduplicate); absent for other messages. */
  notificationId?: number;
  /** What else the message is about, e.g. `appointment:<id>` for an appointment reminder. */
  reference?: string;
}

/**
 * An SMS/email gateway. A real one (a province's SMS platform, an SMTP relay) resolves the recipient's
 * address and sends; it throws to have the delivery job retried.
 */
export interface NotificationProvider {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

export const NOTIFY_PROVIDERS = ["log", "none"] as const;
export type NotifyProviderName = (typeof NOTIFY_PROVIDERS)[number];

/** Writes each message to the log instead of sending it (development, tests, no gateway yet). */
export class LoggingProvider implements NotificationProvider {
  readonly name = "log";
  constructor(private readonly log: JobLogger) {}
  send(message: OutgoingMessage): Promise<void> {
    this.log.info({ notification: message }, `notification sent by ${message.channel} (logging provider)`);
    return Promise.resolve();
  }
}

/** Sends nothing: in-app notifications only. */
export class NullProvider implements NotificationProvider {
  readonly name = "none";
  send(): Promise<void> {
    return Promise.resolve();
  }
}

/** The provider a configuration names. */
export function createProvider(name: NotifyProviderName, log: JobLogger): NotificationProvider {
  return name === "log" ? new LoggingProvider(log) : new NullProvider();
}

/** Levels urgent enough for a text message as well as an email. */
export function channelsFor(level: string): OutgoingMessage["channel"][] {
  return level === "red" || level === "overdue" ? ["email", "sms"] : ["email"];
}

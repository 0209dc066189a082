import { describe, expect, it } from "vitest";
import { translate } from "../../src/shared/i18n/messages.js";
import {
  LoggingProvider,
  NullProvider,
  channelsFor,
  createProvider,
} from "../../src/server/modules/notifications/notifications.provider.js";
import { messageKeyOf } from "../../src/server/modules/notifications/notifications.service.js";

describe("notification texts and channels", () => {
  it("maps object type and level (with its :N round) to a catalog message", () => {
    expect(messageKeyOf("case", "red")).toBe("notifications.case.red");
    expect(messageKeyOf("complaint", "reopened:2")).toBe("notifications.complaint.reopened");
    expect(messageKeyOf("change_request", "overdue:3")).toBe("notifications.change_request.overdue");
    expect(messageKeyOf("case", "purple")).toBe("notifications.notFound");
    expect(translate(messageKeyOf("complaint", "overdue"), "zh-CN", { subject: "TS-1" })).toContain("TS-1");
  });

  it("texts by SMS only what is red or overdue", () => {
    expect(channelsFor("red")).toEqual(["email", "sms"]);
    expect(channelsFor("overdue")).toEqual(["email", "sms"]);
    expect(channelsFor("yellow")).toEqual(["email"]);
    expect(channelsFor("dispatched")).toEqual(["email"]);
  });

  it("selects the provider by configuration; the logging provider logs each message", async () => {
    const logged: object[] = [];
    const log = { info: (f: object) => logged.push(f), warn: () => undefined, error: () => undefined };
    const p = createProvider("log", log);
    expect(p).toBeInstanceOf(LoggingProvider);
    expect(createProvider("none", log)).toBeInstanceOf(NullProvider);
    await p.send({ channel: "sms", recipientId: "u1", subject: "s", text: "t", notificationId: 7 });
    expect(logged).toEqual([
      { notification: { channel: "sms", recipientId: "u1", subject: "s", text: "t", notificationId: 7 } },
    ]);
  });
});

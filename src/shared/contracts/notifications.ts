import { z } from "zod";

/** In-app notifications of staff (电子监察 warnings, overdue items, new dispatches). */
export const notificationObjectTypes = ["case", "change_request", "rectification", "complaint"] as const;

export const notificationListQuery = z.object({
  unread: z.enum(["true", "false"]).optional(),
  before: z.coerce.number().int().positive().optional().describe("上一页最后一条的 id（向前翻页）"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const notificationIdParam = z.object({ id: z.coerce.number().int().positive() });

export const notificationResponse = z
  .object({
    id: z.number(),
    objectType: z.enum(notificationObjectTypes),
    objectId: z.string(),
    level: z.string().describe("yellow / red / due / overdue / opened / dispatched / reopened:N"),
    subject: z.string(),
    message: z.string(),
    agencyId: z.number().nullable(),
    regionCode: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: "Notification" });

export const notificationListResponse = z.object({
  items: z.array(notificationResponse),
  unread: z.number(),
});

export const markAllReadResponse = z.object({ updated: z.number() });

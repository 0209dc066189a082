import { z } from "zod";

export const fileComplaintBody = z.object({
  category: z
    .enum(["service_attitude", "efficiency", "unable_to_handle", "guide_error", "integrity", "other"])
    .describe("服务态度 / 办事效率 / 办不成事 / 指南错误 / 廉政 / 其他"),
  content: z.string().trim().min(5).max(4000),
  relatedCaseId: z.uuid().optional(),
  relatedGuideCode: z.string().max(33).optional(),
  contactPhone: z
    .string()
    .regex(/^1\d{10}$/, { message: "identity.invalidPhone" })
    .optional(),
  channel: z
    .enum(["portal", "hotline", "hall"])
    .optional()
    .describe("hotline / hall 由 12345 话务员或大厅工作人员录入"),
});

export const complaintResponse = z
  .object({
    id: z.string(),
    number: z.string(),
    channel: z.string(),
    category: z.string(),
    content: z.string(),
    relatedCaseId: z.string().nullable(),
    relatedGuide: z.string().nullable(),
    suggestedAgencyId: z.number().nullable(),
    agencyId: z.number().nullable(),
    status: z.string(),
    dueDate: z.string().nullable(),
    reply: z.string().nullable(),
    satisfaction: z.number().nullable(),
    reopenCount: z.number(),
    contactPhone: z.string().nullable(),
    isAnonymous: z.boolean(),
    lockVersion: z.number(),
  })
  .meta({ id: "Complaint" });

export const complaintIdParam = z.object({ id: z.string().max(40) });
export const dispatchComplaintBody = z.object({
  agencyId: z.number().int().positive().optional(),
  workdays: z.number().int().min(1).max(60).optional(),
});
export const replyComplaintBody = z.object({ reply: z.string().trim().min(2).max(4000) });
export const feedbackBody = z.object({
  satisfaction: z.number().int().min(1).max(5),
  isResolved: z.boolean(),
});
export const complaintListQuery = z.object({
  status: z.enum(["received", "dispatched", "replied", "closed"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const complaintListResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      channel: z.string(),
      category: z.string(),
      status: z.string(),
      agencyId: z.number().nullable(),
      dueDate: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

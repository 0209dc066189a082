import { z } from "zod";

export const rateBody = z.object({
  level: z.number().int().min(1).max(5).describe("A.8：1 非常满意 2 满意 3 基本满意 4 不满意 5 非常不满意"),
  indicators: z
    .record(z.string(), z.number().int().min(1).max(5))
    .describe(
      "网上：overall, efficiency, guideAccuracy, convenience, usability；窗口：overall, efficiency, service, attitude",
    ),
  comment: z.string().max(2000).optional(),
});
export const rateResponse = z.object({ evaluationId: z.number(), rectificationDue: z.string().nullable() });

const task = z.object({
  id: z.number(),
  status: z.string(),
  dueDate: z.string(),
  isEscalated: z.boolean(),
  verification: z.string().nullable(),
  rectification: z.string().nullable(),
  callbackNote: z.string().nullable(),
  appealReason: z.string().nullable(),
  recheckResult: z.string().nullable(),
  lockVersion: z.number(),
});
export const taskResponse = task;
export const evaluationResponse = z.object({
  id: z.number(),
  level: z.number(),
  levelName: z.string(),
  channel: z.string(),
  indicators: z.unknown(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  rectification: task.nullable(),
});
export const taskIdParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,12}$/, { message: "reviews.taskNotFound" })
    .transform(Number),
});
export const reportBody = z.object({
  verification: z.string().min(1).max(4000),
  rectification: z.string().min(1).max(4000),
  callbackNote: z.string().min(1).max(2000),
});
export const appealBody = z.object({ reason: z.string().min(1).max(2000) });
export const recheckBody = z.object({ isUpheld: z.boolean(), result: z.string().min(1).max(4000) });
export const taskListQuery = z.object({
  status: z.enum(["open", "reported", "appealed", "closed"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const taskListResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      status: z.string(),
      dueDate: z.string(),
      isEscalated: z.boolean(),
      agencyId: z.number(),
      level: z.number(),
      comment: z.string().nullable(),
      caseId: z.string().nullable(),
      visitId: z.string().nullable().describe("无办件的窗口服务评价"),
    }),
  ),
});

/** A window visit without a case (咨询, 办不成事 …) that the visitor may rate once. */
export const visitBody = z.object({
  visitorId: z.uuid().describe("来访群众的用户编号"),
  purpose: z.string().trim().min(1).max(500),
  guideCode: z.string().max(64).optional(),
});
export const visitIdParam = z.object({ id: z.uuid({ message: "reviews.visitNotFound" }) });
export const visitResponse = z.object({
  id: z.string(),
  agencyId: z.number(),
  regionCode: z.string(),
  purpose: z.string(),
  guideCode: z.string().nullable(),
  createdAt: z.string(),
  isRated: z.boolean(),
});
export const visitListResponse = z.object({ items: z.array(visitResponse) });
export const visitRateBody = rateBody;

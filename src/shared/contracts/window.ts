import { z } from "zod";

/**
 * Contracts of the window clerk's and back office's lists (issue 9): the inbox ordered by due date
 * and the hall's cases, both keyset-paged by an opaque cursor; and 当场注册 (registering an
 * applicant at the window).
 */

const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, { message: "identity.invalidPhone" })
  .describe("手机号码（申请人日后凭证件号和此号码认领账号）");

/** 当场注册: a natural person (ID number checked) or an enterprise (credit code checked), no password. */
export const windowRegisterBody = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("person").describe("自然人"),
    idNumber: z.string().trim().min(1).max(18).describe("公民身份号码（18 位，核验校验位）"),
    name: z.string().trim().min(1).max(50),
    phone,
  }),
  z.object({
    kind: z.literal("enterprise").describe("法人"),
    creditCode: z.string().trim().min(1).max(18).describe("统一社会信用代码（核验校验位）"),
    name: z.string().trim().min(2).max(100),
    phone,
  }),
]);
export type WindowRegisterBody = z.infer<typeof windowRegisterBody>;

export const inboxStatuses = [
  "submitted",
  "accepted",
  "under_review",
  "suspended",
  "approved",
  "denied",
  "delivered",
  "withdrawn",
  "not_accepted",
  "revoked",
] as const;

export const inboxQuery = z.object({
  status: z.enum(inboxStatuses).optional(),
  warning: z.enum(["normal", "yellow", "red"]).optional(),
  cursor: z
    .string()
    .max(80)
    .regex(/^[0-2]\|\d{4}-\d{2}-\d{2}\|[0-9a-f-]{36}$/, { message: "cases.badCursor" })
    .optional()
    .describe("上一页返回的 nextCursor"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const inboxRow = z.object({
  id: z.string(),
  caseNumber: z.string(),
  itemName: z.string(),
  status: z.string(),
  warningLevel: z.string(),
  channel: z.string(),
  agencyId: z.number(),
  submittedAt: z.string(),
  promisedDue: z.string().nullable(),
  isOverdue: z.boolean().describe("未办结且已过承诺期限"),
  daysLeft: z.number().nullable().describe("距承诺期限的自然日数（负数为已超期）"),
  lockVersion: z.number(),
  hasToleranceMissing: z.boolean().describe("容缺材料尚未补齐（不能分派）"),
  parentCaseId: z.string().nullable(),
  parentCaseNumber: z.string().nullable(),
});

export const inboxResponse = z.object({
  items: z.array(inboxRow),
  nextCursor: z.string().nullable(),
  today: z.string(),
});
export type InboxResponse = z.infer<typeof inboxResponse>;

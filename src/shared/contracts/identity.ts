import { z } from "zod";

const password = z
  .string()
  .min(1)
  .max(128)
  .describe("密码：10–128 位，至少包含大写字母、小写字母、数字、符号中的三类");
const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, { message: "identity.invalidPhone" })
  .describe("手机号码");

export const registerBody = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("person").describe("自然人"),
    idNumber: z.string().trim().describe("公民身份号码（18 位）"),
    name: z.string().trim().min(1).max(50),
    phone,
    password,
  }),
  z.object({
    kind: z.literal("enterprise").describe("法人"),
    creditCode: z.string().trim().describe("统一社会信用代码"),
    name: z.string().trim().min(2).max(100),
    phone,
    password,
  }),
]);

export const loginBody = z.object({
  identifier: z.string().trim().min(1).max(64).describe("身份证号、手机号、统一社会信用代码或工作人员用户名"),
  password: z.string().min(1).max(128),
  mode: z
    .enum(["cookie", "token"])
    .default("cookie")
    .describe("cookie：浏览器会话；token：API 客户端的 Bearer 令牌"),
});

export const grant = z.object({
  role: z.string(),
  roleName: z.string(),
  agencyId: z.number().int(),
  agencyName: z.string(),
  regionCode: z.string(),
});

export const me = z
  .object({
    id: z.string(),
    kind: z.enum(["person", "enterprise", "staff"]),
    displayName: z.string(),
    loginName: z.string().nullable(),
    idNumber: z.string().nullable().describe("本人可见完整号码"),
    phone: z.string().nullable(),
    creditCode: z.string().nullable(),
    agencyId: z.number().int().nullable(),
    grants: z.array(grant),
  })
  .meta({ id: "Me" });

export const meResponse = me.extend({
  csrfToken: z.string().nullable().describe("Cookie 会话写操作须在 x-csrf-token 头中携带"),
});

export const loginResponse = z.object({
  user: me,
  csrfToken: z.string().nullable(),
  token: z.string().nullable().describe("mode=token 时返回，用作 Authorization: Bearer"),
  expiresAt: z.string(),
});

export const profile = z
  .object({
    id: z.string(),
    kind: z.enum(["person", "enterprise", "staff"]),
    displayName: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    creditCode: z.string().nullable(),
    isMasked: z.boolean().describe("非本人查看时证件号、手机号已脱敏"),
  })
  .meta({ id: "Profile" });

export const userIdParam = z.object({ id: z.uuid({ message: "identity.invalidUserId" }) });

export const staffListQuery = z.object({
  agencyId: z.coerce.number().int().positive().optional(),
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const staffListResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      loginName: z.string().nullable(),
      displayName: z.string(),
      phone: z.string().nullable(),
      agencyId: z.number().int().nullable(),
      agencyName: z.string(),
      regionCode: z.string(),
    }),
  ),
  nextAfter: z.string().nullable(),
});

export type RegisterBody = z.infer<typeof registerBody>;
export type LoginBody = z.infer<typeof loginBody>;

/** Window intake: find the applicant by ID number or credit code (exactly one of them). */
export const applicantLookupQuery = z
  .object({
    idNumber: z.string().trim().min(1).max(18).optional().describe("公民身份号码"),
    creditCode: z.string().trim().min(1).max(18).optional().describe("统一社会信用代码"),
  })
  .refine((q) => (q.idNumber === undefined) !== (q.creditCode === undefined), {
    message: "identity.lookupOneKey",
  });

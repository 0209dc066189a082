import { z } from "zod";

export const WINDOW_KIND_CODES = [
  "comprehensive",
  "cross_province",
  "in_region",
  "one_thing",
  "assisted",
  "complaint",
] as const;
export const PRIORITY_GROUP_CODES = [
  "military",
  "fire_rescue",
  "medical_staff",
  "elderly",
  "ill",
  "disabled",
  "pregnant",
] as const;

const idParam = (message: string) =>
  z.object({
    id: z
      .string()
      .regex(/^\d{1,12}$/, { message })
      .transform(Number),
  });
export const hallIdParam = idParam("halls.hallNotFound");
export const windowIdParam = idParam("halls.windowNotFound");
export const uuidParam = z.object({ id: z.string().max(36) });

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "halls.badPeriods" });
const guideCode = z.string().min(31).max(33);

export const hallListQuery = z.object({
  region: z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, { message: "search.badRegion" }),
});
export const hallSettingsBody = z.object({
  periods: z
    .array(z.object({ start: time, end: time }))
    .min(1)
    .max(6)
    .describe("工作日的办公时段，如 09:30–13:30、16:00–19:30"),
  slotMinutes: z.number().int().min(5).max(240),
  capacityPerWindow: z.number().int().min(1).max(100).describe("每个窗口每个时段可预约人数"),
  bookingDaysAhead: z.number().int().min(1).max(60).default(7),
});
export const windowBody = z.object({
  number: z.string().trim().min(1).max(10),
  kind: z.enum(WINDOW_KIND_CODES),
  guideCodes: z.array(guideCode).max(500).default([]).describe("窗口办理的事项；综合窗口为空表示无差别受理"),
});
export const windowPatchBody = z.object({
  guideCodes: z.array(guideCode).max(500).optional(),
  isActive: z.boolean().optional(),
});
export const delegationBody = z.object({
  guideCode,
  basis: z.string().trim().min(2).max(300).describe("委托依据"),
});
export const slotsQuery = z.object({ guideCode });
export const bookBody = z.object({
  hallId: z.number().int().positive(),
  guideCode,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "halls.noSuchSlot" }),
  start: time,
});
export const ticketBody = z.object({
  appointmentId: z.string().max(36).optional(),
  guideCode: guideCode.optional(),
  windowKind: z.enum(WINDOW_KIND_CODES).optional(),
  priorityGroup: z
    .enum(PRIORITY_GROUP_CODES)
    .optional()
    .describe("条例第四十条绿色通道：军人、消防救援人员、医护人员、老弱病残孕"),
});
export const finishBody = z.object({ outcome: z.enum(["done", "skipped"]) });
export const statsQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const window = z.object({
  id: z.number(),
  number: z.string(),
  kind: z.string(),
  kindName: z.string(),
  isActive: z.boolean(),
  guideCodes: z.array(z.string()),
});
export const windowResponse = window;
export const hallResponse = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  opening: z
    .object({
      periods: z.array(z.object({ start: z.string(), end: z.string() })),
      slotMinutes: z.number(),
      capacityPerWindow: z.number(),
      bookingDaysAhead: z.number(),
      openDays: z.array(z.string()),
    })
    .nullable(),
  windows: z.array(window),
  delegations: z.array(z.object({ id: z.number(), guideCode: z.string(), basis: z.string() })),
});
export const hallListResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      kind: z.string(),
      kindName: z.string(),
      regionCode: z.string(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
});
export const delegationResponse = z.object({ id: z.number(), guideCode: z.string(), basis: z.string() });
export const slotsResponse = z.object({
  hallId: z.number(),
  guideCode: z.string(),
  slots: z.array(
    z.object({
      date: z.string(),
      start: z.string(),
      end: z.string(),
      capacity: z.number(),
      available: z.number(),
    }),
  ),
});
export const appointmentResponse = z.object({
  id: z.string(),
  hallId: z.number(),
  guideCode: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.string(),
  remindedAt: z.string().nullable(),
});
export const appointmentListResponse = z.object({ items: z.array(appointmentResponse) });
export const ticketResponse = z.object({
  id: z.string(),
  number: z.string(),
  hallId: z.number(),
  date: z.string(),
  source: z.string(),
  windowKind: z.string(),
  priorityGroup: z.string().nullable(),
  status: z.string(),
  windowId: z.number().nullable(),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  ahead: z.number().optional().describe("排在前面的人数"),
});
export const callResponse = z.object({ ticket: ticketResponse.nullable() });
const statBlock = z.object({
  issued: z.number(),
  served: z.number(),
  skipped: z.number(),
  waiting: z.number(),
  priority: z.number(),
  byAppointment: z.number(),
  avgWaitMinutes: z.number().nullable(),
  p50WaitMinutes: z.number().nullable(),
  p90WaitMinutes: z.number().nullable(),
});
export const statsResponse = z.object({
  hallId: z.number(),
  date: z.string(),
  overall: statBlock,
  byWindowKind: z.array(statBlock.extend({ kind: z.string() })),
});

// --- administration: 委托受理 removal, 预约时段调整 ---
export const delegationIdParam = idParam("halls.delegationNotFound");
export const delegationRemovedResponse = z.object({
  id: z.number(),
  hallId: z.number(),
  guideCode: z.string(),
  basis: z.string(),
  revokedAt: z.string().describe("撤销时间"),
});
export const slotParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,12}$/, { message: "halls.hallNotFound" })
    .transform(Number),
  date: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: "halls.slotNotFound" })
    .describe("日期 YYYY-MM-DD"),
  start: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "halls.slotNotFound" })
    .describe("时段当前的开始时间 HH:MM"),
});
export const slotPatchBody = z
  .object({
    capacityPerWindow: z.number().int().min(1).max(100).optional().describe("该时段每个窗口可预约人数"),
    start: time.optional().describe("新的开始时间"),
    end: time.optional().describe("新的结束时间"),
  })
  .refine((b) => b.capacityPerWindow !== undefined || b.start !== undefined || b.end !== undefined, {
    message: "halls.slotPatchEmpty",
  });
export const slotAdminResponse = z.object({
  hallId: z.number(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  regularStart: z.string().describe("按办公时段生成时的开始时间"),
  capacityPerWindow: z.number(),
  isClosed: z.boolean(),
  booked: z.number().describe("已预约人数（各事项合计）"),
});

import { addDays, chinaDate } from "../../shared/calendar.js";
import type { UserActor } from "../actor.js";
import type { Deps } from "../http/context.js";
import { acceptCase, dispatchCase, refreshWarnings } from "../modules/cases/case-actions.service.js";
import { applyForItem } from "../modules/cases/cases.service.js";
import { listGuides } from "../modules/catalog/catalog.service.js";
import { findApplicantIdByCreditCode, findStaffForSeed } from "./demo-cases.queries.js";
import { DEMO_ENTERPRISE } from "./demo-seed.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").toString("base64");

/**
 * Demo cases for the supervision board: applications taken in at the 喀什市 window some weeks ago
 * for the 地区 market regulation's 企业设立登记, accepted and dispatched then and never decided, so
 * they are overdue (red) today. Everything goes through the case services with a clock set back.
 * Runs after the demo seed with its catalog; returns how many cases it made.
 */
export async function seedDemoCases(deps: Deps, now: Date = new Date()): Promise<number> {
  const clerk = await findStaffForSeed(deps.db, "kashi.clerk");
  const applicantId = await findApplicantIdByCreditCode(deps.db, DEMO_ENTERPRISE.creditCode);
  const guide = (await listGuides({ q: "企业设立登记", regionWithin: "6531", limit: 10 }, deps)).items.find(
    (g) => g.regionCode === "6531",
  );
  if (clerk === undefined || applicantId === undefined || guide === undefined) return 0;
  const actor: UserActor = { kind: "user", userKind: "staff", ...clerk };
  const today = chinaDate(now);
  let made = 0;
  for (const [daysAgo, name] of [
    [28, "喀什古城文旅发展有限公司"],
    [21, "喀什绿洲农产品有限公司"],
  ] as const) {
    const then = new Date(`${addDays(today, -daysAgo)}T03:00:00Z`);
    const past: Deps = { ...deps, now: () => then };
    const c = await applyForItem(
      actor,
      {
        guideCode: guide.code,
        applicantId,
        isAssisted: false,
        formData: {
          enterpriseName: name,
          enterpriseType: "有限责任公司",
          registeredCapital: 100,
          legalRepresentative: "艾力·买买提",
          address: "喀什市人民东路 8 号",
          businessScope: "农副产品、日用百货销售",
          phone: DEMO_ENTERPRISE.phone,
        },
        materials: [
          {
            key: "application_form",
            fileName: "申请书.pdf",
            contentType: "application/pdf",
            dataBase64: PDF,
          },
        ],
      },
      undefined,
      past,
    );
    await acceptCase(actor, c.case.id, { outcome: "accepted" }, past);
    await dispatchCase(actor, c.case.id, {}, past);
    made++;
  }
  await refreshWarnings(deps.db, now);
  return made;
}

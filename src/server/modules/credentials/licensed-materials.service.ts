import { AppError } from "../../../shared/errors.js";
import { requireUser } from "../../access/access.policy.js";
import type { Actor } from "../../actor.js";
import type { Deps } from "../../http/context.js";
import { getCase } from "../cases/cases.service.js";
import { getPublishedGuide } from "../catalog/catalog.service.js";
import { findHeldLicense, verifyLicense } from "./licenses.service.js";

/**
 * 免证办: which materials of a guide the logged-in applicant need not upload — those satisfiable
 * by an e-license they hold (attached with their consent at application) or by shared data.
 * @throws AppError UNAUTHENTICATED, NOT_FOUND (guide).
 */
export async function planMaterials(actor: Actor, guideCode: string, deps: Deps) {
  const user = requireUser(actor);
  const guide = await getPublishedGuide(guideCode, undefined, deps);
  const items = [];
  for (const m of guide.content.materials) {
    const held =
      m.source === "license" && m.licenseTypeCode !== undefined
        ? await findHeldLicense(user.id, m.licenseTypeCode, undefined, deps)
        : undefined;
    items.push({
      key: m.key,
      name: m.name,
      isRequired: m.isRequired,
      source: m.source,
      licenseTypeCode: m.licenseTypeCode ?? null,
      satisfiedBy:
        held === undefined
          ? m.source === "shared_data"
            ? { kind: "shared_data" as const, identifier: null, validTo: null }
            : null
          : { kind: "license" as const, identifier: held.identifier, validTo: held.valid_to },
      needsUpload: held === undefined && m.source !== "shared_data",
    });
  }
  return { guideCode, items };
}

/** For the cases module's 免证办 step: the applicant's valid license of that type, if any. */
export async function lookupHeldLicense(
  applicantId: string,
  licenseTypeKey: string,
  identifier: string | undefined,
  deps: Deps,
): Promise<{ reference: string } | undefined> {
  const l = await findHeldLicense(applicantId, licenseTypeKey, identifier, deps);
  return l === undefined ? undefined : { reference: l.identifier };
}

/**
 * What the reviewer sees: each material of a case attached from an e-license, verified now
 * (status, issuer, validity, signature). For whoever may see the case.
 * @throws AppError NOT_FOUND.
 */
export async function attachedLicenses(actor: Actor, caseId: string, deps: Deps) {
  const c = await getCase(actor, caseId, deps);
  const items = [];
  for (const m of c.materials) {
    if (m.source !== "license" || m.reference === null) continue;
    try {
      items.push({ materialKey: m.key, name: m.name, verification: await verifyLicense(m.reference, deps) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      items.push({ materialKey: m.key, name: m.name, verification: null });
    }
  }
  return { items };
}

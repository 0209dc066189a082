import { requireUser } from "../../access/access.policy.js";
import type { Actor } from "../../actor.js";
import type { Deps } from "../../http/context.js";
import { findHeldLicenseFor } from "../cases/case-follow-ups.js";
import { getBundleGuide } from "./bundles.service.js";

/**
 * 免证办 for a bundle: which materials of its one merged list the signed-in applicant need not
 * upload — those a held e-license satisfies (attached with consent at application, per sub-case)
 * or shared data. The bundle counterpart of `GET /api/v1/me/guides/{code}/materials`.
 * @throws AppError UNAUTHENTICATED, NOT_FOUND (bundle).
 */
export async function planBundleMaterials(actor: Actor, code: string, deps: Deps) {
  const user = requireUser(actor);
  const bundle = await getBundleGuide(code, undefined, deps);
  const items = [];
  for (const m of bundle.materials) {
    const held =
      m.source === "license" && m.licenseTypeCode !== undefined
        ? await findHeldLicenseFor(user.id, m.licenseTypeCode, undefined, deps)
        : undefined;
    const isShared = m.source === "shared_data" && m.sharedDataKey !== undefined;
    items.push({
      key: m.key,
      name: m.name,
      isRequired: m.isRequired,
      source: m.source,
      licenseTypeCode: m.licenseTypeCode ?? null,
      satisfiedBy:
        held !== undefined
          ? { kind: "license" as const, identifier: held.reference, validTo: null }
          : isShared
            ? { kind: "shared_data" as const, identifier: null, validTo: null }
            : null,
      needsUpload: held === undefined && !isShared,
    });
  }
  return { bundleCode: bundle.code, items };
}

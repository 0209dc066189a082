import { LICENSE_IDENTIFIER_PREFIX } from "../../../shared/codes/license-identifier.js";
import type { GuideContent } from "../../../shared/contracts/catalog-content.js";
import type { FieldIssue } from "../../../shared/errors.js";
import type { Deps } from "../../http/context.js";
import { findHeldLicenseFor } from "./case-follow-ups.js";
import type { MaterialInput } from "./cases.service.js";

/** A material attached without a file: an e-license or shared-data reference. */
export interface LicensedAttachment {
  m: MaterialInput;
  name: string;
  data: null;
}

/**
 * 免证办 for one guide's materials (a sub-case of a bundle application): an e-license referenced by
 * identifier must be the applicant's, valid and of the material's type; with the applicant's
 * consent (`useLicenses`), every material not given that a held e-license satisfies is attached by
 * reference, and shared data (共享数据) by its data key — as a single-item application does.
 * Issue paths are relative to the member (`materials.<i>.reference`).
 */
export async function licensedAttachments(
  applicantId: string,
  content: GuideContent,
  given: readonly MaterialInput[],
  useLicenses: boolean,
  deps: Deps,
): Promise<{ issues: FieldIssue[]; attached: LicensedAttachment[] }> {
  const issues: FieldIssue[] = [];
  const attached: LicensedAttachment[] = [];
  for (const [i, m] of given.entries()) {
    if (m.dataBase64 !== undefined || m.reference?.startsWith(LICENSE_IDENTIFIER_PREFIX) !== true) continue;
    const def = content.materials.find((x) => x.key === m.key);
    if (def === undefined) continue; // reported by the caller (not in the guide)
    const held =
      def.licenseTypeCode === undefined
        ? undefined
        : await findHeldLicenseFor(applicantId, def.licenseTypeCode, m.reference, deps);
    if (held === undefined)
      issues.push({
        path: `materials.${i}.reference`,
        message: `“${def.name}”：引用的电子证照无效或不属于申请人`,
      });
  }
  if (!useLicenses) return { issues, attached };
  for (const def of content.materials) {
    if (given.some((m) => m.key === def.key)) continue;
    if (def.source === "shared_data" && def.sharedDataKey !== undefined) {
      attached.push({
        m: { key: def.key, reference: `shared_data:${def.sharedDataKey}` },
        name: def.name,
        data: null,
      });
      continue;
    }
    if (def.source !== "license" || def.licenseTypeCode === undefined) continue;
    const held = await findHeldLicenseFor(applicantId, def.licenseTypeCode, undefined, deps);
    if (held !== undefined)
      attached.push({ m: { key: def.key, reference: held.reference }, name: def.name, data: null });
  }
  return { issues, attached };
}

/** The stored source of a material row: a file, shared data, or an e-license reference. */
export function materialSource(data: Buffer | null, reference: string | undefined) {
  if (data !== null) return "upload" as const;
  return reference?.startsWith("shared_data:") === true ? ("shared_data" as const) : ("license" as const);
}

import type { Kysely } from "kysely";
import { chinaDate } from "../../../shared/calendar.js";
import type { Database } from "../../db/tables.js";
import type { Deps } from "../../http/context.js";
import type { LicenseFact, LicenseSource, ProfileFacts } from "../assist/assist.facts.js";
import { findLicenseTypeById, listLicensesOfHolder } from "./licenses.queries.js";
import { checkLicenseSignature, holderIndexOfUser, statusOf } from "./licenses.service.js";

/**
 * The assist module's license source (prefill, pre-review, 秒批): the applicant's e-licenses that
 * are valid today (not revoked, not expired), each marked verified only when its content digest,
 * SM2 signature and seal certificate check out now. Registered at app build by the credentials
 * routes (credentials → assist, never the reverse).
 */
export function licenseFactSource(deps: () => Deps): LicenseSource {
  return {
    licensesOf: async (db: Kysely<Database>, profile: ProfileFacts): Promise<LicenseFact[]> => {
      if (profile.kind === "staff") return [];
      const d = { ...deps(), db };
      const bidx = await holderIndexOfUser(profile.userId, d);
      if (bidx === undefined) return [];
      const today = chinaDate(d.now?.() ?? new Date());
      const out: LicenseFact[] = [];
      for (const l of await listLicensesOfHolder(db, bidx)) {
        if (statusOf(l, today) !== "valid") continue;
        const check = await checkLicenseSignature(db, l, d.secrets);
        const type = await findLicenseTypeById(db, l.type_id);
        const data: Record<string, string | number | boolean> = {};
        for (const [k, v] of Object.entries((l.fields ?? {}) as Record<string, unknown>))
          if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") data[k] = v;
        out.push({
          reference: l.identifier,
          typeCode: type.key,
          number: l.license_number,
          holder: l.holder_name,
          validFrom: l.valid_from,
          validUntil: l.valid_to,
          isVerified: check.isValid,
          data,
        });
      }
      return out;
    },
  };
}

import type { Kysely } from "kysely";
import { daysBetween } from "../../../shared/calendar.js";
import { isIdNumber } from "../../../shared/codes/id-number.js";
import type { Database } from "../../db/tables.js";

/**
 * What is known about an applicant from verified sources, for prefill, pre-review and 秒批:
 * the real-name profile (统一身份认证), shared data (共享数据, e.g. the population register) and
 * verified e-licenses (电子证照).
 *
 * SEAM: e-licenses are built in the credentials module on another branch. It plugs in by calling
 * `registerLicenseSource` with a source that lists an applicant's verified licenses; until then no
 * license is known and every rule or material that needs one fails closed (never approves).
 * Shared data has the same kind of seam (`registerSharedDataSource`); the default derives what the
 * population register would say from the verified ID number (birth date, age, sex, household
 * region) — data the platform already holds, not anything the applicant typed.
 */
export interface LicenseFact {
  /** The e-license reference an application can cite instead of a file (`license:<id>`). */
  reference: string;
  typeCode: string;
  number: string;
  holder: string;
  validFrom: string | null;
  validUntil: string | null;
  isVerified: boolean;
  data: Record<string, string | number | boolean>;
}

export interface ProfileFacts {
  userId: string;
  kind: "person" | "enterprise" | "staff";
  name: string;
  idNumber: string | null;
  phone: string | null;
  creditCode: string | null;
}

export interface ApplicantFacts {
  profile: ProfileFacts;
  shared: Record<string, string | number | boolean>;
  licenses: LicenseFact[];
}

export interface LicenseSource {
  licensesOf(db: Kysely<Database>, profile: ProfileFacts): Promise<LicenseFact[]>;
}
export interface SharedDataSource {
  sharedOf(
    db: Kysely<Database>,
    profile: ProfileFacts,
    today: string,
  ): Promise<Record<string, string | number | boolean>>;
}

const noLicenses: LicenseSource = { licensesOf: () => Promise.resolve([]) };

/** The population-register facts implied by a verified ID number (GB 11643). */
export function factsFromIdNumber(idNumber: string, today: string): Record<string, string | number> {
  if (!isIdNumber(idNumber)) return {};
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (today.slice(5) < birthDate.slice(5)) age--;
  return {
    birthDate,
    age,
    sex: Number(idNumber[16]) % 2 === 1 ? "male" : "female",
    householdRegion: idNumber.slice(0, 6),
    daysSinceBirth: daysBetween(birthDate, today),
  };
}

const fromIdNumber: SharedDataSource = {
  sharedOf: (_db, profile, today) =>
    Promise.resolve(profile.idNumber === null ? {} : factsFromIdNumber(profile.idNumber, today)),
};

let licenseSource: LicenseSource = noLicenses;
let sharedSource: SharedDataSource = fromIdNumber;

export function registerLicenseSource(source: LicenseSource | undefined): void {
  licenseSource = source ?? noLicenses;
}
export function registerSharedDataSource(source: SharedDataSource | undefined): void {
  sharedSource = source ?? fromIdNumber;
}

export async function gatherFacts(
  db: Kysely<Database>,
  profile: ProfileFacts,
  today: string,
): Promise<ApplicantFacts> {
  const [shared, licenses] = await Promise.all([
    sharedSource.sharedOf(db, profile, today),
    licenseSource.licensesOf(db, profile),
  ]);
  return { profile, shared, licenses };
}

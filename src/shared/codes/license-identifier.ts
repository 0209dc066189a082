/**
 * 电子证照标识 (SPEC appendix A): `1.2.156.3005.2.` + type code (21: definer credit code + 3-digit
 * sequence) + `.` + issuer credit code (18) + `.` + license number + `.` + 3-digit version + `.` +
 * check character, ISO 7064 hybrid MOD 37,36 over type + issuer + number + version.
 */

export const LICENSE_IDENTIFIER_PREFIX = "1.2.156.3005.2.";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const M = 36;

/**
 * ISO/IEC 7064 hybrid system MOD 37,36 (alphanumeric data, one alphanumeric check character):
 * p₀ = 36; for each character s = (p + value) mod 36, 0 read as 36; p = 2s mod 37. The check
 * character makes the final (p + check) mod 36 equal 1, i.e. check = (37 − p) mod 36.
 * @throws RangeError for characters outside 0-9 A-Z or an empty input.
 */
export function mod3736CheckChar(data: string): string {
  if (data.length === 0) throw new RangeError("empty input");
  let p = M;
  for (const ch of data) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`character ${ch} is not 0-9 or A-Z`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M] as string;
}

/** Whether `dataWithCheck` (data followed by its check character) passes MOD 37,36. */
export function isMod3736Valid(dataWithCheck: string): boolean {
  if (dataWithCheck.length < 2) return false;
  try {
    return mod3736CheckChar(dataWithCheck.slice(0, -1)) === dataWithCheck.slice(-1);
  } catch {
    return false;
  }
}

export interface LicenseIdentifierParts {
  /** 21 characters: the definer's credit code (18) + a 3-digit sequence. */
  typeCode: string;
  /** 18 characters: the issuing agency's unified social credit code. */
  issuerCode: string;
  /** The issuer's license number: 1–40 characters 0-9 A-Z. */
  licenseNumber: string;
  /** 1–999. */
  version: number;
}

const TYPE_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}[0-9]{3}$/;
const CREDIT = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const NUMBER = /^[0-9A-Z]{1,40}$/;

/** Why the parts cannot form an identifier, or undefined when they can. */
export function licensePartsProblem(p: LicenseIdentifierParts): string | undefined {
  if (!TYPE_CODE.test(p.typeCode)) return "typeCode";
  if (!CREDIT.test(p.issuerCode)) return "issuerCode";
  if (!NUMBER.test(p.licenseNumber)) return "licenseNumber";
  if (!Number.isInteger(p.version) || p.version < 1 || p.version > 999) return "version";
  return undefined;
}

/** @throws RangeError naming the part that is malformed. */
export function formatLicenseIdentifier(p: LicenseIdentifierParts): string {
  const problem = licensePartsProblem(p);
  if (problem !== undefined) throw new RangeError(`bad license identifier part: ${problem}`);
  const version = String(p.version).padStart(3, "0");
  const check = mod3736CheckChar(`${p.typeCode}${p.issuerCode}${p.licenseNumber}${version}`);
  return `${LICENSE_IDENTIFIER_PREFIX}${p.typeCode}.${p.issuerCode}.${p.licenseNumber}.${version}.${check}`;
}

/** The parts of a well-formed identifier whose check character matches, else undefined. */
export function parseLicenseIdentifier(identifier: string): LicenseIdentifierParts | undefined {
  if (!identifier.startsWith(LICENSE_IDENTIFIER_PREFIX)) return undefined;
  const parts = identifier.slice(LICENSE_IDENTIFIER_PREFIX.length).split(".");
  if (parts.length !== 5) return undefined;
  const [typeCode, issuerCode, licenseNumber, version, check] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (!/^[0-9]{3}$/.test(version) || check.length !== 1) return undefined;
  const p = { typeCode, issuerCode, licenseNumber, version: Number(version) };
  if (licensePartsProblem(p) !== undefined) return undefined;
  if (!isMod3736Valid(`${typeCode}${issuerCode}${licenseNumber}${version}${check}`)) return undefined;
  return p;
}

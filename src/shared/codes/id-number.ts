/**
 * 公民身份号码 (GB 11643-1999): 6 address code + 8 birth date + 3 sequence (odd = male) + 1 check
 * character, ISO 7064 MOD 11-2 with weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 → "10X98765432".
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export type IdNumberProblem = "length" | "character" | "birthDate" | "check";

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK.charAt(sum % 11);
}

/** Why an ID number is invalid, or undefined when valid. A lower-case x is accepted as X by `normalizeIdNumber`. */
export function idNumberProblem(id: string): IdNumberProblem | undefined {
  if (id.length !== 18) return "length";
  if (!/^\d{17}[\dX]$/.test(id)) return "character";
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return "birthDate";
  }
  return idNumberCheckChar(id.slice(0, 17)) === id.charAt(17) ? undefined : "check";
}

export function normalizeIdNumber(id: string): string {
  return id.trim().toUpperCase();
}

export function isIdNumber(id: string): boolean {
  return idNumberProblem(id) === undefined;
}

export function withIdCheckChar(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

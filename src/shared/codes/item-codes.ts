import { isCreditCode } from "./credit-code.js";

/**
 * Item codes of GB/T 39554.1-2020 (SPEC appendix A):
 * - 基本编码 (12): 2 region (`00` national, `65` Xinjiang) + 2 item type + 5 main item
 *   (2 guiding department + 3 sequence) + 3 sub-item (`000` none, `00Y` has sub-items, `001`–`999`).
 * - 实施编码 (31): 18 implementing agency credit code + 1 exercise level + 12 基本编码.
 * - 业务办理项编码 (33): 实施编码 + 2-digit sequence.
 */
const BASIC = /^(00|\d{2})(\d{2})(\d{2})(\d{3})(000|00Y|\d{3})$/;

export interface BasicCodeParts {
  region: string;
  itemType: string;
  department: string;
  sequence: string;
  subItem: string;
}

export function parseBasicCode(code: string): BasicCodeParts | undefined {
  const m = BASIC.exec(code);
  if (m === null) return undefined;
  return {
    region: m[1] ?? "",
    itemType: m[2] ?? "",
    department: m[3] ?? "",
    sequence: m[4] ?? "",
    subItem: m[5] ?? "",
  };
}

export function isBasicCode(code: string): boolean {
  return parseBasicCode(code) !== undefined;
}

export function makeBasicCode(p: BasicCodeParts): string {
  const code = `${p.region}${p.itemType}${p.department}${p.sequence}${p.subItem}`;
  if (!isBasicCode(code)) throw new RangeError(`invalid 基本编码 parts: ${code}`);
  return code;
}

export interface ImplementationCodeParts {
  creditCode: string;
  exerciseLevel: string;
  basicCode: string;
}

export function parseImplementationCode(code: string): ImplementationCodeParts | undefined {
  if (code.length !== 31) return undefined;
  const parts = {
    creditCode: code.slice(0, 18),
    exerciseLevel: code.slice(18, 19),
    basicCode: code.slice(19),
  };
  if (
    !isCreditCode(parts.creditCode) ||
    !/^[1-6]$/.test(parts.exerciseLevel) ||
    !isBasicCode(parts.basicCode)
  )
    return undefined;
  return parts;
}

export function makeImplementationCode(p: ImplementationCodeParts): string {
  const code = `${p.creditCode}${p.exerciseLevel}${p.basicCode}`;
  if (parseImplementationCode(code) === undefined) throw new RangeError(`invalid 实施编码 parts: ${code}`);
  return code;
}

export function makeHandlingCode(implementationCode: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 99)
    throw new RangeError("handling item sequence must be 1–99");
  return `${implementationCode}${String(seq).padStart(2, "0")}`;
}

/** Splits a guide code: 31 characters (实施编码) or 33 (业务办理项编码). */
export function parseGuideCode(
  code: string,
): { implementationCode: string; handlingSeq: number | undefined } | undefined {
  if (code.length === 31 && parseImplementationCode(code) !== undefined)
    return { implementationCode: code, handlingSeq: undefined };
  if (
    code.length === 33 &&
    /^\d{2}$/.test(code.slice(31)) &&
    parseImplementationCode(code.slice(0, 31)) !== undefined
  ) {
    const seq = Number(code.slice(31));
    return seq >= 1 ? { implementationCode: code.slice(0, 31), handlingSeq: seq } : undefined;
  }
  return undefined;
}

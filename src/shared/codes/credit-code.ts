/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over the alphabet below (no I, O, S, V, Z);
 * the 18th is a check character computed from the first 17 with the weights 3^i mod 31.
 * Structure: 1 登记管理部门 + 1 机构类别 + 6 登记管理机关行政区划码 + 9 主体标识码 + 1 校验码.
 */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = "length" | "character" | "check";

/** The check character for the first 17 characters, or undefined if one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) return undefined;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Why a credit code is invalid, or undefined when it is valid. Upper case is required. */
export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return "length";
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return "character";
  return creditCodeCheckChar(code.slice(0, 17)) === code.charAt(17) ? undefined : "check";
}

export function isCreditCode(code: string): boolean {
  return creditCodeProblem(code) === undefined;
}

/** Completes 17 characters with their check character (for generating demo codes). */
export function withCreditCheckChar(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (check === undefined || first17.length !== 17)
    throw new RangeError(`not 17 credit-code characters: ${first17}`);
  return first17 + check;
}

/**
 * Warning level of a case's clock (SPEC §6): red once the promised due date has passed, yellow
 * once 80 % of the promised working days are used, normal otherwise. Pure.
 */
export type Warning = "normal" | "yellow" | "red";

export function warningLevel(input: {
  today: string;
  promisedDue: string;
  usedWorkdays: number;
  limitWorkdays: number;
}): Warning {
  if (input.today > input.promisedDue) return "red";
  if (input.limitWorkdays > 0 && input.usedWorkdays >= 0.8 * input.limitWorkdays) return "yellow";
  return "normal";
}

/** 法律救济: the remedies a denial must name (条例 19). */
export const REMEDIES = [
  "如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议",
  "或者自收到本决定之日起六个月内依法向人民法院提起行政诉讼",
  "对办理过程中的服务问题，可拨打 12345 政务服务便民热线投诉举报",
] as const;

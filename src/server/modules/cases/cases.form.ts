import { isIsoDate } from "../../../shared/calendar.js";
import { isCreditCode } from "../../../shared/codes/credit-code.js";
import { isIdNumber } from "../../../shared/codes/id-number.js";
import type { FormField } from "../../../shared/contracts/catalog-content.js";
import { regionLevelOf } from "../../../shared/regions.js";

/** Checks form data against a guide's form; returns one issue per bad field (empty = valid). */
export function checkFormData(
  fields: FormField[],
  data: Record<string, unknown>,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(data))
    if (!known.has(key)) issues.push({ path: `formData.${key}`, message: "表单中没有此项" });
  for (const f of fields) {
    const value = data[f.key];
    const path = `formData.${f.key}`;
    if (value === undefined || value === null || value === "") {
      if (f.isRequired) issues.push({ path, message: `请填写“${f.label}”` });
      continue;
    }
    const text = typeof value === "string" ? value.trim() : undefined;
    const bad = (message: string) => issues.push({ path, message: `“${f.label}”${message}` });
    switch (f.type) {
      case "number":
        if (typeof value !== "number" || !Number.isFinite(value)) bad("应为数字");
        break;
      case "date":
        if (text === undefined || !isIsoDate(text)) bad("应为 YYYY-MM-DD 格式的日期");
        break;
      case "select":
        if (text === undefined || !(f.options ?? []).includes(text)) bad("不是可选的值");
        break;
      case "id_number":
        if (text === undefined || !isIdNumber(text.toUpperCase())) bad("不是有效的公民身份号码");
        break;
      case "credit_code":
        if (text === undefined || !isCreditCode(text.toUpperCase())) bad("不是有效的统一社会信用代码");
        break;
      case "phone":
        if (text === undefined || !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(text)) bad("不是有效的电话号码");
        break;
      case "region":
        if (text === undefined || regionLevelOf(text) === undefined) bad("不是有效的行政区划代码");
        break;
      case "text":
      case "textarea":
      case "address":
        if (text === undefined) bad("应为文字");
        else if (text.length > (f.maxLength ?? (f.type === "textarea" ? 2000 : 200))) bad("过长");
        break;
    }
  }
  return issues;
}

/** Accepted upload types, checked by their first bytes as well as their declared type. */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  "application/pdf": (b) => b.subarray(0, 5).toString("latin1") === "%PDF-",
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => b.subarray(1, 4).toString("latin1") === "PNG",
};

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Why an upload is refused, or undefined. */
export function uploadProblem(contentType: string, data: Buffer): string | undefined {
  const check = MAGIC[contentType];
  if (check === undefined) return "只接受 PDF、JPEG 或 PNG 文件";
  if (data.length === 0) return "文件为空";
  if (data.length > MAX_UPLOAD_BYTES) return "单个文件不能超过 5 MB";
  if (!check(data)) return "文件内容与其类型不符";
  return undefined;
}

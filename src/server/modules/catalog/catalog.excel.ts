import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { checkGuide } from "../../../shared/catalog-rules.js";
import { basicItemContent, guideContent } from "../../../shared/contracts/catalog-content.js";
import { AppError } from "../../../shared/errors.js";
import { translate } from "../../../shared/i18n/messages.js";
import { assertCan, holdsAnywhere, requireUser } from "../../access/access.policy.js";
import type { Actor } from "../../actor.js";
import type { Database } from "../../db/tables.js";
import type { Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { parseContent } from "./catalog.content.js";
import { findEntryByCode, findVersion, listEntriesForExport } from "./excel.queries.js";
import { createDraft, createNextDraft } from "./catalog.service.js";

/**
 * xlsx import and export of basic catalog items and guides, the way agencies maintain catalogs
 * today. Scalar elements are columns; nested ones (materials, form, process …) are JSON cells.
 * An import checks every row first and reports each problem as row, column and message; a
 * workbook with any bad row imports nothing.
 */
type Kind = "basic" | "guide";

interface Column {
  header: string;
  /** Top-level content key this column fills ('' for identity columns). */
  key: string;
  kind: "text" | "int" | "list" | "json" | "bool" | "basis";
  width: number;
}

const IDENTITY = {
  code: "编码",
  basicCode: "基本编码",
  agency: "实施机构统一社会信用代码",
  region: "设立区划",
} as const;

export const BASIC_COLUMNS: Column[] = [
  { header: IDENTITY.code, key: "", kind: "text", width: 16 },
  { header: IDENTITY.region, key: "", kind: "text", width: 10 },
  { header: "事项名称", key: "name", kind: "text", width: 28 },
  { header: "事项类型", key: "itemType", kind: "text", width: 8 },
  { header: "设定依据", key: "basis", kind: "basis", width: 40 },
  { header: "行使层级", key: "exerciseLevels", kind: "list", width: 10 },
  { header: "主管条线", key: "lineCode", kind: "text", width: 18 },
  { header: "服务对象", key: "serviceObjects", kind: "list", width: 10 },
  { header: "法定办结时限", key: "legalLimitDays", kind: "int", width: 10 },
  { header: "子项", key: "subItems", kind: "json", width: 20 },
  { header: "业务办理项", key: "handlingItems", kind: "json", width: 20 },
];

export const GUIDE_COLUMNS: Column[] = [
  { header: IDENTITY.code, key: "", kind: "text", width: 34 },
  { header: IDENTITY.basicCode, key: "", kind: "text", width: 16 },
  { header: IDENTITY.agency, key: "", kind: "text", width: 22 },
  { header: "事项名称", key: "name", kind: "text", width: 28 },
  { header: "事项类型", key: "itemType", kind: "text", width: 8 },
  { header: "设定依据", key: "basis", kind: "basis", width: 40 },
  { header: "服务对象", key: "serviceObjects", kind: "list", width: 10 },
  { header: "法定办结时限", key: "legalLimitDays", kind: "int", width: 10 },
  { header: "承诺办结时限", key: "promisedLimitDays", kind: "int", width: 10 },
  { header: "办件类型", key: "caseKind", kind: "text", width: 8 },
  { header: "是否进驻大厅", key: "isInHall", kind: "bool", width: 8 },
  { header: "办理形式", key: "channels", kind: "list", width: 10 },
  { header: "受理条件", key: "acceptanceConditions", kind: "json", width: 30 },
  { header: "申请材料", key: "materials", kind: "json", width: 40 },
  { header: "表单", key: "form", kind: "json", width: 30 },
  { header: "结果名称", key: "resultName", kind: "text", width: 20 },
  { header: "结果类型", key: "resultKind", kind: "text", width: 10 },
  { header: "证照类型", key: "licenseTypeCode", kind: "text", width: 14 },
  { header: "审查标准", key: "reviewCriteria", kind: "json", width: 30 },
  { header: "办理流程", key: "process", kind: "json", width: 30 },
  { header: "联合审批", key: "isJointApproval", kind: "bool", width: 8 },
  { header: "收费", key: "fee", kind: "json", width: 20 },
  { header: "预约办理", key: "appointment", kind: "json", width: 16 },
  { header: "咨询方式", key: "consultation", kind: "json", width: 20 },
  { header: "监督投诉方式", key: "complaint", kind: "json", width: 20 },
  { header: "标签", key: "tags", kind: "json", width: 20 },
  { header: "业务办理项序号", key: "handlingItemSeq", kind: "int", width: 8 },
];

const SHEETS: Record<Kind, { name: string; columns: Column[] }> = {
  basic: { name: "基本目录", columns: BASIC_COLUMNS },
  guide: { name: "办事指南", columns: GUIDE_COLUMNS },
};

function toCell(kind: Column["kind"], value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  switch (kind) {
    case "text":
      return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
    case "int":
      return Number(value);
    case "bool":
      return value === true ? "是" : "否";
    case "list":
      return (value as string[]).join(",");
    case "basis":
      return (value as { law: string; article: string }[]).map((b) => `${b.law}|${b.article}`).join("\n");
    case "json":
      return JSON.stringify(value);
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  if (typeof v === "object" && "text" in v) return String(v.text);
  if (typeof v === "object" && "result" in v) {
    const r: unknown = v.result;
    return typeof r === "string" || typeof r === "number" ? String(r) : "";
  }
  return "";
}

class CellError extends Error {}

function fromCell(kind: Column["kind"], raw: string): unknown {
  const text = raw.trim();
  if (text === "") return undefined;
  switch (kind) {
    case "text":
      return text;
    case "int": {
      if (!/^-?\d+$/.test(text)) throw new CellError("应为整数");
      return Number(text);
    }
    case "bool":
      if (["是", "true", "TRUE", "1"].includes(text)) return true;
      if (["否", "false", "FALSE", "0"].includes(text)) return false;
      throw new CellError("应为“是”或“否”");
    case "list":
      return text.split(/[,，、\s]+/).filter((x) => x !== "");
    case "basis":
      return text.split(/\n+/).map((line) => {
        const [law, article] = line.split("|").map((x) => x.trim());
        if (!law || !article) throw new CellError("每行一条依据，格式：《法规名称》|第几条");
        return { law, article };
      });
    case "json":
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new CellError("不是合法的 JSON");
      }
  }
}

/** Exports the current published basic items or guides within the actor's reach as a workbook. */
export async function exportWorkbook(
  actor: Actor,
  kind: Kind,
  regionWithin: string | undefined,
  deps: Deps,
): Promise<Buffer> {
  requireUser(actor);
  if (
    !holdsAnywhere(actor, "catalog.edit") &&
    !holdsAnywhere(actor, "catalog.review") &&
    !holdsAnywhere(actor, "admin.manage")
  ) {
    throw new AppError("FORBIDDEN", "error.forbidden");
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = "通办 Tongban";
  const sheet = SHEETS[kind];
  const ws = wb.addWorksheet(sheet.name);
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const rows = await listEntriesForExport(deps.db, kind, regionWithin);
  for (const r of rows) {
    const content = r.content as Record<string, unknown>;
    const identity: Record<string, string | null> = {
      [IDENTITY.code]: r.code,
      [IDENTITY.basicCode]: r.basic_code,
      [IDENTITY.agency]: r.credit_code,
      [IDENTITY.region]: r.region_code,
    };
    ws.addRow(
      sheet.columns.map((c) =>
        c.key === "" ? (identity[c.header] ?? null) : toCell(c.kind, content[c.key]),
      ),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

interface ParsedRow {
  row: number;
  code: string;
  basicCode: string;
  creditCode: string;
  region: string;
  content: Record<string, unknown>;
}

async function readRows(buffer: Buffer, kind: Kind, errors: RowError[]): Promise<ParsedRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError("VALIDATION_FAILED", "catalog.excel.unreadable");
  }
  const sheet = SHEETS[kind];
  const ws = wb.getWorksheet(sheet.name) ?? wb.worksheets[0];
  if (ws === undefined)
    throw new AppError("VALIDATION_FAILED", "catalog.excel.noSheet", { sheet: sheet.name });
  const headerRow = ws.getRow(1);
  const positions = new Map<string, number>();
  headerRow.eachCell((cell, col) => positions.set(cellText(cell.value).trim(), col));
  const missing = sheet.columns.filter((c) => !positions.has(c.header)).map((c) => c.header);
  if (missing.length > 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      "catalog.excel.missingColumns",
      { columns: missing.join("、") },
      missing.map((m) => ({ row: 1, column: m, message: "缺少此列" })),
    );
  }
  const out: ParsedRow[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const texts = new Map(
      sheet.columns.map((c) => [c.header, cellText(row.getCell(positions.get(c.header) ?? 0).value)]),
    );
    if ([...texts.values()].every((t) => t.trim() === "")) return;
    const content: Record<string, unknown> = {};
    for (const c of sheet.columns) {
      if (c.key === "") continue;
      try {
        const value = fromCell(c.kind, texts.get(c.header) ?? "");
        if (value !== undefined) content[c.key] = value;
        else if (c.key === "legalLimitDays") content[c.key] = null;
      } catch (err) {
        errors.push({
          row: rowNumber,
          column: c.header,
          message: err instanceof CellError ? err.message : "无法读取",
        });
      }
    }
    out.push({
      row: rowNumber,
      code: (texts.get(IDENTITY.code) ?? "").trim(),
      basicCode: (texts.get(IDENTITY.basicCode) ?? "").trim(),
      creditCode: (texts.get(IDENTITY.agency) ?? "").trim(),
      region: (texts.get(IDENTITY.region) ?? "").trim(),
      content,
    });
  });
  return out;
}

function headerOf(kind: Kind, path: (string | number)[]): string {
  const key = String(path[0] ?? "");
  return SHEETS[kind].columns.find((c) => c.key === key)?.header ?? key;
}

/**
 * Imports a workbook as drafts (new entries, or the next version of an existing code) for the
 * actor's agency. Every row is validated first (schema, and for guides every rule against the
 * published basic item); any error aborts the whole import.
 * @throws AppError VALIDATION_FAILED with `details: RowError[]`; FORBIDDEN.
 */
export async function importWorkbook(actor: Actor, kind: Kind, buffer: Buffer, deps: Deps) {
  const user = requireUser(actor);
  const agencyId = user.agencyId;
  if (agencyId === null) throw new AppError("FORBIDDEN", "error.forbidden");
  const errors: RowError[] = [];
  const rows = await readRows(buffer, kind, errors);
  const schema = kind === "basic" ? basicItemContent : guideContent;
  const own = await getAgency(agencyId, deps.db);
  for (const r of rows) {
    const parsed = schema.safeParse(r.content);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({
          row: r.row,
          column: headerOf(kind, issue.path as (string | number)[]),
          message: issue.message,
        });
      continue;
    }
    if (kind === "guide") {
      if (r.basicCode === "") {
        errors.push({ row: r.row, column: IDENTITY.basicCode, message: "必填" });
        continue;
      }
      const basic = await publishedBasicContent(deps.db, r.basicCode);
      if (basic === undefined) {
        errors.push({
          row: r.row,
          column: IDENTITY.basicCode,
          message: translate("catalog.basicNotFound", "zh-CN", { code: r.basicCode }),
        });
        continue;
      }
      for (const v of checkGuide(guideContent.parse(r.content), { basic })) {
        errors.push({
          row: r.row,
          column: headerOf(kind, v.path.split(".")),
          message: translate(v.messageKey, "zh-CN", v.params ?? {}),
        });
      }
      if (r.creditCode !== "" && r.creditCode !== own.creditCode) {
        errors.push({ row: r.row, column: IDENTITY.agency, message: "只能导入本机构的办事指南" });
      }
    }
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    throw new AppError(
      "VALIDATION_FAILED",
      "catalog.excel.badRows",
      { count: new Set(errors.map((e) => e.row)).size },
      errors,
    );
  }
  assertCan(actor, "catalog.edit", { agencyId, regionCode: own.regionCode });
  return deps.db.transaction().execute(async (trx) => {
    const txDeps = { ...deps, db: trx };
    const results: { row: number; code: string; versionId: number; isNewEntry: boolean }[] = [];
    for (const r of rows) {
      const existing = r.code === "" ? undefined : await findEntryByCode(trx, kind, r.code);
      if (existing !== undefined) {
        const res = await createNextDraft(actor, existing.id, r.content, txDeps);
        results.push({ row: r.row, code: res.entry.code, versionId: res.version.id, isNewEntry: false });
      } else {
        const res = await createDraft(
          actor,
          {
            layer: kind,
            agencyId,
            content: r.content,
            ...(r.basicCode !== "" ? { basicCode: r.basicCode } : {}),
            ...(kind === "basic" && r.region !== "" ? { regionCode: r.region } : {}),
          },
          txDeps,
        );
        results.push({ row: r.row, code: res.entry.code, versionId: res.version.id, isNewEntry: true });
      }
    }
    return { imported: results.length, drafts: results };
  });
}

async function publishedBasicContent(db: Kysely<Database>, code: string) {
  const entry = await findEntryByCode(db, "basic", code);
  if (
    entry?.current_version_id === undefined ||
    entry.current_version_id === null ||
    entry.status !== "active"
  )
    return undefined;
  const v = await findVersion(db, entry.current_version_id);
  return v === undefined ? undefined : parseContent("basic", v.content);
}

import { strToU8, zipSync } from "fflate";
import { sm3 } from "sm-crypto-v2";
import { canonicalJson } from "../../../shared/canonical-json.js";
import { AppError } from "../../../shared/errors.js";
import type { Actor } from "../../actor.js";
import type { Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { escapeHtml } from "../catalog/guide-print.js";
import { listMaterialFiles } from "./cases.queries.js";
import { getCase } from "./cases.service.js";

export const FIELD_NAMES: Record<string, string> = {
  caseNumber: "办件编号",
  itemName: "申请事项",
  date: "日期",
  acceptedOn: "受理日期",
  promisedDue: "承诺办结日期",
  legalDue: "法定办结期限",
  agencyName: "办理机关",
  reason: "理由",
  reasons: "理由",
  competentAgency: "请向以下机关申请",
  correctedOnTheSpot: "当场更正",
  missingMaterials: "须一次性补齐的材料",
  supplementDue: "补齐期限",
  consequence: "逾期后果",
  remedies: "救济途径",
  days: "延长工作日",
  procedure: "特别程序",
};

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => escapeHtml(String(x))).join("<br>");
  if (v === null || v === undefined) return "—";
  return escapeHtml(typeof v === "string" ? v : JSON.stringify(v));
}

/**
 * A printable notice (受理通知书, 不予受理告知书, 决定书 …) for the case's applicant and staff.
 * The e-seal issue replaces it by a signed PDF; the structured record stays the source.
 * @throws AppError NOT_FOUND when the case or notice is not the actor's to see.
 */
export async function renderNotice(
  actor: Actor,
  caseId: string,
  noticeId: number,
  deps: Deps,
): Promise<string> {
  const c = await getCase(actor, caseId, deps);
  const notice = c.notices.find((n) => n.id === noticeId);
  if (notice === undefined) throw new AppError("NOT_FOUND", "cases.notFound");
  const agency = await getAgency(c.agencyId, deps.db);
  const rows = Object.entries(notice.content as Record<string, unknown>)
    .map(
      ([k, v]) => `<tr><th scope="row">${escapeHtml(FIELD_NAMES[k] ?? k)}</th><td>${valueText(v)}</td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(notice.title)}</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.7}
h1{text-align:center;font-size:1.6rem}table{width:100%;border-collapse:collapse}th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}th{width:10rem;background:#f4f4f4}
.sign{margin-top:3rem;text-align:right}</style></head><body>
<h1>${escapeHtml(notice.title)}</h1>
<p>编号：${escapeHtml(c.caseNumber)}</p>
<table>${rows}</table>
<p class="sign">${escapeHtml(agency.name)}<br>${escapeHtml(notice.issuedAt.slice(0, 10))}<br><small>（电子印章由电子签章模块加盖）</small></p>
</body></html>`;
}

/**
 * 条例 22 archive: a zip with the case record, every notice and every uploaded material, and a
 * manifest listing each document with its SM3 digest (and the manifest's own digest).
 * @throws AppError NOT_FOUND when the case is not the actor's to see.
 */
export async function buildArchive(
  actor: Actor,
  caseId: string,
  deps: Deps,
): Promise<{ fileName: string; zip: Uint8Array; manifest: unknown }> {
  const c = await getCase(actor, caseId, deps);
  const files: Record<string, Uint8Array> = {};
  const documents: { path: string; kind: string; name: string; sm3: string; bytes: number }[] = [];
  const add = (path: string, kind: string, name: string, data: Uint8Array) => {
    files[path] = data;
    documents.push({ path, kind, name, sm3: sm3(data), bytes: data.length });
  };
  const { materials: _m, notices, ...record } = c;
  add("case.json", "record", "办件记录", strToU8(canonicalJson(record)));
  for (const n of notices)
    add(`notices/${n.id}-${n.kind}.json`, "notice", n.title, strToU8(canonicalJson(n)));
  for (const m of await listMaterialFiles(deps.db, c.id)) {
    if (m.data === null) {
      add(
        `materials/${m.id}-${m.material_key}.ref.json`,
        "material_reference",
        m.name,
        strToU8(canonicalJson({ key: m.material_key, source: m.source, reference: m.reference })),
      );
    } else {
      const ext =
        m.content_type === "application/pdf" ? "pdf" : m.content_type === "image/png" ? "png" : "jpg";
      add(`materials/${m.id}-${m.material_key}.${ext}`, "material", m.name, new Uint8Array(m.data));
    }
  }
  const manifest = {
    caseNumber: c.caseNumber,
    itemName: c.itemName,
    status: c.status,
    archivedAt: new Date().toISOString(),
    algorithm: "SM3",
    documents,
  };
  const manifestText = canonicalJson(manifest);
  files["manifest.json"] = strToU8(manifestText);
  files["manifest.sm3"] = strToU8(sm3(manifestText));
  return {
    fileName: `${c.caseNumber}.zip`,
    zip: zipSync(files),
    manifest: { ...manifest, manifestSm3: sm3(manifestText) },
  };
}

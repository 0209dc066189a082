import {
  CASE_KINDS,
  CHANNELS,
  CROSS_REGION_SCOPES,
  ITEM_TYPES,
  SERVICE_OBJECTS,
} from "../../../shared/catalog.js";
import type { GuideContent } from "../../../shared/contracts/catalog-content.js";

/** Minimal escaping for text placed in HTML. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

interface PrintableGuide {
  code: string;
  handlingCode: string | null;
  versionNo: number;
  effectiveFrom: string | null;
  agency: { name: string; regionName: string } | null;
  content: GuideContent;
}

/**
 * The printable 办事指南 (同源发布): every element of 条例 第十二条 from the same published version as
 * the API, with its version, effective date and QR code. Plain HTML and print CSS, no JavaScript.
 */
export function renderPrintableGuide(g: PrintableGuide, qrDataUrl: string, pageUrl: string): string {
  const c = g.content;
  const e = escapeHtml;
  const row = (label: string, value: string) => `<tr><th scope="row">${e(label)}</th><td>${value}</td></tr>`;
  const list = (items: string[]) =>
    items.length === 0 ? "无" : `<ol>${items.map((i) => `<li>${e(i)}</li>`).join("")}</ol>`;
  const limit = (d: number | null) => (d === null ? "无法定时限" : `${d} 个工作日`);
  const materials = c.materials
    .map(
      (m, i) =>
        `<tr><td>${i + 1}</td><td>${e(m.name)}${m.note ? `<br><small>${e(m.note)}</small>` : ""}</td><td>${m.originals}</td><td>${m.copies}</td><td>${m.isRequired ? "必要" : "非必要"}</td><td>${
          m.source === "license"
            ? "电子证照（免提交）"
            : m.source === "shared_data"
              ? "共享数据（免提交）"
              : m.source === "issuing_agency"
                ? "出具单位"
                : "申请人"
        }</td><td>${m.isToleratedMissing ? "可容缺" : ""}</td></tr>`,
    )
    .join("");
  const fee = c.fee.isFree
    ? "不收费"
    : c.fee.items.map((f) => `${e(f.name)}：${e(f.standard)}（依据：${e(f.basis)}）`).join("<br>");
  const contact = (x: GuideContent["consultation"]) =>
    [
      x.phone && `电话：${e(x.phone)}`,
      x.address && `地址：${e(x.address)}`,
      x.online && `网上：${e(x.online)}`,
    ]
      .filter(Boolean)
      .join("；") || "—";
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(c.name)} — 办事指南</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;max-width:52rem;margin:1rem auto;padding:0 1rem;color:#111;line-height:1.6}
h1{font-size:1.5rem;margin:.2rem 0}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.35rem .5rem;vertical-align:top;text-align:left}
th[scope=row]{width:9rem;background:#f3f3f3;font-weight:600}.meta{color:#444;font-size:.9rem}.qr{float:right;text-align:center;font-size:.8rem}
@media print{body{margin:0}.noprint{display:none}}
</style></head><body>
<div class="qr"><img src="${qrDataUrl}" width="128" height="128" alt="本指南二维码"><br>扫码查看最新版本</div>
<p class="meta">办事指南 · 第 ${g.versionNo} 版 · 自 ${e(g.effectiveFrom ?? "—")} 起施行</p>
<h1>${e(c.name)}</h1>
<p class="meta">实施编码 ${e(g.code)}${g.handlingCode ? ` · 业务办理项编码 ${e(g.handlingCode)}` : ""}</p>
<table>
${row("事项类型", e(ITEM_TYPES[c.itemType]))}
${row("设定依据", c.basis.map((b) => `${e(b.law)} ${e(b.article)}`).join("<br>"))}
${row("实施主体", e(g.agency ? `${g.agency.name}（${g.agency.regionName}）` : "—"))}
${row("受理条件", list(c.acceptanceConditions))}
${row("服务对象", e(c.serviceObjects.map((o) => SERVICE_OBJECTS[o]).join("、")))}
${row("办件类型", e(CASE_KINDS[c.caseKind]))}
${row("法定办结时限", e(limit(c.legalLimitDays)))}
${row("承诺办结时限", e(limit(c.promisedLimitDays)))}
${row("办理结果", e(c.resultName))}
${row("结果样本", c.resultSampleUrl ? `<a href="${e(c.resultSampleUrl)}">查看样本</a>` : "窗口可查阅")}
${row("收费标准及依据", fee)}
${row("办理流程", `<ol>${c.process.map((p) => `<li><strong>${e(p.name)}</strong>：${e(p.description)}</li>`).join("")}</ol>`)}
${row("办理形式", e(c.channels.map((ch) => CHANNELS[ch]).join("、")))}
${row("审查标准", list(c.reviewCriteria))}
${row(
  "容缺受理",
  c.materials.some((m) => m.isToleratedMissing)
    ? `可容缺：${e(
        c.materials
          .filter((m) => m.isToleratedMissing)
          .map((m) => m.name)
          .join("、"),
      )}`
    : "不适用",
)}
${row("告知承诺", c.tags.notificationCommitment ? e(c.tags.notificationCommitment.text) : "不适用")}
${row("通办范围", e(CROSS_REGION_SCOPES[c.tags.crossRegion]))}
${row("全程网办", c.tags.isFullyOnline ? "是" : `否（${e(c.tags.onlineNegativeReason ?? "")}）`)}
${row("是否进驻大厅", c.isInHall ? "是" : `否（${e(c.tags.hallNegativeReason ?? "")}）`)}
${row("预约办理", c.appointment.isSupported ? `支持${c.appointment.note ? `：${e(c.appointment.note)}` : ""}` : "不需预约")}
${row("咨询方式", contact(c.consultation))}
${row("监督投诉方式", contact(c.complaint))}
</table>
<h2>申请材料</h2>
<table><thead><tr><th>序号</th><th>材料名称</th><th>原件</th><th>复印件</th><th>必要性</th><th>来源</th><th>容缺</th></tr></thead><tbody>${materials}</tbody></table>
<p class="meta noprint">本页与 <a href="${e(pageUrl)}">${e(pageUrl)}</a> 及接口数据同源发布。</p>
</body></html>`;
}

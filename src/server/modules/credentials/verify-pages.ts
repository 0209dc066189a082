import { escapeHtml } from "../catalog/guide-print.js";
import type { getDocumentVerification } from "./documents.service.js";
import type { verifyLicense } from "./licenses.service.js";

const STYLE = `body{font-family:"Noto Sans SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.7}
.ok{color:#0a7a2f}.bad{color:#b00020}table{width:100%;border-collapse:collapse}th,td{border:1px solid #999;padding:.4rem;text-align:left}th{width:9rem;background:#f4f4f4}`;

function page(title: string, verdict: string, isOk: boolean, rows: [string, string][]): string {
  const body = rows
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join("");
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1><p class="${isOk ? "ok" : "bad"}" role="status"><strong>${escapeHtml(verdict)}</strong></p><table>${body}</table></body></html>`;
}

/** The public verification page of a signed document (the QR code's target). */
export function renderDocumentPage(v: Awaited<ReturnType<typeof getDocumentVerification>>): string {
  return page(
    "文书核验",
    v.isValid ? "签章有效：文书内容未被篡改" : "签章无效：文书内容与签章不符",
    v.isValid,
    [
      ["文书", v.title],
      ["办件编号", v.caseNumber],
      ["事项", v.itemName],
      ["签发机关", v.agencyName],
      ["签章时间", v.signedAt],
      ["电子印章", v.seal.sealCode],
      ["签名算法", v.algorithm],
      ["内容 SM3", v.contentSm3],
    ],
  );
}

const STATUS_NAMES = { valid: "有效", revoked: "已注销", expired: "已过期" } as const;

/** The public verification page of an e-license (holder masked). */
export function renderLicensePage(v: Awaited<ReturnType<typeof verifyLicense>>): string {
  const isOk = v.status === "valid" && v.signature.isValid;
  return page(
    `电子证照核验：${v.typeName}`,
    `${STATUS_NAMES[v.status]}；签名${v.signature.isValid ? "有效" : "无效"}`,
    isOk,
    [
      ["证照标识", v.identifier],
      ["证照编号", v.licenseNumber],
      ["持证人", `${v.holder.name}（${v.holder.code}）`],
      ["发证机关", v.issuer.name],
      ["有效期", `${v.validFrom} 至 ${v.validTo ?? "长期"}`],
      ["注销原因", v.revocationReason ?? "—"],
    ],
  );
}

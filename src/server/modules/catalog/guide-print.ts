import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { WebLocale } from "../../../web/i18n/messages.js";
import { PrintGuideDocument, type PrintableGuide } from "../../../web/portal/pages/PrintGuidePage.js";

/** Minimal escaping for text placed in HTML. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/**
 * The printable 办事指南 (同源发布): every element of 条例 第十二条 from the same published version as
 * the API, with its version, effective date and QR code; labels in the reader's locale (the web
 * catalog), the guide's text in Chinese. Plain HTML and print CSS, no JavaScript.
 */
export function renderPrintableGuide(
  g: PrintableGuide,
  qrDataUrl: string,
  pageUrl: string,
  locale: WebLocale = "zh-CN",
): string {
  return (
    "<!doctype html>" +
    renderToStaticMarkup(createElement(PrintGuideDocument, { guide: g, qrDataUrl, pageUrl, locale }))
  );
}

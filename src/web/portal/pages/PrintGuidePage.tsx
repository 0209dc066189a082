import type { GuideContent } from "../../../shared/contracts/catalog-content.js";
import { dirOf, translator, type WebLocale } from "../../i18n/messages.js";
import { GuideElementRows, codeName, contentLang } from "./GuideElements.js";

export interface PrintableGuide {
  code: string;
  handlingCode: string | null;
  versionNo: number;
  effectiveFrom: string | null;
  agency: { name: string; regionName: string } | null;
  content: GuideContent;
}

const STYLE = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","Noto Sans Arabic",sans-serif;max-width:52rem;margin:1rem auto;padding:0 1rem;color:#111;line-height:1.6}
h1{font-size:1.5rem;margin:.2rem 0}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.35rem .5rem;vertical-align:top;text-align:start}
th[scope=row]{width:9rem;background:#f3f3f3;font-weight:600}.meta{color:#444;font-size:.9rem}.qr{float:inline-end;text-align:center;font-size:.8rem}
@media print{body{margin:0}.noprint{display:none}}`;

/**
 * The printable 办事指南 (同源发布) as a complete document: every element of 条例 第十二条 from the
 * same published version as the API and the guide page, its version, effective date and QR code.
 * Labels follow the locale; the guide's text stays Chinese. Plain HTML and print CSS, no script.
 */
export function PrintGuideDocument({
  guide,
  qrDataUrl,
  pageUrl,
  locale,
}: {
  guide: PrintableGuide;
  qrDataUrl: string;
  pageUrl: string;
  locale: WebLocale;
}) {
  const t = translator(locale);
  const zh = contentLang(locale);
  const c = guide.content;
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t("print.title", { name: c.name })}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <div className="qr">
          <img src={qrDataUrl} width={128} height={128} alt={t("guide.qr")} />
          <br />
          {t("print.qrNote")}
        </div>
        <p className="meta">
          {t("guide.title")} · {t("guide.version", { n: guide.versionNo })} ·{" "}
          {t("guide.effective", { date: guide.effectiveFrom ?? "—" })}
        </p>
        <h1 lang={zh}>{c.name}</h1>
        <p className="meta">
          {t("guide.code")} {guide.code}
          {guide.handlingCode ? ` · ${t("guide.handlingCode", { code: guide.handlingCode })}` : ""}
        </p>
        <table>
          <tbody>
            <GuideElementRows guide={guide} t={t} zh={zh} />
          </tbody>
        </table>
        <h2>{t("guide.materials")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("print.no")}</th>
              <th scope="col">{t("print.material")}</th>
              <th scope="col">{t("print.originals")}</th>
              <th scope="col">{t("print.copies")}</th>
              <th scope="col">{t("print.necessity")}</th>
              <th scope="col">{t("print.source")}</th>
              <th scope="col">{t("print.tolerance")}</th>
            </tr>
          </thead>
          <tbody>
            {c.materials.map((m, i) => (
              <tr key={m.key}>
                <td>{i + 1}</td>
                <td lang={zh}>
                  {m.name}
                  {m.note && (
                    <>
                      <br />
                      <small>{m.note}</small>
                    </>
                  )}
                </td>
                <td>{m.originals}</td>
                <td>{m.copies}</td>
                <td>{m.isRequired ? t("mat.required") : t("mat.optional")}</td>
                <td>{codeName(t, "source", m.source)}</td>
                <td>{m.isToleratedMissing ? t("mat.tolerable") : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="meta noprint">
          {t("print.sameSource")
            .split("{url}")
            .flatMap((part, i) =>
              i === 0
                ? [part]
                : [
                    <a key={i} href={pageUrl}>
                      {pageUrl}
                    </a>,
                    part,
                  ],
            )}
        </p>
      </body>
    </html>
  );
}

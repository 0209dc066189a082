import type { GuideContent } from "../../../shared/contracts/catalog-content.js";
import { usePage, useT } from "../../components/page-context.js";
import { GuideElementRows, contentLang, materialMeta } from "./GuideElements.js";

/** A published guide as the catalog service returns it (the API's `Guide`, content parsed). */
export interface GuideView {
  code: string;
  handlingCode: string | null;
  versionNo: number;
  effectiveFrom: string | null;
  isCurrent: boolean;
  agency: { name: string; regionName: string } | null;
  tags: { code: string; name: string }[];
  content: GuideContent;
}

/**
 * 办事指南 page: every element of 条例 第十二条 from the same published version as the API and the
 * printable page, with its version, effective date and QR code. Plain HTML, no script.
 */
export function GuidePage({ guide }: { guide: GuideView }) {
  const t = useT();
  const zh = contentLang(usePage().locale);
  const c = guide.content;
  return (
    <article className="guide">
      <figure className="qr">
        <img
          src={`/api/v1/guides/${guide.code}/qr.png`}
          width={128}
          height={128}
          alt={t("guide.qr")}
          loading="lazy"
        />
        <figcaption>{t("guide.qrNote")}</figcaption>
      </figure>
      <p className="meta">
        {t("guide.title")} ·{" "}
        <span data-testid="guide-version">{t("guide.version", { n: guide.versionNo })}</span> ·{" "}
        {t("guide.effective", { date: guide.effectiveFrom ?? "—" })}
      </p>
      <h1 lang={zh}>{c.name}</h1>
      <p className="meta">
        {t("guide.code")} {guide.code}
        {guide.handlingCode ? ` · ${t("guide.handlingCode", { code: guide.handlingCode })}` : ""}
      </p>
      {guide.tags.length > 0 && (
        <ul className="tags" lang={zh}>
          {guide.tags.map((tag) => (
            <li key={tag.code}>{tag.name}</li>
          ))}
        </ul>
      )}
      <p className="actions">
        {guide.isCurrent && (c.channels.includes("2") || c.channels.includes("3")) && (
          <a className="button" href={`/apply/${guide.code}`} data-testid="apply-link">
            {t("guide.apply")}
          </a>
        )}{" "}
        <a href={`/guides/${guide.code}/print`}>{t("guide.print")}</a>{" "}
        <a href={`/complaints/new?guide=${guide.code}`}>{t("complaint.about")}</a>
      </p>
      <div className="table-wrap">
        <table className="elements">
          <tbody>
            <GuideElementRows guide={guide} t={t} zh={zh} />
          </tbody>
        </table>
      </div>
      <h2>{t("guide.materials")}</h2>
      <ol className="materials">
        {c.materials.map((m) => (
          <li key={m.key}>
            <strong lang={zh}>{m.name}</strong>
            <span className="meta"> · {materialMeta(t, m)}</span>
            {m.note && (
              <p className="note" lang={zh}>
                {m.note}
              </p>
            )}
          </li>
        ))}
      </ol>
    </article>
  );
}

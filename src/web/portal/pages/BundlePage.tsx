import type { BundleGuide } from "../../../shared/contracts/bundles.js";
import { usePage, useT } from "../../components/page-context.js";
import { contentLang, materialMeta } from "./GuideElements.js";

/**
 * /bundles/:code — the integrated guide of a 一件事 bundle (一次告知): its items and departments, the
 * stages that run in parallel, the limits, one merged form and one merged material list. Guide content
 * stays Chinese (the interface around it follows the locale).
 */
export function BundlePage({ bundle }: { bundle: BundleGuide }) {
  const t = useT();
  const zh = contentLang(usePage().locale);
  const names = new Map(bundle.items.map((i) => [i.key, i.name]));
  return (
    <article className="guide bundle">
      <p className="meta">
        {t("bundle.title")} · {t("guide.version", { n: bundle.versionNo })}
        {bundle.effectiveFrom !== null && ` · ${t("guide.effective", { date: bundle.effectiveFrom })}`}
      </p>
      <h1 lang={zh}>{bundle.name}</h1>
      <p className="meta" lang={zh}>
        {bundle.code} · {bundle.eventName}
      </p>
      <ul className="tags" lang={zh}>
        {bundle.tags.map((tag) => (
          <li key={tag.code}>{tag.name}</li>
        ))}
      </ul>
      {bundle.isCurrent && (
        <p className="actions">
          <a className="button" href={`/bundles/${bundle.code}/apply`} data-testid="bundle-apply-link">
            {t("guide.apply")}
          </a>
        </p>
      )}
      <div className="table-wrap">
        <table className="elements">
          <tbody>
            <tr>
              <th scope="row">{t("bundle.lead")}</th>
              <td>
                <span lang={zh}>{bundle.lead.name}</span>
                {bundle.coDepartments.length > 0 && (
                  <>
                    {t("punct.clause")}
                    {t("bundle.co")}
                    {t("punct.colon")}
                    <span lang={zh}>{bundle.coDepartments.map((d) => d.name).join("、")}</span>
                  </>
                )}
              </td>
            </tr>
            <tr>
              <th scope="row">{t("bundle.limit")}</th>
              <td>{t("bundle.limits", { target: bundle.targetLimitDays, sum: bundle.sumOfItemLimits })}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h2>{t("bundle.items")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("cases.item")}</th>
              <th scope="col">{t("bundle.agency")}</th>
              <th scope="col">{t("bundle.itemLimit")}</th>
              <th scope="col">{t("bundle.result")}</th>
            </tr>
          </thead>
          <tbody>
            {bundle.items.map((i) => (
              <tr key={i.key}>
                <td lang={zh}>
                  <a href={`/guides/${i.guideCode}`}>{i.name}</a>
                </td>
                <td lang={zh}>{i.agencyName}</td>
                <td>{t("bundle.days", { n: i.limitDays })}</td>
                <td lang={zh}>{i.resultName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("bundle.stages")}</h2>
      <ol className="stages" lang={zh}>
        {bundle.stages.map((stage, n) => (
          <li key={n}>{stage.map((k) => names.get(k) ?? k).join(" ‖ ")}</li>
        ))}
      </ol>
      {bundle.acceptanceConditions.length > 0 && (
        <>
          <h2>{t("bundle.conditions")}</h2>
          <ul>
            {bundle.acceptanceConditions.map((c, n) => (
              <li key={n} lang={zh}>
                {names.get(c.itemKey) ?? c.itemKey}：{c.text}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("bundle.form")}</h2>
      <ul className="bundle-form" lang={zh}>
        {bundle.form.map((f) => (
          <li key={f.key}>
            {f.label}
            {f.isRequired ? " *" : ""}
          </li>
        ))}
      </ul>
      <h2>{t("guide.materials")}</h2>
      <ol className="materials">
        {bundle.materials.map((m) => (
          <li key={m.key}>
            <strong lang={zh}>{m.name}</strong>
            <span className="meta">
              {" "}
              · {materialMeta(t, m)}
              {m.targets.length > 1 ? ` · ${t("bundle.shared", { n: m.targets.length })}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </article>
  );
}

import type { BundleGuide } from "../../../shared/contracts/bundles.js";
import { useT } from "../../components/page-context.js";

const SOURCE: Record<string, string> = {
  applicant: "申请人",
  license: "电子证照（免提交）",
  shared_data: "共享数据（免提交）",
  issuing_agency: "出具单位",
};

/**
 * /bundles/:code — the integrated guide of a 一件事 bundle (一次告知): its items and departments, the
 * stages that run in parallel, the limits, one merged form and one merged material list. Guide content
 * stays Chinese (the interface around it follows the locale).
 */
export function BundlePage({ bundle }: { bundle: BundleGuide }) {
  const t = useT();
  const names = new Map(bundle.items.map((i) => [i.key, i.name]));
  return (
    <article className="guide bundle">
      <p className="meta">
        {t("bundle.title")} · {t("guide.version", { n: bundle.versionNo })}
        {bundle.effectiveFrom !== null && ` · ${t("guide.effective", { date: bundle.effectiveFrom })}`}
      </p>
      <h1>{bundle.name}</h1>
      <p className="meta">
        {bundle.code} · {bundle.eventName}
      </p>
      <ul className="tags">
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
                {bundle.lead.name}
                {bundle.coDepartments.length > 0 &&
                  `；${t("bundle.co")}：${bundle.coDepartments.map((d) => d.name).join("、")}`}
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
                <td>
                  <a href={`/guides/${i.guideCode}`}>{i.name}</a>
                </td>
                <td>{i.agencyName}</td>
                <td>{t("bundle.days", { n: i.limitDays })}</td>
                <td>{i.resultName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("bundle.stages")}</h2>
      <ol className="stages">
        {bundle.stages.map((stage, n) => (
          <li key={n}>{stage.map((k) => names.get(k) ?? k).join(" ‖ ")}</li>
        ))}
      </ol>
      {bundle.acceptanceConditions.length > 0 && (
        <>
          <h2>{t("bundle.conditions")}</h2>
          <ul>
            {bundle.acceptanceConditions.map((c, n) => (
              <li key={n}>
                {names.get(c.itemKey) ?? c.itemKey}：{c.text}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("bundle.form")}</h2>
      <ul className="bundle-form">
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
            <strong>{m.name}</strong>
            <span className="meta">
              {" "}
              · 原件 {m.originals} · 复印件 {m.copies} · {m.isRequired ? "必要" : "非必要"} ·{" "}
              {SOURCE[m.source]}
              {m.targets.length > 1 ? ` · ${t("bundle.shared", { n: m.targets.length })}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </article>
  );
}

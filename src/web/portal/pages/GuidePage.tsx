import type { ReactNode } from "react";
import {
  CASE_KINDS,
  CHANNELS,
  CROSS_REGION_SCOPES,
  ITEM_TYPES,
  SERVICE_OBJECTS,
} from "../../../shared/catalog.js";
import type { GuideContent } from "../../../shared/contracts/catalog-content.js";
import { useT } from "../../components/page-context.js";

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

const SOURCE = {
  applicant: "申请人",
  license: "电子证照（免提交）",
  shared_data: "共享数据（免提交）",
  issuing_agency: "出具单位",
} as const;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

function List({ items }: { items: string[] }) {
  return items.length === 0 ? (
    <>无</>
  ) : (
    <ol>
      {items.map((i, n) => (
        <li key={n}>{i}</li>
      ))}
    </ol>
  );
}

function contact(x: GuideContent["consultation"]): string {
  return (
    [x.phone && `电话：${x.phone}`, x.address && `地址：${x.address}`, x.online && `网上：${x.online}`]
      .filter(Boolean)
      .join("；") || "—"
  );
}

const limit = (d: number | null) => (d === null ? "无法定时限" : `${d} 个工作日`);

/**
 * 办事指南 page: every element of 条例 第十二条 from the same published version as the API and the
 * printable page, with its version, effective date and QR code. Plain HTML, no script.
 */
export function GuidePage({ guide }: { guide: GuideView }) {
  const t = useT();
  const c = guide.content;
  const tolerated = c.materials.filter((m) => m.isToleratedMissing).map((m) => m.name);
  return (
    <article className="guide" lang="zh-CN">
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
      <h1>{c.name}</h1>
      <p className="meta">
        {t("guide.code")} {guide.code}
        {guide.handlingCode ? ` · 业务办理项编码 ${guide.handlingCode}` : ""}
      </p>
      {guide.tags.length > 0 && (
        <ul className="tags">
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
            <Row label="事项类型">{ITEM_TYPES[c.itemType]}</Row>
            <Row label="设定依据">
              <ul>
                {c.basis.map((b, i) => (
                  <li key={i}>
                    {b.law} {b.article}
                  </li>
                ))}
              </ul>
            </Row>
            <Row label="实施主体">
              {guide.agency ? `${guide.agency.name}（${guide.agency.regionName}）` : "—"}
            </Row>
            <Row label="受理条件">
              <List items={c.acceptanceConditions} />
            </Row>
            <Row label="服务对象">{c.serviceObjects.map((o) => SERVICE_OBJECTS[o]).join("、")}</Row>
            <Row label="办件类型">{CASE_KINDS[c.caseKind]}</Row>
            <Row label="法定办结时限">{limit(c.legalLimitDays)}</Row>
            <Row label="承诺办结时限">{limit(c.promisedLimitDays)}</Row>
            <Row label="办理结果">{c.resultName}</Row>
            <Row label="结果样本">
              {c.resultSampleUrl ? <a href={c.resultSampleUrl}>查看样本</a> : "窗口可查阅"}
            </Row>
            <Row label="收费标准及依据">
              {c.fee.isFree ? (
                "不收费"
              ) : (
                <ul>
                  {c.fee.items.map((f, i) => (
                    <li key={i}>
                      {f.name}：{f.standard}（依据：{f.basis}）
                    </li>
                  ))}
                </ul>
              )}
            </Row>
            <Row label="办理流程">
              <ol>
                {c.process.map((p, i) => (
                  <li key={i}>
                    <strong>{p.name}</strong>：{p.description}
                  </li>
                ))}
              </ol>
            </Row>
            <Row label="办理形式">{c.channels.map((ch) => CHANNELS[ch]).join("、")}</Row>
            <Row label="审查标准">
              <List items={c.reviewCriteria} />
            </Row>
            <Row label="容缺受理">{tolerated.length > 0 ? `可容缺：${tolerated.join("、")}` : "不适用"}</Row>
            <Row label="告知承诺">{c.tags.notificationCommitment?.text ?? "不适用"}</Row>
            <Row label="通办范围">{CROSS_REGION_SCOPES[c.tags.crossRegion]}</Row>
            <Row label="全程网办">
              {c.tags.isFullyOnline ? "是" : `否（${c.tags.onlineNegativeReason ?? ""}）`}
            </Row>
            <Row label="是否进驻大厅">{c.isInHall ? "是" : `否（${c.tags.hallNegativeReason ?? ""}）`}</Row>
            <Row label="预约办理">
              {c.appointment.isSupported
                ? `支持${c.appointment.note ? `：${c.appointment.note}` : ""}`
                : "不需预约"}
            </Row>
            <Row label="咨询方式">{contact(c.consultation)}</Row>
            <Row label="监督投诉方式">{contact(c.complaint)}</Row>
          </tbody>
        </table>
      </div>
      <h2>{t("guide.materials")}</h2>
      <ol className="materials">
        {c.materials.map((m) => (
          <li key={m.key}>
            <strong>{m.name}</strong>
            <span className="meta">
              {" "}
              · 原件 {m.originals} · 复印件 {m.copies} · {m.isRequired ? "必要" : "非必要"} ·{" "}
              {SOURCE[m.source]}
              {m.isToleratedMissing ? " · 可容缺" : ""}
            </span>
            {m.note && <p className="note">{m.note}</p>}
          </li>
        ))}
      </ol>
    </article>
  );
}

import type { ReactNode } from "react";
import type { GuideContent } from "../../../shared/contracts/catalog-content.js";
import type { Translate, WebMessageKey } from "../../i18n/messages.js";

/** The name of a code-set value in the locale (the catalog stores codes; names are interface text). */
export function codeName(t: Translate, set: string, code: string): string {
  const key = `${set}.${code}` as WebMessageKey;
  const name = t(key);
  return name === key ? code : name;
}

/**
 * Guide content is Chinese (not translated): in another locale it is marked `lang="zh-CN"` for
 * screen readers and fonts (in Chinese the document's language already says so).
 */
export const contentLang = (locale: string): "zh-CN" | undefined =>
  locale === "zh-CN" ? undefined : "zh-CN";

function Zh({ zh, children }: { zh: "zh-CN" | undefined; children: ReactNode }) {
  return zh === undefined ? <>{children}</> : <span lang={zh}>{children}</span>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

function List({ items, t, zh }: { items: string[]; t: Translate; zh: "zh-CN" | undefined }) {
  return items.length === 0 ? (
    <>{t("val.none")}</>
  ) : (
    <ol lang={zh}>
      {items.map((i, n) => (
        <li key={n}>{i}</li>
      ))}
    </ol>
  );
}

function contact(t: Translate, x: GuideContent["consultation"]): ReactNode {
  const parts = [
    x.phone && t("contact.phone", { v: x.phone }),
    x.address && t("contact.address", { v: x.address }),
    x.online && t("contact.online", { v: x.online }),
  ].filter((p): p is string => typeof p === "string" && p !== "");
  return parts.length === 0 ? "—" : parts.join(t("punct.clause"));
}

const limit = (t: Translate, d: number | null) =>
  d === null ? t("val.noLegalLimit") : t("val.workdays", { n: d });

export interface ElementsGuide {
  agency: { name: string; regionName: string } | null;
  content: GuideContent;
}

/**
 * Every element of 条例 第十二条 as table rows: labels and code-set names in the page's locale,
 * the guide's own text in Chinese. Shared by the guide page and its printable version.
 */
export function GuideElementRows({
  guide,
  t,
  zh,
}: {
  guide: ElementsGuide;
  t: Translate;
  zh: "zh-CN" | undefined;
}) {
  const c = guide.content;
  const sep = t("punct.list");
  const tolerated = c.materials.filter((m) => m.isToleratedMissing).map((m) => m.name);
  return (
    <>
      <Row label={t("el.itemType")}>{codeName(t, "itemType", c.itemType)}</Row>
      <Row label={t("el.basis")}>
        <ul lang={zh}>
          {c.basis.map((b, i) => (
            <li key={i}>
              {b.law} {b.article}
            </li>
          ))}
        </ul>
      </Row>
      <Row label={t("el.implementer")}>
        {guide.agency ? (
          <Zh zh={zh}>{t("val.agencyIn", { name: guide.agency.name, region: guide.agency.regionName })}</Zh>
        ) : (
          "—"
        )}
      </Row>
      <Row label={t("el.conditions")}>
        <List items={c.acceptanceConditions} t={t} zh={zh} />
      </Row>
      <Row label={t("el.serviceObjects")}>
        {c.serviceObjects.map((o) => codeName(t, "serviceObject", o)).join(sep)}
      </Row>
      <Row label={t("el.caseKind")}>{codeName(t, "caseKind", c.caseKind)}</Row>
      <Row label={t("el.legalLimit")}>{limit(t, c.legalLimitDays)}</Row>
      <Row label={t("el.promisedLimit")}>{limit(t, c.promisedLimitDays)}</Row>
      <Row label={t("el.result")}>
        <Zh zh={zh}>{c.resultName}</Zh>
      </Row>
      <Row label={t("el.resultSample")}>
        {c.resultSampleUrl ? <a href={c.resultSampleUrl}>{t("val.viewSample")}</a> : t("val.sampleAtWindow")}
      </Row>
      <Row label={t("el.fee")}>
        {c.fee.isFree ? (
          t("val.free")
        ) : (
          <ul lang={zh}>
            {c.fee.items.map((f, i) => (
              <li key={i}>{t("val.feeItem", { name: f.name, standard: f.standard, basis: f.basis })}</li>
            ))}
          </ul>
        )}
      </Row>
      <Row label={t("el.process")}>
        <ol lang={zh}>
          {c.process.map((p, i) => (
            <li key={i}>
              <strong>{p.name}</strong>
              {t("punct.colon")}
              {p.description}
            </li>
          ))}
        </ol>
      </Row>
      <Row label={t("el.channels")}>{c.channels.map((ch) => codeName(t, "channel", ch)).join(sep)}</Row>
      <Row label={t("el.reviewCriteria")}>
        <List items={c.reviewCriteria} t={t} zh={zh} />
      </Row>
      <Row label={t("el.tolerance")}>
        {tolerated.length > 0 ? t("val.tolerable", { items: tolerated.join(sep) }) : t("val.notApplicable")}
      </Row>
      <Row label={t("el.commitment")}>
        {c.tags.notificationCommitment === undefined ? (
          t("val.notApplicable")
        ) : (
          <Zh zh={zh}>{c.tags.notificationCommitment.text}</Zh>
        )}
      </Row>
      <Row label={t("el.crossRegion")}>{codeName(t, "crossRegion", c.tags.crossRegion)}</Row>
      <Row label={t("el.fullyOnline")}>
        {c.tags.isFullyOnline
          ? t("val.yes")
          : c.tags.onlineNegativeReason
            ? t("val.noBecause", { reason: c.tags.onlineNegativeReason })
            : t("val.no")}
      </Row>
      <Row label={t("el.inHall")}>
        {c.isInHall
          ? t("val.yes")
          : c.tags.hallNegativeReason
            ? t("val.noBecause", { reason: c.tags.hallNegativeReason })
            : t("val.no")}
      </Row>
      <Row label={t("el.appointment")}>
        {c.appointment.isSupported
          ? c.appointment.note
            ? t("val.appointmentNote", { note: c.appointment.note })
            : t("val.appointmentSupported")
          : t("val.noAppointment")}
      </Row>
      <Row label={t("el.consultation")}>{contact(t, c.consultation)}</Row>
      <Row label={t("el.complaint")}>{contact(t, c.complaint)}</Row>
    </>
  );
}

/** A material's metadata line: originals, copies, necessity, source (免提交 where it applies). */
export function materialMeta(
  t: Translate,
  m: { originals: number; copies: number; isRequired: boolean; source: string; isToleratedMissing?: boolean },
): string {
  return [
    t("mat.originals", { n: m.originals }),
    t("mat.copies", { n: m.copies }),
    m.isRequired ? t("mat.required") : t("mat.optional"),
    codeName(t, "source", m.source),
    ...(m.isToleratedMissing === true ? [t("mat.tolerable")] : []),
  ].join(" · ");
}

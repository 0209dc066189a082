import { useState, type FormEvent } from "react";
import { api } from "../../api/client.js";
import { Link } from "../../components/router.js";
import { ErrorText, messageOf, useWt } from "../common.js";
import type { WbPermission } from "../roles.js";

export interface RequestFacts {
  id: number;
  entryId: number;
  status: string;
  kind: string;
  triggerSituation: number;
  triggerDate: string;
  touchesFunctions: boolean;
  opinions: unknown;
  basisDocuments: unknown;
  extendedReviewDue: string | null;
}

const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/**
 * What a change request says beyond its status (kind, situation, consulted opinions, basis
 * documents) and the reviewing side's entries: a legality / staffing / service sign-off and the
 * one extension of the review period. The server decides who may sign which kind.
 */
export function RequestExtras({
  r,
  perms,
  onChanged,
}: {
  r: RequestFacts;
  perms: ReadonlySet<WbPermission>;
  onChanged: () => void;
}) {
  const t = useWt();
  const [approve, setApprove] = useState(true);
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const opinions = list<{ agency: string; opinion: string }>(r.opinions);
  const docs = list<{ title: string; number?: string }>(r.basisDocuments);
  function post(path: string, body: unknown) {
    setError(undefined);
    api("POST", `/api/v1/catalog/change-requests/${r.id}/${path}`, body).then(
      () => {
        setComment("");
        setReason("");
        onChanged();
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }
  const kindKey = `catm.kind.${r.kind}` as "catm.kind.add";
  return (
    <section aria-labelledby="cr-details-h">
      <h3 id="cr-details-h">{t("cr.details")}</h3>
      <dl className="wb-cr-facts">
        <dt>{t("cr.kind")}</dt>
        <dd>{["add", "modify", "split", "abolish"].includes(r.kind) ? t(kindKey) : r.kind}</dd>
        <dt>{t("cr.trigger")}</dt>
        <dd>
          {t("catm.triggerN", { n: r.triggerSituation })} · {r.triggerDate}
        </dd>
        <dt>{t("cr.touches")}</dt>
        <dd>{r.touchesFunctions ? t("cr.yes") : t("cr.no")}</dd>
        <dt>{t("cr.opinions")}</dt>
        <dd>
          {opinions.length === 0 ? (
            t("catm.none")
          ) : (
            <ul>
              {opinions.map((o, i) => (
                <li key={i}>
                  {o.agency}：{o.opinion}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("cr.basisDocs")}</dt>
        <dd>
          {docs.length === 0 ? (
            t("catm.none")
          ) : (
            <ul>
              {docs.map((d, i) => (
                <li key={i}>
                  {d.title}
                  {d.number ? `（${d.number}）` : ""}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <p>
        <Link to={`/workbench/catalog/entries/${r.entryId}`}>{t("cr.viewEntry")}</Link>
      </p>
      <ErrorText message={error} />
      {r.status === "submitted" && perms.has("catalog.review") && (
        <>
          <form
            className="wb-card"
            aria-labelledby="cr-signoff-h"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              post("signoffs", { isApproved: approve, ...(comment.trim() ? { comment } : {}) });
            }}
          >
            <h4 id="cr-signoff-h">{t("cr.signoff")}</h4>
            <fieldset className="wb-fieldset wb-inline">
              <legend>{t("cr.signoffDecision")}</legend>
              <span className="wb-check">
                <input
                  id="so-yes"
                  type="radio"
                  name="so"
                  checked={approve}
                  onChange={() => setApprove(true)}
                />
                <label htmlFor="so-yes">{t("cr.signoffApprove")}</label>
              </span>
              <span className="wb-check">
                <input
                  id="so-no"
                  type="radio"
                  name="so"
                  checked={!approve}
                  onChange={() => setApprove(false)}
                />
                <label htmlFor="so-no">{t("cr.signoffReject")}</label>
              </span>
            </fieldset>
            <label>
              {t("cr.signoffComment")}{" "}
              <textarea value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
            </label>{" "}
            <button type="submit">{t("cr.signoffSubmit")}</button>
          </form>
          {r.extendedReviewDue === null && (
            <form
              className="wb-card"
              aria-labelledby="cr-extend-h"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                post("extension", { reason });
              }}
            >
              <h4 id="cr-extend-h">{t("cr.extend")}</h4>
              <label>
                {t("cr.extendReason")}{" "}
                <textarea
                  value={reason}
                  required
                  minLength={2}
                  maxLength={2000}
                  onChange={(e) => setReason(e.target.value)}
                />
              </label>{" "}
              <button type="submit">{t("cr.extendSubmit")}</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

import type { ReactNode } from "react";
import { usePage, useT } from "../../components/page-context.js";
import type { WebMessageKey } from "../../i18n/messages.js";
import { contentLang } from "./GuideElements.js";

/** What the public verification of a signed document shows (the credentials service's result). */
export interface DocumentVerification {
  isValid: boolean;
  title: string;
  caseNumber: string;
  itemName: string;
  agencyName: string;
  signedAt: string;
  seal: { sealCode: string };
  algorithm: string;
  contentSm3: string;
}

/** What the public verification of an e-license shows (holder masked). */
export interface LicenseVerification {
  identifier: string;
  status: "valid" | "revoked" | "expired";
  typeName: string;
  licenseNumber: string;
  issuer: { name: string };
  validFrom: string;
  validTo: string | null;
  holder: { name: string; code: string };
  signature: { isValid: boolean };
  revocationReason: string | null;
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <div className="table-wrap">
      <table className="elements">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Verdict({ isOk, children }: { isOk: boolean; children: ReactNode }) {
  return (
    <p className={isOk ? "ok verdict" : "error verdict"} role="status" data-testid="verdict">
      <strong>{children}</strong>
    </p>
  );
}

/**
 * /verify/documents/:id — the target of the QR code on every sealed notice and decision: whether
 * the seal and the content hold, and what the document is. Server-rendered, no script.
 */
export function DocumentVerifyPage({ v }: { v: DocumentVerification }) {
  const t = useT();
  const zh = contentLang(usePage().locale);
  const cn = (s: string) => <span lang={zh}>{s}</span>;
  return (
    <article className="verify">
      <h1>{t("verify.docTitle")}</h1>
      <Verdict isOk={v.isValid}>{v.isValid ? t("verify.docValid") : t("verify.docInvalid")}</Verdict>
      <Facts
        rows={[
          [t("verify.doc"), cn(v.title)],
          [t("verify.caseNumber"), v.caseNumber],
          [t("verify.item"), cn(v.itemName)],
          [t("verify.signer"), cn(v.agencyName)],
          [t("verify.signedAt"), <time dateTime={v.signedAt}>{v.signedAt}</time>],
          [t("verify.seal"), v.seal.sealCode],
          [t("verify.algorithm"), v.algorithm],
          [t("verify.contentSm3"), <code className="digest">{v.contentSm3}</code>],
        ]}
      />
      <p className="meta">{t("verify.note")}</p>
    </article>
  );
}

/** /verify/licenses/:identifier — the target of an e-license's QR code (holder masked). No script. */
export function LicenseVerifyPage({ v }: { v: LicenseVerification }) {
  const t = useT();
  const zh = contentLang(usePage().locale);
  const cn = (s: string) => <span lang={zh}>{s}</span>;
  const isOk = v.status === "valid" && v.signature.isValid;
  return (
    <article className="verify">
      <h1>{t("verify.licTitle", { type: v.typeName })}</h1>
      <Verdict isOk={isOk}>
        {t("verify.licVerdict", {
          status: t(`verify.status.${v.status}` as WebMessageKey),
          signature: v.signature.isValid ? t("verify.sigValid") : t("verify.sigInvalid"),
        })}
      </Verdict>
      <Facts
        rows={[
          [t("verify.identifier"), <code className="digest">{v.identifier}</code>],
          [t("verify.number"), v.licenseNumber],
          [t("verify.holder"), cn(`${v.holder.name}（${v.holder.code}）`)],
          [t("verify.issuer"), cn(v.issuer.name)],
          [
            t("verify.period"),
            t("verify.periodValue", { from: v.validFrom, to: v.validTo ?? t("wallet.noExpiry") }),
          ],
          ...(v.revocationReason === null
            ? []
            : ([[t("verify.revocation"), cn(v.revocationReason)]] as [string, ReactNode][])),
        ]}
      />
      <p className="meta">{t("verify.note")}</p>
    </article>
  );
}

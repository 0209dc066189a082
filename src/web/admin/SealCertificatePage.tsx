import { api } from "../api/client.js";
import { Link } from "../components/router.js";
import { ErrorText, useLoad, useWt } from "../workbench/common.js";

interface Certificate {
  sealId: number;
  serial: string;
  subject: { name: string; agencyId: number; agencyName: string; agencyCreditCode: string };
  issuer: { rootKeyId: number; rootPublicKey: string | null; rootFingerprint: string | null };
  status: string;
  validFrom: string;
  validTo: string;
  retiredAt: string | null;
  publicKey: string;
  publicKeyFingerprint: string;
  signatureAlgorithm: string;
  rootSignature: string;
  isCertified: boolean;
}

/** A seal's certificate as the platform root key certified it (GB/T 38540 SES_Seal in spirit). */
export function SealCertificatePage({ id }: { id: string }) {
  const t = useWt();
  const cert = useLoad(
    () => api<Certificate>("GET", `/api/v1/seals/${encodeURIComponent(id)}/certificate`),
    [id],
  );
  const c = cert.data;
  return (
    <section aria-labelledby="cert-h">
      <h2 id="cert-h">{t("admx.certificate")}</h2>
      <ErrorText message={cert.error} />
      {c !== undefined && (
        <>
          <p>
            <Link to={`/admin/agencies/${c.subject.agencyId}/seals`}>{t("adm.seals")}</Link>
          </p>
          <p className={c.isCertified ? "wb-ok" : "wb-error"} data-testid="certified" role="status">
            {c.isCertified ? t("admx.certified") : t("admx.notCertified")}
          </p>
          <img src={`/api/v1/seals/${c.sealId}/picture.svg`} alt={c.subject.name} width={96} height={96} />
          <dl className="wb-facts" data-testid="certificate">
            <dt>{t("admx.subject")}</dt>
            <dd>
              {c.subject.name}（{c.subject.agencyName}，{c.subject.agencyCreditCode}）
            </dd>
            <dt>{t("admx.serial")}</dt>
            <dd>{c.serial}</dd>
            <dt>{t("adm.sealStatus")}</dt>
            <dd>{c.status === "active" ? t("admx.active") : t("admx.retired")}</dd>
            <dt>{t("adm.validity")}</dt>
            <dd>
              {c.validFrom.slice(0, 10)} – {c.validTo.slice(0, 10)}
              {c.retiredAt !== null && ` (${t("admx.retiredOn", { date: c.retiredAt.slice(0, 10) })})`}
            </dd>
            <dt>{t("admx.fingerprint")}</dt>
            <dd>
              <code>{c.publicKeyFingerprint}</code>
            </dd>
            <dt>{t("admx.publicKey")}</dt>
            <dd>
              <code className="wb-break">{c.publicKey}</code>
            </dd>
            <dt>{t("admx.issuer")}</dt>
            <dd>
              {t("admx.rootKey", { id: c.issuer.rootKeyId })} <code>{c.issuer.rootFingerprint ?? "—"}</code>
            </dd>
            <dt>{t("admx.algorithm")}</dt>
            <dd>SM2-with-SM3 ({c.signatureAlgorithm})</dd>
            <dt>{t("admx.rootSignature")}</dt>
            <dd>
              <code className="wb-break">{c.rootSignature}</code>
            </dd>
          </dl>
        </>
      )}
    </section>
  );
}

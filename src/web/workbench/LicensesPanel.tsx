import { api } from "../api/client.js";
import { useLoad, useWt } from "./common.js";

interface Verification {
  identifier: string;
  status: "valid" | "expired" | "revoked";
  typeName: string;
  licenseNumber: string;
  issuer: { name: string };
  validTo: string | null;
  signature: { isValid: boolean };
}
interface Attached {
  materialKey: string;
  name: string;
  verification: Verification | null;
}

/**
 * 免证办 on the back-office case page: every material the applicant supplied as an e-license,
 * verified now by the credentials module (signature by the issuer's seal, status, validity):
 * shown 核验通过 only when the signature holds and the license is valid today.
 */
export function LicensesPanel({ caseId, version }: { caseId: string; version: number }) {
  const t = useWt();
  const { data } = useLoad(
    () =>
      api<{ items: Attached[] }>("GET", `/api/v1/cases/${encodeURIComponent(caseId)}/licenses`).catch(() => ({
        items: [] as Attached[],
      })),
    [caseId, version],
  );
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="licenses-h" data-testid="licenses-panel">
      <h3 id="licenses-h">{t("lic.title")}</h3>
      <ul>
        {items.map((l) => {
          const v = l.verification;
          const ok = v !== null && v.signature.isValid && v.status === "valid";
          return (
            <li key={l.materialKey} data-verified={ok ? "1" : "0"}>
              <span className={`wb-badge ${ok ? "" : "wb-red"}`}>
                {v === null ? t("lic.unknown") : ok ? t("lic.verified") : t("lic.failed")}
              </span>{" "}
              {l.name}
              {v !== null && (
                <>
                  {" "}
                  · {v.typeName} {v.licenseNumber} · {t("lic.issuer")} {v.issuer.name} · {t("lic.validTo")}{" "}
                  {v.validTo ?? "—"} · {t(`lic.status.${v.status}`)}
                  <br />
                  <a href={`/verify/licenses/${encodeURIComponent(v.identifier)}`}>{v.identifier}</a>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

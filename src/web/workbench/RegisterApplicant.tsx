import { useState, type FormEvent } from "react";
import { api } from "../api/client.js";
import { ErrorText, messageOf, useWt } from "./common.js";

export interface ApplicantProfile {
  id: string;
  kind: string;
  displayName: string;
  idNumber: string | null;
  creditCode: string | null;
}

/**
 * 当场注册: when the lookup finds nobody, the clerk checks the original document and opens the
 * account here (no password: the applicant claims it later by registering with the same number
 * and this phone). The number comes from the lookup and is checked again by the server.
 */
export function RegisterApplicant({
  kind,
  number,
  onRegistered,
}: {
  kind: "idNumber" | "creditCode";
  number: string;
  onRegistered: (p: ApplicantProfile) => void;
}) {
  const t = useWt();
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body =
      kind === "idNumber"
        ? { kind: "person", idNumber: number.trim(), name: name.trim(), phone: phone.trim() }
        : { kind: "enterprise", creditCode: number.trim(), name: name.trim(), phone: phone.trim() };
    api<ApplicantProfile>("POST", "/api/v1/applicants", body)
      .then(onRegistered, (err: unknown) => setError(messageOf(err)))
      .finally(() => setBusy(false));
  }

  return (
    <form onSubmit={submit} aria-labelledby="reg-h" className="wb-card">
      <h3 id="reg-h">{t("reg.title")}</h3>
      <p className="wb-hint">{t("reg.hint")}</p>
      <ErrorText message={error} />
      <p>
        {kind === "idNumber" ? t("intake.idNumber") : t("intake.creditCode")}: <strong>{number}</strong>
      </p>
      <label>
        {t("reg.name")}{" "}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
      </label>{" "}
      <label>
        {t("reg.phone")}{" "}
        <input
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          required
          inputMode="numeric"
          pattern="1[0-9]{10}"
          maxLength={11}
        />
      </label>{" "}
      <button type="submit" disabled={busy}>
        {t("reg.submit")}
      </button>
    </form>
  );
}

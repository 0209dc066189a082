import { useState, type FormEvent } from "react";
import { isCreditCode } from "../../../shared/codes/credit-code.js";
import { idNumberProblem, normalizeIdNumber } from "../../../shared/codes/id-number.js";
import { ApiError, register } from "../../api/client.js";
import { field } from "../../components/form.js";
import { useHydrated } from "../../components/hydrated.js";
import { useT } from "../../components/page-context.js";
import type { WebMessageKey } from "../../i18n/messages.js";

type Kind = "person" | "enterprise";

/** Checks the ID number / credit code in the browser with the same rules as the server (src/shared/codes). */
export function codeProblem(kind: Kind, code: string): WebMessageKey | null {
  if (code.trim() === "") return "form.required";
  if (kind === "enterprise") return isCreditCode(code.trim()) ? null : "register.credit.invalid";
  const p = idNumberProblem(normalizeIdNumber(code.trim()));
  return p === undefined ? null : `register.id.${p}`;
}

/** Registration island: person by ID number or enterprise by credit code, checked as you type. */
export function RegisterForm() {
  const t = useT();
  const [kind, setKind] = useState<Kind>("person");
  const [code, setCode] = useState("");
  const [touched, setTouched] = useState(false);
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const problem = touched ? codeProblem(kind, code) : null;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setTouched(true);
    if (codeProblem(kind, code) !== null) return;
    const data = new FormData(e.currentTarget);
    const common = {
      name: field(data, "name"),
      phone: field(data, "phone"),
      password: field(data, "password"),
    };
    setBusy(true);
    setError(null);
    try {
      await register(
        kind === "person"
          ? { kind, idNumber: normalizeIdNumber(code.trim()), ...common }
          : { kind, creditCode: code.trim(), ...common },
      );
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <p role="status" className="ok">
        {t("register.done")} <a href="/login">{t("nav.login")}</a>
      </p>
    );
  return (
    <form onSubmit={(e) => void submit(e)} className="form" noValidate>
      <noscript>
        <p className="warn">{t("js.required")}</p>
      </noscript>
      <fieldset>
        <legend>{t("register.kind")}</legend>
        {(["person", "enterprise"] as const).map((k) => (
          <label key={k} className="choice">
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setTouched(false);
              }}
            />{" "}
            {t(k === "person" ? "register.person" : "register.enterprise")}
          </label>
        ))}
      </fieldset>
      <p className="field">
        <label htmlFor="code">{t(kind === "person" ? "register.idNumber" : "register.creditCode")}</label>
        <input
          id="code"
          name="code"
          value={code}
          required
          maxLength={18}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? "code-problem" : undefined}
          onChange={(e) => setCode(e.target.value)}
          onBlur={() => setTouched(true)}
        />
        {problem !== null && (
          <span id="code-problem" className="error">
            {t(problem)}
          </span>
        )}
      </p>
      <p className="field">
        <label htmlFor="name">{t(kind === "person" ? "register.name" : "register.entName")}</label>
        <input id="name" name="name" required maxLength={100} autoComplete="name" />
      </p>
      <p className="field">
        <label htmlFor="phone">{t("register.phone")}</label>
        <input id="phone" name="phone" type="tel" required maxLength={11} autoComplete="tel" />
      </p>
      <p className="field">
        <label htmlFor="new-password">{t("register.password")}</label>
        <input id="new-password" name="password" type="password" required autoComplete="new-password" />
      </p>
      {error !== null && (
        <p role="alert" className="error">
          {t("form.error", { message: error })}
        </p>
      )}
      <button type="submit" disabled={busy || !hydrated}>
        {t("register.submit")}
      </button>
    </form>
  );
}

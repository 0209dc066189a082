import { useState, type FormEvent } from "react";
import { ApiError, currentUser } from "../../api/client.js";
import { field } from "../../components/form.js";
import { useHydrated } from "../../components/hydrated.js";
import { useT } from "../../components/page-context.js";
import type { WebMessageKey } from "../../i18n/messages.js";
import { fileComplaint } from "../lib/cases-api.js";

const CATEGORIES = [
  "service_attitude",
  "efficiency",
  "unable_to_handle",
  "guide_error",
  "integrity",
  "other",
] as const;

/** 投诉 (SPEC §11) from the portal: signed in or anonymous, optionally about a case or a guide. */
export function ComplaintForm({ caseId, guideCode }: { caseId: string | null; guideCode: string | null }) {
  const t = useT();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [number, setNumber] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await currentUser().catch(() => null); // picks up the CSRF token of a signed-in session
      const phone = field(data, "phone").trim();
      const r = await fileComplaint({
        category: field(data, "category") as (typeof CATEGORIES)[number],
        content: field(data, "content"),
        ...(caseId !== null ? { relatedCaseId: caseId } : {}),
        ...(guideCode !== null ? { relatedGuideCode: guideCode } : {}),
        ...(phone !== "" ? { contactPhone: phone } : {}),
      });
      setNumber(r.number);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  if (number !== null)
    return (
      <p role="status" className="ok" data-testid="complaint-number">
        {t("complaint.done", { number })}
      </p>
    );
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <noscript>
        <p className="warn">{t("js.required")}</p>
      </noscript>
      {caseId !== null && <p className="meta">{t("complaint.relatedCase", { id: caseId })}</p>}
      <p className="field">
        <label htmlFor="category">{t("complaint.category")}</label>
        <select id="category" name="category" defaultValue={caseId !== null ? "efficiency" : "other"}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`complaint.cat.${c}` as WebMessageKey)}
            </option>
          ))}
        </select>
      </p>
      <p className="field">
        <label htmlFor="content">{t("complaint.content")}</label>
        <textarea id="content" name="content" required minLength={5} maxLength={4000} />
      </p>
      <p className="field">
        <label htmlFor="phone">{t("complaint.phone")}</label>
        <input id="phone" name="phone" type="tel" inputMode="tel" autoComplete="tel" maxLength={11} />
      </p>
      {error !== null && (
        <p role="alert" className="error">
          {t("form.error", { message: error })}
        </p>
      )}
      <button type="submit" disabled={busy || !hydrated}>
        {t("complaint.submit")}
      </button>
    </form>
  );
}

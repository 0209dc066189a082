import { useState, type FormEvent } from "react";
import { ApiError, login } from "../../api/client.js";
import { field } from "../../components/form.js";
import { useHydrated } from "../../components/hydrated.js";
import { useT } from "../../components/page-context.js";

/**
 * Sign-in island (the pattern for every interactive part): rendered by the server as a plain form,
 * hydrated by the portal entry, talks to the JSON API through src/web/api. `next` is a same-site
 * path to go to afterwards.
 */
export function LoginForm({ next }: { next: string }) {
  const t = useT();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [welcome, setWelcome] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const r = await login({
        identifier: field(data, "identifier"),
        password: field(data, "password"),
      });
      setWelcome(r.user.displayName);
      if (next !== "") window.location.assign(next);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  if (welcome !== null)
    return (
      <p role="status" className="ok">
        {t("login.welcome", { name: welcome })}
      </p>
    );
  return (
    <form onSubmit={(e) => void submit(e)} className="form" noValidate>
      <noscript>
        <p className="warn">{t("js.required")}</p>
      </noscript>
      <p className="field">
        <label htmlFor="identifier">{t("login.identifier")}</label>
        <input id="identifier" name="identifier" autoComplete="username" required maxLength={64} />
      </p>
      <p className="field">
        <label htmlFor="password">{t("login.password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </p>
      {error !== null && (
        <p role="alert" className="error">
          {t("form.error", { message: error })}
        </p>
      )}
      <button type="submit" disabled={busy || !hydrated}>
        {busy ? t("login.busy") : t("login.submit")}
      </button>
    </form>
  );
}

import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client.js";
import { usePage } from "../components/page-context.js";
import { wbTranslator, type WbTranslate } from "../i18n/workbench-messages.js";

export function useWt(): WbTranslate {
  return wbTranslator(usePage().locale);
}

/** Loads once per `deps` change; `reload` refetches. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) => live && setState({ error: messageOf(e), loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { ...state, reload };
}

export function messageOf(e: unknown): string {
  if (e instanceof ApiError)
    return [e.message, ...(e.details ?? []).map((d) => `${d.path}: ${d.message}`)].join("；");
  return e instanceof Error ? e.message : String(e);
}

export function ErrorText({ message }: { message: string | undefined }) {
  const t = useWt();
  if (message === undefined) return null;
  return (
    <p role="alert" className="wb-error">
      {t("wb.error", { message })}
    </p>
  );
}

export function WarningBadge({ level }: { level: string }) {
  const t = useWt();
  const key = level === "red" ? "warning.red" : level === "yellow" ? "warning.yellow" : "warning.normal";
  return <span className={`wb-badge wb-${level}`}>{t(key)}</span>;
}

export function statusName(t: WbTranslate, status: string): string {
  const key = `status.${status}` as Parameters<WbTranslate>[0];
  try {
    return t(key);
  } catch {
    return status;
  }
}

/** A file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve((typeof r.result === "string" ? r.result : "").replace(/^data:[^,]*,/, ""));
    r.onerror = () => reject(r.error ?? new Error("read failed"));
    r.readAsDataURL(file);
  });
}

import type { z } from "zod";
import type { loginBody, loginResponse, meResponse, registerBody } from "../../shared/contracts/identity.js";

/** The platform's error body: `{ error: { code, message, details?, requestId } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from login or GET /api/v1/me) for cookie-mode writes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * One call to the JSON API with the browser session cookie: writes carry `x-csrf-token`, the
 * locale goes as Accept-Language so error messages come back in it, and errors become ApiError.
 * Types come from the zod contracts in src/shared/contracts (`z.infer`); the contracts are not
 * bundled (type-only imports), so the client stays small.
 */
export async function api<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  locale: string = document.documentElement.lang || "zh-CN",
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "accept-language": locale };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken !== null) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const json: unknown = text === "" ? null : JSON.parse(text);
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: ApiError["details"] } } | null)
      ?.error;
    throw new ApiError(res.status, e?.code ?? "HTTP_" + res.status, e?.message ?? res.statusText, e?.details);
  }
  return json as T;
}

export type Me = z.infer<typeof meResponse>;
export type LoginResult = z.infer<typeof loginResponse>;

/** Signs in with a browser session (HttpOnly cookie) and keeps its CSRF token. */
export async function login(input: Omit<z.input<typeof loginBody>, "mode">): Promise<LoginResult> {
  const r = await api<LoginResult>("POST", "/api/v1/auth/login", { ...input, mode: "cookie" });
  setCsrfToken(r.csrfToken);
  return r;
}

export async function register(input: z.input<typeof registerBody>): Promise<unknown> {
  return api("POST", "/api/v1/auth/register", input);
}

/** The signed-in user (and the CSRF token after a reload), or null when anonymous. */
export async function currentUser(): Promise<Me | null> {
  try {
    const me = await api<Me>("GET", "/api/v1/me");
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function logout(): Promise<void> {
  await api("POST", "/api/v1/auth/logout", {});
  setCsrfToken(null);
}

// ---- portal: applications, cases, ratings, complaints (additive block) ----

/** A JSON write sent with XMLHttpRequest so the upload can report progress (0..1). */
export function apiWithProgress<T>(
  method: "POST" | "PUT",
  path: string,
  body: unknown,
  opts: { headers?: Record<string, string>; onProgress?: (fraction: number) => void } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader("accept", "application/json");
    xhr.setRequestHeader("content-type", "application/json");
    xhr.setRequestHeader("accept-language", document.documentElement.lang || "zh-CN");
    if (csrfToken !== null) xhr.setRequestHeader("x-csrf-token", csrfToken);
    for (const [k, v] of Object.entries(opts.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK", "network"));
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = xhr.responseText === "" ? null : JSON.parse(xhr.responseText);
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const e = (
        json as { error?: { code?: string; message?: string; details?: ApiError["details"] } } | null
      )?.error;
      reject(
        new ApiError(xhr.status, e?.code ?? "HTTP_" + xhr.status, e?.message ?? xhr.statusText, e?.details),
      );
    };
    xhr.send(JSON.stringify(body));
  });
}

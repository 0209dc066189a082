import { createContext, useContext } from "react";
import { translator, type Translate, type WebLocale } from "../i18n/messages.js";

/** What every server-rendered page knows about the request (also passed to hydrated islands). */
export interface PageInfo {
  locale: WebLocale;
  /** 适老化 mode: larger type, high contrast, simpler layout. */
  elder: boolean;
  /** Path and query of this page, for the no-JS preference links to come back to. */
  path: string;
  region: { code: string; name: string };
}

const Ctx = createContext<PageInfo | null>(null);
export const PageProvider = Ctx.Provider;

export function usePage(): PageInfo {
  const v = useContext(Ctx);
  if (v === null) throw new Error("usePage outside PageProvider");
  return v;
}

export function useT(): Translate {
  return translator(usePage().locale);
}

/** A preference link that works without JavaScript: the server sets the cookie and comes back. */
export function prefHref(name: "lang" | "elder" | "region", value: string, back: string): string {
  return `/prefs?${new URLSearchParams({ [name]: value, back }).toString()}`;
}

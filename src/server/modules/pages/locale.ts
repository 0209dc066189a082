import type { FastifyRequest } from "fastify";
import { pickLocale } from "../../../shared/i18n/messages.js";
import { isWebLocale, type WebLocale } from "../../../web/i18n/messages.js";

/** The language preference cookie (set by /prefs; not a secret). */
export const LANG_COOKIE = "tb_lang";

/** The locale of a page request: the preference cookie, else Accept-Language, else Chinese. */
export function requestLocale(request: FastifyRequest): WebLocale {
  const lang = request.cookies[LANG_COOKIE];
  return isWebLocale(lang) ? lang : pickLocale(request.headers["accept-language"]);
}

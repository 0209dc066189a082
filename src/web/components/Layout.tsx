import type { ReactNode } from "react";
import { LOCALE_NAMES, WEB_LOCALES } from "../i18n/messages.js";
import { prefHref, usePage, useT } from "./page-context.js";

/** The one shell of every page: skip link, header (language, 适老化, region), main, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const page = usePage();
  const t = useT();
  return (
    <>
      <a className="skip" href="#main">
        {t("site.skip")}
      </a>
      <header className="site-header">
        <div className="bar">
          <a className="brand" href="/">
            {t("site.name")}
          </a>
          <nav aria-label={t("nav.language")} className="langs">
            <ul>
              {WEB_LOCALES.map((l) => (
                <li key={l}>
                  <a
                    href={prefHref("lang", l, page.path)}
                    lang={l}
                    hrefLang={l}
                    aria-current={l === page.locale ? "true" : undefined}
                  >
                    {LOCALE_NAMES[l]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <a
            className="elder-toggle"
            id="elder-toggle"
            href={prefHref("elder", page.elder ? "0" : "1", page.path)}
            aria-pressed={page.elder}
            role="button"
            title={page.elder ? t("elder.turnOff") : t("elder.turnOn")}
          >
            {page.elder ? t("elder.on") : t("elder.off")}
          </a>
        </div>
        <nav aria-label={t("nav.site")} className="bar sub">
          <a href="/">{t("nav.home")}</a>
          <a href="/region">
            {t("nav.region")}: {page.region.name}
          </a>
          <a href="/me">{t("nav.me")}</a>
          <a href="/login">{t("nav.login")}</a>
          <a href="/register">{t("nav.register")}</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("footer.note")}</p>
      </footer>
    </>
  );
}

import type { ReactNode } from "react";
import { dirOf } from "../i18n/messages.js";
import type { PageInfo } from "./page-context.js";

/** The HTML document around a page; `scripts` and `styles` are hashed asset URLs from the manifest. */
export function Document({
  page,
  title,
  styles,
  scripts,
  children,
}: {
  page: PageInfo;
  title: string;
  styles: string[];
  scripts: string[];
  children: ReactNode;
}) {
  return (
    <html lang={page.locale} dir={dirOf(page.locale)} className={page.elder ? "elder" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {styles.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {scripts.map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </head>
      <body>{children}</body>
    </html>
  );
}

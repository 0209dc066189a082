import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { Document } from "../../../web/components/Document.js";
import { Layout } from "../../../web/components/Layout.js";
import { PageProvider, type PageInfo } from "../../../web/components/page-context.js";

/**
 * Renders one page of the web client to a complete HTML document with react-dom/server: the same
 * components the browser hydrates (islands) or renders (staff apps).
 */
export function renderPage(opts: {
  page: PageInfo;
  title: string;
  styles: string[];
  scripts: string[];
  body: ReactNode;
}): string {
  return (
    "<!doctype html>" +
    renderToString(
      <PageProvider value={opts.page}>
        <Document page={opts.page} title={opts.title} styles={opts.styles} scripts={opts.scripts}>
          <Layout>{opts.body}</Layout>
        </Document>
      </PageProvider>,
    )
  );
}

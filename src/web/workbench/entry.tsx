import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { PageProvider, type PageInfo } from "../components/page-context.js";
import { WorkbenchApp } from "./App.js";

/** The workbench entry: a separate chunk from the portal; renders the client-routed app. */
const el = document.getElementById("app");
if (el !== null) {
  const { page } = JSON.parse(el.dataset.props ?? "{}") as { page: PageInfo };
  createRoot(el).render(
    <StrictMode>
      <PageProvider value={page}>
        <WorkbenchApp serverPath={window.location.pathname} />
      </PageProvider>
    </StrictMode>,
  );
}

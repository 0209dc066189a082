import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { PageProvider, type PageInfo } from "../components/page-context.js";
import { AdminApp } from "./App.js";

/** The admin entry: its own chunk; renders the client-routed administration app. */
const el = document.getElementById("app");
if (el !== null) {
  const { page } = JSON.parse(el.dataset.props ?? "{}") as { page: PageInfo };
  createRoot(el).render(
    <StrictMode>
      <PageProvider value={page}>
        <AdminApp serverPath={window.location.pathname} />
      </PageProvider>
    </StrictMode>,
  );
}

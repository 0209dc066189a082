import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { PageProvider, useT, type PageInfo } from "../components/page-context.js";

function AdminApp() {
  const t = useT();
  return <p>{t("admin.title")}</p>;
}

/** The admin entry: its own chunk (admin pages are not built yet). */
const el = document.getElementById("app");
if (el !== null) {
  const { page } = JSON.parse(el.dataset.props ?? "{}") as { page: PageInfo };
  createRoot(el).render(
    <StrictMode>
      <PageProvider value={page}>
        <AdminApp />
      </PageProvider>
    </StrictMode>,
  );
}

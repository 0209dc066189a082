import { lazy, Suspense, useEffect, useState, type ReactElement } from "react";
import { currentUser, type Me } from "../api/client.js";
import { Link, matchRoute, usePath } from "../components/router.js";
import { CasePage } from "./CasePage.js";
import { CatalogPage, ChangeRequestPage } from "./CatalogPage.js";
import { CasesPage } from "./CasesPage.js";
import { useWt } from "./common.js";
import { IntakePage } from "./IntakePage.js";
import { Notifications } from "./Notifications.js";
import { mayOpen, permissionsOf } from "./roles.js";
// --- window (issue 9): the hall's cases, a bundle application at the window
import { BundleApplicationPage } from "./BundleApplicationPage.js";
import { HallPage } from "./HallPage.js";
// --- end window

/** ECharts is heavy: the supervision board is its own chunk, loaded only when opened. */
const SupervisionPage = lazy(() =>
  import("./SupervisionPage.js").then((m) => ({ default: m.SupervisionPage })),
);

// --- catalog management screens (catalog): one lazy chunk with the content schemas and rules ---
const catalogScreens = () => import("./catalog/index.js");
const CatalogEntriesPage = lazy(() => catalogScreens().then((m) => ({ default: m.EntriesPage })));
const CatalogEntryPage = lazy(() => catalogScreens().then((m) => ({ default: m.EntryPage })));
const CatalogEditorPage = lazy(() => catalogScreens().then((m) => ({ default: m.EditorPage })));
const CatalogOwedPage = lazy(() => catalogScreens().then((m) => ({ default: m.OwedPage })));
const CatalogExcelPage = lazy(() => catalogScreens().then((m) => ({ default: m.ExcelPage })));
const CatalogNewEntryPage = lazy(() => catalogScreens().then((m) => ({ default: m.NewEntryPage })));
// --- end catalog management screens ---

/** The staff workbench (a client-routed app under /workbench): each post sees only its pages. */
export function WorkbenchApp({ serverPath }: { serverPath: string }) {
  const t = useWt();
  const path = usePath(serverPath);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    currentUser().then(setMe, () => setMe(null));
  }, []);
  if (me === undefined) return <p aria-busy="true">{t("wb.loading")}</p>;
  if (me === null)
    return (
      <p>
        {t("workbench.needLogin")} <a href={`/login?next=${encodeURIComponent(path)}`}>{t("nav.login")}</a>
      </p>
    );
  if (me.kind !== "staff")
    return (
      <p role="alert" className="wb-denied">
        {t("wb.notStaff")}
      </p>
    );
  const perms = permissionsOf(me.grants);
  // --- catalog management screens (catalog) ---
  const catalogScreen = (page: ReactElement) => (
    <Suspense fallback={<p aria-busy="true">{t("wb.loading")}</p>}>{page}</Suspense>
  );
  // --- end catalog management screens ---
  const links: [string, Parameters<typeof t>[0]][] = [["/workbench", "wb.nav.home"]];
  if (mayOpen(perms, "/workbench/intake")) links.push(["/workbench/intake", "wb.nav.intake"]);
  if (mayOpen(perms, "/workbench/cases")) links.push(["/workbench/cases", "wb.nav.cases"]);
  if (perms.has("case.intake")) links.push(["/workbench/hall", "wb.nav.hall"]); // window (issue 9)
  if (mayOpen(perms, "/workbench/catalog")) links.push(["/workbench/catalog", "wb.nav.catalog"]);
  if (mayOpen(perms, "/workbench/supervision")) links.push(["/workbench/supervision", "wb.nav.supervision"]);
  // --- catalog management screens (catalog) ---
  if (mayOpen(perms, "/workbench/catalog/entries"))
    links.push(["/workbench/catalog/entries", "wb.nav.catalogEntries"]);
  if (mayOpen(perms, "/workbench/catalog/owed"))
    links.push(["/workbench/catalog/owed", "wb.nav.catalogOwed"]);
  // --- end catalog management screens ---
  const page = !mayOpen(perms, path) ? (
    <p role="alert" className="wb-denied">
      {t("wb.denied")}
    </p>
  ) : (
    matchRoute(path, [
      [
        "/workbench",
        () => (
          <>
            <section aria-labelledby="grants">
              <h2 id="grants">{t("workbench.grants")}</h2>
              <ul>
                {me.grants.map((g) => (
                  <li key={`${g.role}-${g.agencyId}`}>
                    {g.roleName} · {g.agencyName}
                  </li>
                ))}
              </ul>
            </section>
            <Notifications />
          </>
        ),
      ],
      ["/workbench/intake", () => <IntakePage />],
      ["/workbench/cases", () => <CasesPage />],
      ["/workbench/cases/:id", (p) => <CasePage id={p.id ?? ""} perms={perms} />],
      // --- window (issue 9)
      ["/workbench/hall", () => <HallPage />],
      ["/workbench/bundles/:id", (p) => <BundleApplicationPage id={p.id ?? ""} perms={perms} />],
      // --- end window
      ["/workbench/catalog", () => <CatalogPage perms={perms} />],
      ["/workbench/catalog/requests/:id", (p) => <ChangeRequestPage id={p.id ?? ""} perms={perms} />],
      // --- catalog management screens (catalog) ---
      ["/workbench/catalog/entries", () => catalogScreen(<CatalogEntriesPage perms={perms} />)],
      [
        "/workbench/catalog/entries/:id",
        (p) => catalogScreen(<CatalogEntryPage id={p.id ?? ""} perms={perms} />),
      ],
      [
        "/workbench/catalog/versions/:id",
        (p) => catalogScreen(<CatalogEditorPage id={p.id ?? ""} perms={perms} />),
      ],
      ["/workbench/catalog/owed", () => catalogScreen(<CatalogOwedPage perms={perms} />)],
      ["/workbench/catalog/excel", () => catalogScreen(<CatalogExcelPage perms={perms} />)],
      ["/workbench/catalog/new", () => catalogScreen(<CatalogNewEntryPage perms={perms} />)],
      // --- end catalog management screens ---
      [
        "/workbench/supervision",
        () => (
          <Suspense fallback={<p aria-busy="true">{t("wb.loading")}</p>}>
            <SupervisionPage grants={me.grants} />
          </Suspense>
        ),
      ],
    ])
  );
  return (
    <div className="wb">
      <p>{t("workbench.signedInAs", { name: me.displayName })}</p>
      <nav aria-label={t("wb.nav")} className="wb-nav">
        <ul>
          {links.map(([to, key]) => (
            <li key={to}>
              <Link to={to}>{t(key)}</Link>
            </li>
          ))}
          {perms.has("admin.manage") && (
            <li>
              <a href="/admin">{t("wb.nav.admin")}</a>
            </li>
          )}
        </ul>
      </nav>
      {page ?? <p>{t("notFound.title")}</p>}
    </div>
  );
}

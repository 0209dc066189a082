import { useEffect, useState } from "react";
import { currentUser, type Me } from "../api/client.js";
import { useT } from "../components/page-context.js";
import { Link, matchRoute, usePath } from "../components/router.js";

/** The staff workbench (a client-routed app under /workbench). Its pages come in the next step. */
export function WorkbenchApp({ serverPath }: { serverPath: string }) {
  const t = useT();
  const path = usePath(serverPath);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    currentUser().then(setMe, () => setMe(null));
  }, []);
  if (me === undefined) return <p aria-busy="true">…</p>;
  if (me === null || me.kind !== "staff")
    return (
      <p>
        {t("workbench.needLogin")} <a href={`/login?next=${encodeURIComponent(path)}`}>{t("nav.login")}</a>
      </p>
    );
  const page = matchRoute(path, [
    [
      "/workbench",
      () => (
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
      ),
    ],
  ]);
  return (
    <>
      <p>{t("workbench.signedInAs", { name: me.displayName })}</p>
      <nav aria-label={t("workbench.title")}>
        <Link to="/workbench">{t("workbench.title")}</Link>
      </nav>
      {page ?? <p>{t("notFound.title")}</p>}
    </>
  );
}

import { useEffect, useState } from "react";
import { currentUser, type Me } from "../../api/client.js";
import { useT } from "../../components/page-context.js";
import { BundleApplicationView, CaseDetailView, CaseListView, WalletView } from "./MyCases.js";

/**
 * The signed-in applicant's area (/me/…): the server cannot know the user of a cached page, so this
 * island asks GET /api/v1/me and shows a sign-in link when anonymous. The portal's 我的办件 pages
 * build on it.
 */
export function MyAccount({ section }: { section: string }) {
  const t = useT();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    currentUser().then(setMe, () => setMe(null));
  }, []);
  if (me === undefined) return <p aria-busy="true">{t("js.required")}</p>;
  if (me === null)
    return (
      <p>
        <a href={`/login?next=${encodeURIComponent(`/me${section === "" ? "" : `/${section}`}`)}`}>
          {t("nav.login")}
        </a>
      </p>
    );
  const bundleId = /^bundles\/([0-9a-f-]{36})$/.exec(section)?.[1];
  const caseId = /^cases\/([0-9a-f-]{36})$/.exec(section)?.[1];
  return (
    <>
      <p data-testid="me-name">{t("workbench.signedInAs", { name: me.displayName })}</p>
      <nav aria-label={t("nav.me")} className="me-nav">
        <a href="/me/cases" aria-current={section !== "licenses" ? "page" : undefined}>
          {t("cases.title")}
        </a>{" "}
        <a href="/me/licenses" aria-current={section === "licenses" ? "page" : undefined}>
          {t("wallet.title")}
        </a>
      </nav>
      {section === "licenses" ? (
        <WalletView />
      ) : bundleId !== undefined ? (
        <BundleApplicationView id={bundleId} />
      ) : caseId !== undefined ? (
        <>
          <p>
            <a href="/me/cases">← {t("cases.title")}</a>
          </p>
          <CaseDetailView id={caseId} />
        </>
      ) : (
        <CaseListView />
      )}
    </>
  );
}

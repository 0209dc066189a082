import { Island } from "../../components/Island.js";
import { usePage, useT } from "../../components/page-context.js";
import { ApplyForm, type ApplyGuide } from "../islands/ApplyForm.js";
import { ComplaintForm } from "../islands/ComplaintForm.js";

/** /apply/:code — the application island for one published guide. */
export function ApplyPage({ guide }: { guide: ApplyGuide }) {
  const t = useT();
  const page = usePage();
  return (
    <>
      <h1>{t("apply.title", { name: guide.name })}</h1>
      <p>
        <a href={guide.kind === "bundle" ? `/bundles/${guide.code}` : `/guides/${guide.code}`}>
          {t("guide.title")}
        </a>
      </p>
      <Island name="apply" props={{ page, guide }}>
        <ApplyForm guide={guide} />
      </Island>
    </>
  );
}

/** /complaints/new — a complaint from the portal (signed in or anonymous). */
export function ComplaintPage({ caseId, guideCode }: { caseId: string | null; guideCode: string | null }) {
  const t = useT();
  const page = usePage();
  return (
    <>
      <h1>{t("complaint.title")}</h1>
      <Island name="complaint" props={{ page, caseId, guideCode }}>
        <ComplaintForm caseId={caseId} guideCode={guideCode} />
      </Island>
    </>
  );
}

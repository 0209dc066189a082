import { useT } from "../../components/page-context.js";

export function NotFoundPage({ message }: { message?: string }) {
  const t = useT();
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      {message && <p>{message}</p>}
      <p>
        <a href="/">{t("notFound.back")}</a>
      </p>
    </>
  );
}

import { Island } from "../../components/Island.js";
import { usePage, useT } from "../../components/page-context.js";
import { LoginForm } from "../islands/LoginForm.js";
import { MyAccount } from "../islands/MyAccount.js";
import { RegisterForm } from "../islands/RegisterForm.js";

export function LoginPage({ next }: { next: string }) {
  const t = useT();
  const page = usePage();
  return (
    <>
      <h1>{t("login.title")}</h1>
      <Island name="login" props={{ page, next }}>
        <LoginForm next={next} />
      </Island>
      <p>
        <a href="/register">{t("login.noAccount")}</a>
      </p>
    </>
  );
}

export function RegisterPage() {
  const t = useT();
  const page = usePage();
  return (
    <>
      <h1>{t("register.title")}</h1>
      <Island name="register" props={{ page }}>
        <RegisterForm />
      </Island>
    </>
  );
}

/** /me and /me/<section>: the applicant's own area, filled by the `me` island. */
export function MePage({ section }: { section: string }) {
  const t = useT();
  const page = usePage();
  return (
    <>
      <h1>{t("nav.me")}</h1>
      <Island name="me" props={{ page, section }}>
        <MyAccount section={section} />
      </Island>
    </>
  );
}

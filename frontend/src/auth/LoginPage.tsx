import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { useI18n } from "../i18n/useI18n";
import type { SessionEnd } from "../session/SessionProvider";
import { useSession } from "../session/useSession";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { LoginForm } from "./LoginForm";

/** Where to go after logging in: the page the user was sent away from, if any. */
function returnPath(state: unknown): string {
  if (typeof state === "object" && state !== null && "from" in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === "string" && from.startsWith("/") && from !== "/login") return from;
  }
  return "/";
}

function SessionEndNotice({ ended }: { ended: SessionEnd }) {
  const { t, formatDuration } = useI18n();
  const message =
    ended.reason === "idle"
      ? t("login.endedByIdle", { duration: formatDuration(ended.idleTimeoutSeconds) })
      : ended.reason === "expired"
        ? t("login.endedByExpiry")
        : ended.reason === "suspended"
          ? t("login.endedBySuspension")
          : t("login.endedByLogout");
  return (
    <div
      className={`alert ${ended.reason === "logout" ? "alert--info" : "alert--warning"}`}
      role="status"
    >
      {message}
    </div>
  );
}

export function LoginPage() {
  const { t } = useI18n();
  const { viewer, ended, signedIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (viewer) return <Navigate to="/" replace />;
  return (
    <main id="main" className="auth-layout">
      <div className="auth-card">
        <div className="auth-card__top">
          <span className="brand">{t("app.name")}</span>
          <LanguageSwitch />
        </div>
        <PageHeader title={t("login.title")} intro={t("login.intro")} />
        <FlashMessage />
        {ended && <SessionEndNotice ended={ended} />}
        <LoginForm
          onLoggedIn={(next) => {
            signedIn(next);
            navigate(returnPath(location.state), { replace: true });
          }}
        />
        <p>
          <Link to="/mot-de-passe-oublie">{t("login.forgotPassword")}</Link>
        </p>
      </div>
    </main>
  );
}

import { Link, Navigate, Outlet, useLocation } from "react-router";
import { useI18n } from "../i18n/useI18n";
import { IdleLogout } from "../session/IdleLogout";
import type { Viewer } from "../session/SessionProvider";
import { useSession, useViewer } from "../session/useSession";
import { LoadingState } from "../ui/QueryStatus";
import { PageHeader } from "../ui/PageHeader";

/**
 * Everything behind the login: sends anonymous visitors to the login page, makes a required
 * password change come first, and watches for inactivity.
 */
export function RequireViewer() {
  const { viewer, ended } = useSession();
  const location = useLocation();
  if (viewer === undefined) {
    return (
      <main id="main" className="auth-layout">
        <LoadingState />
      </main>
    );
  }
  if (viewer === null) {
    // A deep link opened while logged out comes back after login; a page left by a logout does
    // not, since the next person to log in may not be allowed there.
    return <Navigate to="/login" replace state={ended ? null : { from: location.pathname }} />;
  }
  if (viewer.mustChangePassword && location.pathname !== "/change-password") {
    return <Navigate to="/change-password" replace />;
  }
  return (
    <>
      <IdleLogout idleTimeoutSeconds={viewer.idleTimeoutSeconds} />
      <Outlet />
    </>
  );
}

function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("app.forbidden.title")} />
      <p>{t("app.forbidden.body")}</p>
      <Link to="/">{t("app.backHome")}</Link>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("app.notFound.title")} />
      <p>{t("app.notFound.body")}</p>
      <Link to="/">{t("app.backHome")}</Link>
    </>
  );
}

/** Shows its pages only to viewers with the given role; others get a clear refusal. */
export function RequireRole({ role }: { role: (viewer: Viewer) => boolean }) {
  const viewer = useViewer();
  return role(viewer) ? <Outlet /> : <ForbiddenPage />;
}

import { Link } from "react-router";
import { AnalyticsPreference } from "../analytics/AnalyticsPreference";
import { useI18n } from "../i18n/useI18n";
import { RightsBadges } from "../rights/RightsBadges";
import { useViewer } from "../session/useSession";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";

/** Who I am, what I may do, and my password. */
export function AccountPage() {
  const { t, formatDuration } = useI18n();
  const viewer = useViewer();
  const name = [viewer.firstName, viewer.lastName].filter(Boolean).join(" ");
  return (
    <>
      <PageHeader title={t("account.title")} />
      <FlashMessage />
      <section className="panel" aria-labelledby="account-identity">
        <h2 id="account-identity">{t("account.identity")}</h2>
        <dl className="details">
          {name && (
            <>
              <dt>{t("account.name")}</dt>
              <dd>{name}</dd>
            </>
          )}
          <dt>{t("account.email")}</dt>
          <dd>{viewer.email}</dd>
          <dt>{t("account.role")}</dt>
          <dd>{t(`actorKind.${viewer.kind}`)}</dd>
          {viewer.tenant && (
            <>
              <dt>{t("account.organization")}</dt>
              <dd>{viewer.tenant.name}</dd>
            </>
          )}
          {!viewer.isOperator && (
            <>
              <dt>{t("account.rights")}</dt>
              <dd>
                <RightsBadges rights={viewer.rights} />
              </dd>
            </>
          )}
        </dl>
      </section>
      <section className="panel" aria-labelledby="account-security">
        <h2 id="account-security">{t("account.security")}</h2>
        <p>{t("account.idleTimeout", { duration: formatDuration(viewer.idleTimeoutSeconds) })}</p>
        <Link to="/change-password" className="button button--secondary">
          {t("account.changePassword")}
        </Link>
      </section>
      <AnalyticsPreference />
    </>
  );
}

import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { useI18n } from "../../i18n/useI18n";
import { FlashMessage } from "../../ui/FlashMessage";
import { PageHeader } from "../../ui/PageHeader";
import { LoadingState, QueryError } from "../../ui/QueryStatus";
import { UserQuery } from "./operations";
import { userName } from "./userName";
import { UserRightsForm } from "./UserRightsForm";
import { UserStatusPanel } from "./UserStatusPanel";

/** One user's access: identity, rights, and closing or reopening it. */
export function UserDetailPage() {
  const { t, formatDateTime } = useI18n();
  const { userId = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: UserQuery, variables: { id: userId } });
  const back = <Link to="/admin/users">← {t("userDetail.back")}</Link>;

  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  const user = data?.user;
  if (!user) {
    return (
      <>
        <PageHeader title={t("app.notFound.title")} />
        <p>{t("userDetail.notFound")}</p>
        {back}
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">{back}</p>
      <PageHeader title={t("userDetail.title", { name: userName(user) })} />
      <FlashMessage />
      <section className="panel">
        <dl className="details">
          <dt>{t("users.col.email")}</dt>
          <dd>{user.email}</dd>
          {user.organization && (
            <>
              <dt>{t("createUser.organization")}</dt>
              <dd>{user.organization}</dd>
            </>
          )}
          <dt>{t("account.role")}</dt>
          <dd>{user.isTenantAdmin ? t("actorKind.TENANT_ADMIN") : t("actorKind.TENANT_USER")}</dd>
          <dt>{t("userDetail.created")}</dt>
          <dd>{formatDateTime(user.createdAt)}</dd>
          <dt>{t("users.col.lastLogin")}</dt>
          <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t("users.neverLoggedIn")}</dd>
        </dl>
      </section>
      <section className="panel">
        <UserRightsForm user={user} />
      </section>
      <UserStatusPanel user={user} />
    </>
  );
}

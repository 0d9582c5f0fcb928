import { useMemo } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import type { UserFieldsFragment } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { RightsBadges } from "../../rights/RightsBadges";
import { DataTable, type Column } from "../../ui/DataTable";
import { FlashMessage } from "../../ui/FlashMessage";
import { PageHeader } from "../../ui/PageHeader";
import { Pager } from "../../ui/Pager";
import { LoadingState, QueryError } from "../../ui/QueryStatus";
import { usePagination } from "../../ui/usePagination";
import { UsersQuery } from "./operations";
import { userName } from "./userName";

/** The tenant's users with their rights and last login: the entry to the Annex 3 operations. */
export function UsersPage() {
  const { t, formatDateTime } = useI18n();
  const pagination = usePagination();
  const context = useMemo(() => ({ additionalTypenames: ["User"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: UsersQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
    context,
  });

  const columns: Column<UserFieldsFragment>[] = [
    {
      header: t("users.col.name"),
      isRowHeader: true,
      cell: (user) => (
        <>
          <Link to={`/admin/users/${user.id}`}>{userName(user)}</Link>
          {user.isTenantAdmin && (
            <span className="badge badge--admin">{t("users.adminBadge")}</span>
          )}
          {user.organization && <div className="muted">{user.organization}</div>}
        </>
      ),
    },
    { header: t("users.col.email"), cell: (user) => user.email },
    { header: t("users.col.rights"), cell: (user) => <RightsBadges rights={user.rights} /> },
    {
      header: t("users.col.status"),
      cell: (user) => (
        <span className={`status status--${user.status.toLowerCase()}`}>
          {t(`userStatus.${user.status}`)}
        </span>
      ),
    },
    {
      header: t("users.col.lastLogin"),
      cell: (user) =>
        user.lastLoginAt ? (
          formatDateTime(user.lastLoginAt)
        ) : (
          <span className="muted">{t("users.neverLoggedIn")}</span>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("users.title")}
        intro={t("users.intro")}
        actions={
          <Link to="/admin/users/new" className="button">
            {t("users.create")}
          </Link>
        }
      />
      <FlashMessage />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("users.caption")}
            columns={columns}
            rows={data.users.nodes}
            rowKey={(user) => user.id}
            emptyMessage={t("users.empty")}
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.users.pageInfo.hasNextPage}
            endCursor={data.users.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
    </>
  );
}

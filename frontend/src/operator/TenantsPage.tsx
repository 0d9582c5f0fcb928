import { useMemo, useState } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import type { TenantFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import { FlashMessage, SuccessMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePagination } from "../ui/usePagination";
import { OperatorSenders } from "../campaigns/OperatorSenders";
import { TenantsQuery } from "./operations";
import { ReactivateTenantDialog } from "./ReactivateTenantDialog";
import { SuspendTenantDialog } from "./SuspendTenantDialog";

type PendingAction = { kind: "suspend" | "reactivate"; tenant: TenantFieldsFragment };

/** The operator's list of tenants, with suspension and reactivation. */
export function TenantsPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const pagination = usePagination();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const context = useMemo(() => ({ additionalTypenames: ["Tenant"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: TenantsQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
    context,
  });

  function open(kind: PendingAction["kind"], tenant: TenantFieldsFragment) {
    setDone(null);
    setPending({ kind, tenant });
  }

  const columns: Column<TenantFieldsFragment>[] = [
    { header: t("tenants.col.name"), isRowHeader: true, cell: (tenant) => tenant.name },
    { header: t("tenants.col.platform"), cell: (tenant) => t(`platform.${tenant.platform}`) },
    {
      header: t("tenants.col.status"),
      cell: (tenant) => (
        <>
          <span className={`status status--${tenant.status.toLowerCase()}`}>
            {t(`tenantStatus.${tenant.status}`)}
          </span>
          {tenant.suspendedReason && <div className="muted">{tenant.suspendedReason}</div>}
        </>
      ),
    },
    {
      header: t("tenants.col.users"),
      cell: (tenant) => <span className="number">{formatNumber(tenant.userCount)}</span>,
    },
    { header: t("tenants.col.createdAt"), cell: (tenant) => formatDateTime(tenant.createdAt) },
    {
      header: t("tenants.col.actions"),
      cell: (tenant) =>
        tenant.status === "ACTIVE" ? (
          <button
            type="button"
            className="button button--danger button--small"
            aria-label={t("tenants.suspendLabel", { name: tenant.name })}
            onClick={() => open("suspend", tenant)}
          >
            {t("tenants.suspend")}
          </button>
        ) : tenant.status === "SUSPENDED" ? (
          <button
            type="button"
            className="button button--small"
            aria-label={t("tenants.reactivateLabel", { name: tenant.name })}
            onClick={() => open("reactivate", tenant)}
          >
            {t("tenants.reactivate")}
          </button>
        ) : null,
    },
  ];

  function closeDialog(message: string | null) {
    setPending(null);
    setDone(message);
  }

  return (
    <>
      <PageHeader
        title={t("tenants.title")}
        intro={t("tenants.intro")}
        actions={
          <Link to="/operator/tenants/new" className="button">
            {t("tenants.create")}
          </Link>
        }
      />
      {done ? <SuccessMessage message={done} /> : <FlashMessage />}
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("tenants.caption")}
            columns={columns}
            rows={data.tenants.nodes}
            rowKey={(tenant) => tenant.id}
            emptyMessage={t("tenants.empty")}
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.tenants.pageInfo.hasNextPage}
            endCursor={data.tenants.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
          <OperatorSenders tenants={data.tenants.nodes} />
        </>
      )}
      {pending?.kind === "suspend" && (
        <SuspendTenantDialog tenant={pending.tenant} onClose={closeDialog} />
      )}
      {pending?.kind === "reactivate" && (
        <ReactivateTenantDialog tenant={pending.tenant} onClose={closeDialog} />
      )}
    </>
  );
}

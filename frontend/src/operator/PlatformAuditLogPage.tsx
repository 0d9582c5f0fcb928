import { useState } from "react";
import { useQuery } from "urql";
import { AuditSearchForm } from "../admin/logs/AuditLogPage";
import { auditColumns } from "../admin/logs/auditColumns";
import type {
  AuditSearchInput,
  PlatformAuditLogQuery as PlatformAuditLogData,
} from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import { FormAlert } from "../ui/FormAlert";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { apiFormErrors } from "../ui/formErrors";
import { usePagination } from "../ui/usePagination";
import { PlatformAuditLogQuery } from "./auditOperations";
import { AnnouncementTenantsQuery } from "./supportOperations";

type Entry = PlatformAuditLogData["platformAuditLog"]["nodes"][number];

/**
 * Operator staff's search of the audit trail, one tenant's or the whole platform's: who did
 * what to which object and when, never the entries' personal content (it stays the tenant's).
 */
export function PlatformAuditLogPage() {
  const { t } = useI18n();
  const [tenantId, setTenantId] = useState("");
  const [search, setSearch] = useState<AuditSearchInput>({});
  const [{ data: tenants }] = useQuery({ query: AnnouncementTenantsQuery });
  const names = new Map(tenants?.tenants.nodes.map((tenant) => [tenant.id, tenant.name]));
  return (
    <>
      <PageHeader title={t("platformAudit.title")} intro={t("platformAudit.intro")} />
      <SelectField label={t("usage.tenant")} value={tenantId} onChange={setTenantId}>
        <option value="">{t("platformAudit.allTenants")}</option>
        {tenants?.tenants.nodes.map((tenant) => (
          <option key={tenant.id} value={tenant.id}>
            {tenant.name}
          </option>
        ))}
      </SelectField>
      <AuditSearchForm onSearch={setSearch} />
      <Results
        key={`${tenantId}|${JSON.stringify(search)}`}
        tenantId={tenantId}
        search={search}
        names={names}
      />
    </>
  );
}

function Results({
  tenantId,
  search,
  names,
}: {
  tenantId: string;
  search: AuditSearchInput;
  names: Map<string, string>;
}) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const pagination = usePagination();
  const [{ data, fetching, error }] = useQuery({
    query: PlatformAuditLogQuery,
    variables: { ...pagination.variables, tenantId: tenantId || null, search },
    requestPolicy: "cache-and-network",
  });
  const errors = error
    ? apiFormErrors(error, ["action", "targetId", "from", "to"] as const, t)
    : null;
  const { lead, middle, seal } = auditColumns<Entry>({ t, formatDateTime, formatNumber });
  const columns: Column<Entry>[] = [
    ...lead,
    {
      header: t("usage.tenant"),
      cell: (e) =>
        e.tenantId ? (names.get(e.tenantId) ?? e.tenantId) : t("platformAudit.platform"),
    },
    ...middle,
    seal,
  ];
  return (
    <>
      <FormAlert
        message={errors ? (errors.form ?? Object.values(errors.fields)[0] ?? null) : null}
      />
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("auditLog.caption")}
            columns={columns}
            rows={data.platformAuditLog.nodes}
            rowKey={(e) => e.id}
            emptyMessage={t("auditLog.empty")}
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.platformAuditLog.pageInfo.hasNextPage}
            endCursor={data.platformAuditLog.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
    </>
  );
}

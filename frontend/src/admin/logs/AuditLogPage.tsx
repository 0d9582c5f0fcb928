import { useQuery } from "urql";
import type { AuditLogQuery as AuditLogData } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { DataTable, type Column } from "../../ui/DataTable";
import { PageHeader } from "../../ui/PageHeader";
import { Pager } from "../../ui/Pager";
import { LoadingState, QueryError } from "../../ui/QueryStatus";
import { usePagination } from "../../ui/usePagination";
import { AuditLogQuery } from "./operations";

type AuditEntry = AuditLogData["auditLog"]["nodes"][number];

function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  if (entry.before == null && entry.after == null) return null;
  return (
    <details className="audit-changes">
      <summary>{t("auditLog.showChanges")}</summary>
      {entry.before != null && (
        <>
          <h3>{t("auditLog.before")}</h3>
          <pre>{JSON.stringify(entry.before, null, 2)}</pre>
        </>
      )}
      {entry.after != null && (
        <>
          <h3>{t("auditLog.after")}</h3>
          <pre>{JSON.stringify(entry.after, null, 2)}</pre>
        </>
      )}
    </details>
  );
}

/** The tenant's audit trail: who did what to which object, and what changed. */
export function AuditLogPage() {
  const { t, formatDateTime } = useI18n();
  const pagination = usePagination();
  const [{ data, fetching, error }] = useQuery({
    query: AuditLogQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
  });

  const columns: Column<AuditEntry>[] = [
    { header: t("auditLog.col.at"), isRowHeader: true, cell: (e) => formatDateTime(e.at) },
    {
      header: t("auditLog.col.actor"),
      cell: (e) => (
        <>
          {e.actorKind ? t(`actorKind.${e.actorKind}`) : t("actorKind.anonymous")}
          {e.actorId && <div className="muted mono">{e.actorId}</div>}
        </>
      ),
    },
    { header: t("auditLog.col.action"), cell: (e) => <code>{e.action}</code> },
    {
      header: t("auditLog.col.target"),
      cell: (e) => (
        <>
          {e.targetType}
          {e.targetId && <div className="muted mono">{e.targetId}</div>}
        </>
      ),
    },
    { header: t("auditLog.col.changes"), cell: (e) => <AuditChanges entry={e} /> },
  ];

  return (
    <>
      <PageHeader title={t("auditLog.title")} intro={t("auditLog.intro")} />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("auditLog.caption")}
            columns={columns}
            rows={data.auditLog.nodes}
            rowKey={(e) => e.id}
            emptyMessage={t("auditLog.empty")}
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.auditLog.pageInfo.hasNextPage}
            endCursor={data.auditLog.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
    </>
  );
}

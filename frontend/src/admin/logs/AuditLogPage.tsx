import { useState } from "react";
import { useClient, useQuery } from "urql";
import type { AuditLogQuery as AuditLogData } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { DataTable, type Column } from "../../ui/DataTable";
import { PageHeader } from "../../ui/PageHeader";
import { Pager } from "../../ui/Pager";
import { LoadingState, QueryError } from "../../ui/QueryStatus";
import { usePagination } from "../../ui/usePagination";
import { downloadFile } from "../../ui/csv";
import { AuditCheckpointQuery, AuditLogQuery, AuditProofBundleQuery } from "./operations";

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

/**
 * The trail's seal: the latest signed checkpoint, and the download of a proof bundle for the
 * sealed entries shown, to verify offline (docs/audit-verification.md).
 */
function AuditSeal({ entries }: { entries: readonly AuditEntry[] }) {
  const { t, formatDateTime } = useI18n();
  const client = useClient();
  const [{ data }] = useQuery({ query: AuditCheckpointQuery, requestPolicy: "cache-and-network" });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checkpoint = data?.auditCheckpoint;
  const sealed = entries.filter((e) => e.sealedPosition != null && checkpoint && e.sealedPosition <= checkpoint.size);

  async function download() {
    setBusy(true);
    setFailure(null);
    const result = await client
      .query(AuditProofBundleQuery, { ids: sealed.map((e) => e.id) }, { requestPolicy: "network-only" })
      .toPromise();
    setBusy(false);
    if (result.error || !result.data) {
      setFailure(result.error?.graphQLErrors[0]?.message ?? t("auditLog.seal.failed"));
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    downloadFile(`preuve-audit-${day}.json`, result.data.auditProofBundle, "application/json");
  }

  return (
    <section className="panel" aria-labelledby="audit-seal-title">
      <h2 id="audit-seal-title">{t("auditLog.seal.title")}</h2>
      {checkpoint ? (
        <>
          <p>
            {t("auditLog.seal.summary", { count: checkpoint.size, at: formatDateTime(checkpoint.sealedAt) })}
          </p>
          <dl className="details">
            <dt>{t("auditLog.seal.root")}</dt>
            <dd className="mono">{checkpoint.root}</dd>
            <dt>{t("auditLog.seal.publicKey")}</dt>
            <dd className="mono">{checkpoint.publicKey}</dd>
          </dl>
          <p className="muted">{t("auditLog.seal.howTo")}</p>
          <button type="button" onClick={download} disabled={busy || sealed.length === 0}>
            {t("auditLog.seal.download", { count: sealed.length })}
          </button>
          {failure && <p role="alert">{failure}</p>}
        </>
      ) : (
        <p>{t("auditLog.seal.none")}</p>
      )}
    </section>
  );
}

/** The tenant's audit trail: who did what to which object, and what changed. */
export function AuditLogPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
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
    {
      header: t("auditLog.col.changes"),
      cell: (e) =>
        e.redactedAt ? (
          <span className="muted">{t("auditLog.redacted", { at: formatDateTime(e.redactedAt) })}</span>
        ) : (
          <AuditChanges entry={e} />
        ),
    },
    {
      header: t("auditLog.col.seal"),
      cell: (e) =>
        e.sealedPosition != null
          ? t("auditLog.sealedAt", { position: formatNumber(e.sealedPosition) })
          : t("auditLog.notSealed"),
    },
  ];

  return (
    <>
      <PageHeader title={t("auditLog.title")} intro={t("auditLog.intro")} />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <AuditSeal entries={data.auditLog.nodes} />
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

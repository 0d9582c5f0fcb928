import { useState, type FormEvent } from "react";
import { useClient, useQuery } from "urql";
import type { AuditLogQuery as AuditLogData, AuditSearchInput } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { DataTable, type Column } from "../../ui/DataTable";
import { PageHeader } from "../../ui/PageHeader";
import { Pager } from "../../ui/Pager";
import { LoadingState } from "../../ui/QueryStatus";
import { usePagination } from "../../ui/usePagination";
import { downloadFile } from "../../ui/csv";
import { FormAlert } from "../../ui/FormAlert";
import { apiFormErrors, noFormErrors } from "../../ui/formErrors";
import { TextField } from "../../ui/TextField";
import { auditColumns } from "./auditColumns";
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
  const sealed = entries.filter(
    (e) => e.sealedPosition != null && checkpoint && e.sealedPosition <= checkpoint.size,
  );

  async function download() {
    setBusy(true);
    setFailure(null);
    const result = await client
      .query(
        AuditProofBundleQuery,
        { ids: sealed.map((e) => e.id) },
        { requestPolicy: "network-only" },
      )
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
            {t("auditLog.seal.summary", {
              count: checkpoint.size,
              at: formatDateTime(checkpoint.sealedAt),
            })}
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

type SearchField = "action" | "targetId" | "from" | "to";
const SEARCH_FIELDS: readonly SearchField[] = ["action", "targetId", "from", "to"];
interface SearchDraft {
  action: string;
  targetId: string;
  from: string;
  to: string;
}
const NO_SEARCH: SearchDraft = { action: "", targetId: "", from: "", to: "" };

/** A calendar day of the form as the instant it starts, in the browser's time zone. */
function startOfDay(day: string, plusDays = 0): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

function toSearch(draft: SearchDraft): AuditSearchInput {
  return {
    action: draft.action.trim() || null,
    targetId: draft.targetId.trim() || null,
    from: draft.from ? startOfDay(draft.from) : null,
    // The whole last day: the API's end is exclusive.
    to: draft.to ? startOfDay(draft.to, 1) : null,
  };
}

/** The audit log's search: operation (or its start), object, period. */
export function AuditSearchForm({ onSearch }: { onSearch: (search: AuditSearchInput) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<SearchDraft>(NO_SEARCH);
  const [toBeforeFrom, setToBeforeFrom] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const backwards = Boolean(draft.from && draft.to && draft.to < draft.from);
    setToBeforeFrom(backwards);
    if (!backwards) onSearch(toSearch(draft));
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="usage-filters"
      aria-label={t("auditLog.search.title")}
    >
      <TextField
        label={t("auditLog.search.action")}
        hint={t("auditLog.search.actionHint")}
        value={draft.action}
        onChange={(action) => setDraft({ ...draft, action })}
        maxLength={200}
      />
      <TextField
        label={t("auditLog.search.targetId")}
        value={draft.targetId}
        onChange={(targetId) => setDraft({ ...draft, targetId })}
        maxLength={200}
      />
      <TextField
        label={t("auditLog.search.from")}
        type="date"
        value={draft.from}
        onChange={(from) => setDraft({ ...draft, from })}
      />
      <TextField
        label={t("auditLog.search.to")}
        type="date"
        value={draft.to}
        onChange={(to) => setDraft({ ...draft, to })}
        error={toBeforeFrom ? t("usage.toBeforeFrom") : undefined}
      />
      <button type="submit" className="button">
        {t("auditLog.search.submit")}
      </button>
    </form>
  );
}

/** The tenant's audit trail: who did what to which object, and what changed. */
export function AuditLogPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState<AuditSearchInput>(toSearch(NO_SEARCH));
  return (
    <>
      <PageHeader title={t("auditLog.title")} intro={t("auditLog.intro")} />
      <AuditSearchForm onSearch={setSearch} />
      <AuditLogResults key={JSON.stringify(search)} search={search} />
    </>
  );
}

/** One search's pages (a new search starts again from its first page). */
function AuditLogResults({ search }: { search: AuditSearchInput }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const pagination = usePagination();
  const [{ data, fetching, error }] = useQuery({
    query: AuditLogQuery,
    variables: { ...pagination.variables, search },
    requestPolicy: "cache-and-network",
  });
  const errors = error ? apiFormErrors(error, SEARCH_FIELDS, t) : noFormErrors<SearchField>();
  const firstError = errors.form ?? Object.values(errors.fields)[0] ?? null;

  const { lead, middle, seal } = auditColumns<AuditEntry>({ t, formatDateTime, formatNumber });
  const columns: Column<AuditEntry>[] = [
    ...lead,
    ...middle,
    {
      header: t("auditLog.col.changes"),
      cell: (e) =>
        e.redactedAt ? (
          <span className="muted">
            {t("auditLog.redacted", { at: formatDateTime(e.redactedAt) })}
          </span>
        ) : (
          <AuditChanges entry={e} />
        ),
    },
    seal,
  ];

  return (
    <>
      <FormAlert message={firstError} />
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

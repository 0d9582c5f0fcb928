import { useCallback, useEffect } from "react";
import { useQuery, useSubscription } from "urql";
import { fr, type MessageKey } from "../i18n/fr";
import { useI18n } from "../i18n/useI18n";
import { DataTable } from "../ui/DataTable";
import { ProgressBar } from "../ui/ProgressBar";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePolling } from "../ui/usePolling";
import { ImportProgressSubscription, ImportQuery } from "./operations";

/** How often a running import is asked for its progress when the subscription is unavailable. */
export const IMPORT_POLL_MS = 1000;

/**
 * An import's progress, live from the `importProgress` subscription while it is queued or
 * running (polled every second if the WebSocket fails), then its counts and its per-row
 * errors with the downloadable report.
 */
export function ImportProgress({ importId }: { importId: string }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  // The reason in the user's language when the dictionary knows it, else the API's message.
  const reasonText = (reason: string, message: string) => {
    const key = `error.reason.${reason}`;
    return key in fr ? t(key as MessageKey) : message;
  };
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ImportQuery,
    variables: { id: importId },
    requestPolicy: "network-only",
  });
  const loaded = data?.import;
  const loadedRunning = loaded?.status === "QUEUED" || loaded?.status === "RUNNING";
  const [live] = useSubscription({
    query: ImportProgressSubscription,
    variables: { id: importId },
    pause: !loadedRunning,
  });
  const update = live.data?.importProgress;
  const status = update?.status ?? loaded?.status;
  const running = !loaded || status === "QUEUED" || status === "RUNNING";
  const poll = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  usePolling(running && !error && Boolean(live.error), poll, IMPORT_POLL_MS);
  // Once finished, read the import again for its errors.
  const finished = loadedRunning && (status === "DONE" || status === "FAILED");
  useEffect(() => {
    if (finished) poll();
  }, [finished, poll]);
  const current = loaded && update && loadedRunning ? { ...loaded, ...update } : loaded;

  if (error && !current) return <QueryError error={error} />;
  if (!current) return fetching ? <LoadingState /> : <p>{t("import.notFound")}</p>;
  type RowError = (typeof current.errors.nodes)[number];
  return (
    <section className="panel import-progress" aria-labelledby={`import-${current.id}`}>
      <h2 id={`import-${current.id}`}>
        {current.dryRun ? t("import.dryRunOf", { name: current.filename }) : current.filename}
      </h2>
      <p>
        <span className={`status status--import-${current.status.toLowerCase()}`}>
          {t(`importStatus.${current.status}`)}
        </span>{" "}
        {current.finishedAt && (
          <span className="muted">
            {t("import.finishedAt", { at: formatDateTime(current.finishedAt) })}
          </span>
        )}
      </p>
      <ProgressBar label={t("import.progress")} percent={current.progressPercent} />
      {current.failure && (
        <div className="alert alert--error" role="alert">
          {t("import.failure", { reason: current.failure })}
        </div>
      )}
      <dl className="stat-grid">
        {(
          [
            ["import.rowsDone", current.rowsDone],
            ["import.rowsCreated", current.rowsCreated],
            ["import.rowsUpdated", current.rowsUpdated],
            ["import.rowsUnchanged", current.rowsUnchanged],
            ["import.rowsFailed", current.rowsFailed],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="stat">
            <dt>
              {t(
                current.dryRun && label !== "import.rowsDone" && label !== "import.rowsFailed"
                  ? `${label}DryRun`
                  : label,
              )}
            </dt>
            <dd className="number">{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
      {current.status === "DONE" && current.rowsFailed > 0 && (
        <>
          <p>
            <a className="button button--secondary" href={current.errorReportUrl} download>
              {t("import.downloadErrors")}
            </a>
          </p>
          <DataTable<RowError>
            caption={t("import.errorsCaption")}
            rows={current.errors.nodes}
            rowKey={(e) => `${e.line}-${e.column ?? ""}-${e.reason}`}
            emptyMessage=""
            columns={[
              { header: t("import.col.line"), isRowHeader: true, cell: (e) => e.line },
              { header: t("import.col.column"), cell: (e) => e.column ?? "" },
              { header: t("import.col.reason"), cell: (e) => reasonText(e.reason, e.message) },
            ]}
          />
          {current.errors.pageInfo.hasNextPage && <p className="muted">{t("import.moreErrors")}</p>}
        </>
      )}
    </section>
  );
}

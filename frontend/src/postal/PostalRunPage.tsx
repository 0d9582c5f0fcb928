import { useCallback, useMemo } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { ProgressBar } from "../ui/ProgressBar";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePagination } from "../ui/usePagination";
import { usePolling } from "../ui/usePolling";
import { DuplicateGroupReview } from "./DuplicateGroupReview";
import { DuplicateGroupsQuery, PostalRunQuery } from "./operations";
import { isWaiting, RunSummary } from "./PostalPage";
import { RnvpResults } from "./RnvpResults";

function DuplicateGroups({ runId }: { runId: string }) {
  const { t } = useI18n();
  const pagination = usePagination();
  const context = useMemo(() => ({ additionalTypenames: ["DuplicateGroup"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: DuplicateGroupsQuery,
    variables: { runId, first: 20, after: pagination.variables.after },
    requestPolicy: "cache-and-network",
    context,
  });
  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  if (!data) return null;
  const groups = data.duplicateGroups.nodes;
  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">{t("postal.groups.title")}</h2>
      {groups.length === 0 && <p className="empty-state">{t("postal.groups.empty")}</p>}
      {groups.map((group, i) => (
        <DuplicateGroupReview
          key={group.id}
          group={group}
          position={(pagination.page - 1) * 20 + i + 1}
        />
      ))}
      <Pager
        page={pagination.page}
        hasNextPage={data.duplicateGroups.pageInfo.hasNextPage}
        endCursor={data.duplicateGroups.pageInfo.endCursor}
        onNext={pagination.next}
        onPrevious={pagination.previous}
      />
    </section>
  );
}

/** One postal run: its progress (polled each second) and then its results. */
export function PostalRunPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const viewer = useViewer();
  const { runId = "" } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PostalRunQuery,
    variables: { id: runId },
    requestPolicy: "network-only",
  });
  const run = data?.postalRun;
  const running = !run || run.status === "QUEUED" || run.status === "RUNNING";
  const poll = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  usePolling(running && !error, poll, 1000);
  const back = <Link to="/postal">← {t("postal.back")}</Link>;

  if (error && !run) return <QueryError error={error} />;
  if (!run) return fetching ? <LoadingState /> : <p>{t("postal.run.notFound")}</p>;
  const canConsult = viewer.rights.includes("CONSULT");
  // Queued, or running before its contacts are counted: nothing to measure yet.
  const waiting = isWaiting(run);
  return (
    <>
      <p className="breadcrumb">{back}</p>
      <PageHeader
        title={t(`postal.run.title.${run.kind}`)}
        intro={t("postal.run.startedAt", { at: formatDateTime(run.createdAt) })}
      />
      <section className="panel">
        <p>
          <span className={`status status--run-${run.status.toLowerCase()}`}>
            {t(`postalRunStatus.${run.status}`)}
          </span>{" "}
          {!waiting && (
            <span className="muted">
              {t("postal.run.processed", {
                processed: formatNumber(run.processed),
                total: formatNumber(run.total),
              })}
            </span>
          )}
        </p>
        {run.status !== "FAILED" && (
          <ProgressBar
            label={t("postal.run.progress")}
            percent={run.percent}
            indeterminate={waiting}
          />
        )}
        {run.error && (
          <div className="alert alert--error" role="alert">
            {t("postal.run.failed", { reason: run.error })}
          </div>
        )}
        {run.status === "DONE" && (
          <p>
            <RunSummary run={run} />
          </p>
        )}
      </section>
      {run.status === "DONE" && !canConsult && (
        <p className="muted">{t("postal.run.needsConsult")}</p>
      )}
      {run.status === "DONE" && canConsult && run.kind === "RNVP" && (
        <RnvpResults runId={run.id} corrected={run.corrected} />
      )}
      {run.status === "DONE" && canConsult && run.kind === "DEDUP" && (
        <DuplicateGroups runId={run.id} />
      )}
    </>
  );
}

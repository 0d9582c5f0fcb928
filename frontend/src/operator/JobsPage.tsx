import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import type { DurableJobFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { DataTable } from "../ui/DataTable";
import { SuccessMessage } from "../ui/FlashMessage";
import { apiFormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { JobsNeedingAttentionQuery, JobTenantsQuery, RetryJobMutation } from "./jobsOperations";

/** A job is stuck when it is still running after its worker's lease ended. */
export function isStuck(job: DurableJobFieldsFragment, now: Date): boolean {
  return (
    job.status === "RUNNING" &&
    job.lockedUntil !== null &&
    job.lockedUntil !== undefined &&
    Date.parse(job.lockedUntil) < now.getTime()
  );
}

/**
 * Operator staff's list of durable jobs that need attention: dead after their last attempt, or
 * running past their lease. Each can be queued again, after confirmation.
 */
export function JobsPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const context = useMemo(() => ({ additionalTypenames: ["DurableJob"] }), []);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: JobsNeedingAttentionQuery,
    requestPolicy: "cache-and-network",
    context,
  });
  const [{ data: tenants }] = useQuery({ query: JobTenantsQuery });
  const [retrying, setRetrying] = useState<DurableJobFieldsFragment | null>(null);
  const [retryError, setRetryError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching: sending }, retryJob] = useMutation(RetryJobMutation);
  const tenantName = (id: string | null | undefined) =>
    id
      ? (tenants?.tenants.nodes.find((tenant) => tenant.id === id)?.name ?? t("jobs.unknownTenant"))
      : t("jobs.platform");
  const now = new Date();

  async function retry() {
    if (!retrying) return;
    const result = await retryJob({ id: retrying.id }, context);
    if (result.error) {
      setRetryError(apiFormErrors(result.error, [], t).form);
      return;
    }
    setDone(t("jobs.retried", { kind: retrying.kind, tenant: tenantName(retrying.tenantId) }));
    setRetrying(null);
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <>
      <PageHeader title={t("jobs.title")} intro={t("jobs.intro")} />
      <SuccessMessage message={done} />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <DataTable<DurableJobFieldsFragment>
          caption={t("jobs.caption", { count: data.jobsNeedingAttention.length })}
          rows={data.jobsNeedingAttention}
          rowKey={(job) => job.id}
          emptyMessage={t("jobs.empty")}
          exportName="taches-en-souffrance"
          columns={[
            {
              header: t("jobs.col.kind"),
              isRowHeader: true,
              cell: (job) => <code>{job.kind}</code>,
            },
            {
              header: t("jobs.col.state"),
              cell: (job) => (
                <span className="status status--warning">
                  {isStuck(job, now) ? t("jobs.state.stuck") : t(`jobs.state.${job.status}`)}
                </span>
              ),
            },
            { header: t("jobs.col.tenant"), cell: (job) => tenantName(job.tenantId) },
            {
              header: t("jobs.col.attempts"),
              numeric: true,
              cell: (job) =>
                t("jobs.attempts", {
                  attempts: formatNumber(job.attempts),
                  max: formatNumber(job.maxAttempts),
                }),
            },
            {
              header: t("jobs.col.error"),
              cell: (job) =>
                job.lastError ? (
                  <span className="job-error">{job.lastError}</span>
                ) : (
                  <span className="muted">{t("jobs.noError")}</span>
                ),
            },
            {
              header: t("jobs.col.since"),
              cell: (job) => formatDateTime(job.finishedAt ?? job.lockedUntil ?? job.createdAt),
            },
            {
              header: t("jobs.col.actions"),
              exportable: false,
              cell: (job) => (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    setDone(null);
                    setRetryError(null);
                    setRetrying(job);
                  }}
                >
                  {t("jobs.retry")}
                </button>
              ),
            },
          ]}
        />
      )}
      {retrying && (
        <ConfirmDialog
          title={t("jobs.retryTitle", { kind: retrying.kind })}
          confirmLabel={t("jobs.retry")}
          busy={sending}
          error={retryError}
          onConfirm={retry}
          onCancel={() => setRetrying(null)}
        >
          <p>
            {t("jobs.retryBody", {
              tenant: tenantName(retrying.tenantId),
              attempts: retrying.attempts,
            })}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

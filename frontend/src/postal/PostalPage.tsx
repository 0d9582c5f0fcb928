import { useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import type { PostalRunFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable } from "../ui/DataTable";
import { FormAlert } from "../ui/FormAlert";
import { apiFormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { ProgressBar } from "../ui/ProgressBar";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { usePagination } from "../ui/usePagination";
import { AddressTryOut } from "./AddressTryOut";
import {
  PostalRunsQuery,
  SegmentChoicesQuery,
  StartDedupRunMutation,
  StartRnvpRunMutation,
} from "./operations";

/** Starts an RNVP or a deduplication over every contact or a saved segment. */
function StartRunForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [segmentId, setSegmentId] = useState(params.get("segment") ?? "");
  const [error, setError] = useState<string | null>(null);
  const [{ data }] = useQuery({ query: SegmentChoicesQuery });
  const [{ fetching: startingRnvp }, startRnvp] = useMutation(StartRnvpRunMutation);
  const [{ fetching: startingDedup }, startDedup] = useMutation(StartDedupRunMutation);

  async function start(kind: "RNVP" | "DEDUP") {
    setError(null);
    const input = { segmentId: segmentId || null };
    const result = kind === "RNVP" ? await startRnvp({ input }) : await startDedup({ input });
    if (result.error) {
      setError(apiFormErrors(result.error, [], t).form);
      return;
    }
    const run =
      result.data && "startRnvpRun" in result.data
        ? result.data.startRnvpRun.run
        : result.data && "startDedupRun" in result.data
          ? result.data.startDedupRun.run
          : null;
    if (run) navigate(`/postal/runs/${run.id}`);
  }

  return (
    <section className="panel" aria-labelledby="postal-start-title">
      <h2 id="postal-start-title">{t("postal.start.title")}</h2>
      <form className="form form--wide" onSubmit={(e) => e.preventDefault()}>
        <FormAlert message={error} />
        <SelectField
          label={t("postal.start.scope")}
          hint={t("postal.start.billing")}
          value={segmentId}
          onChange={setSegmentId}
        >
          <option value="">{t("postal.start.allContacts")}</option>
          {data?.segments.nodes.map((segment) => (
            <option key={segment.id} value={segment.id}>
              {t("postal.start.segment", { name: segment.name })}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <button
            type="button"
            className="button"
            disabled={startingRnvp}
            onClick={() => void start("RNVP")}
          >
            {t("postal.start.rnvp")}
          </button>
          <button
            type="button"
            className="button"
            disabled={startingDedup}
            onClick={() => void start("DEDUP")}
          >
            {t("postal.start.dedup")}
          </button>
        </div>
      </form>
    </section>
  );
}

export function RunSummary({ run }: { run: PostalRunFieldsFragment }) {
  const { t, formatNumber } = useI18n();
  if (run.kind === "DEDUP") {
    return (
      <span className="number">
        {t("postal.run.groupsFound", { count: formatNumber(run.groups) })}
      </span>
    );
  }
  return (
    <span className="number">
      {t("postal.run.rnvpSummary", {
        valid: formatNumber(run.valid),
        corrected: formatNumber(run.corrected),
        invalid: formatNumber(run.invalid),
      })}
    </span>
  );
}

function RunsTable() {
  const { t, formatDateTime } = useI18n();
  const pagination = usePagination();
  const context = useMemo(() => ({ additionalTypenames: ["PostalRun"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: PostalRunsQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
    context,
  });
  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  if (!data) return null;
  return (
    <>
      <DataTable<PostalRunFieldsFragment>
        caption={t("postal.runs.caption")}
        rows={data.postalRuns.nodes}
        rowKey={(r) => r.id}
        emptyMessage={t("postal.runs.empty")}
        columns={[
          {
            header: t("postal.runs.col.run"),
            isRowHeader: true,
            cell: (r) => (
              <Link to={`/postal/runs/${r.id}`}>
                {t(`postalRunKind.${r.kind}`)} · {formatDateTime(r.createdAt)}
              </Link>
            ),
          },
          {
            header: t("postal.runs.col.scope"),
            cell: (r) =>
              r.segmentId ? t("postal.runs.segmentScope") : t("postal.start.allContacts"),
          },
          {
            header: t("postal.runs.col.status"),
            cell: (r) =>
              r.status === "RUNNING" ? (
                <ProgressBar label={t("postal.run.progress")} percent={r.percent} />
              ) : (
                <span className={`status status--run-${r.status.toLowerCase()}`}>
                  {t(`postalRunStatus.${r.status}`)}
                </span>
              ),
          },
          { header: t("postal.runs.col.outcome"), cell: (r) => <RunSummary run={r} /> },
        ]}
      />
      <Pager
        page={pagination.page}
        hasNextPage={data.postalRuns.pageInfo.hasNextPage}
        endCursor={data.postalRuns.pageInfo.endCursor}
        onNext={pagination.next}
        onPrevious={pagination.previous}
      />
    </>
  );
}

/** Postal quality: RNVP and deduplication runs, and a try-out of the RNVP on pasted addresses. */
export function PostalPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("postal.title")} intro={t("postal.intro")} />
      <StartRunForm />
      <section className="panel" aria-labelledby="postal-runs-title">
        <h2 id="postal-runs-title">{t("postal.runs.title")}</h2>
        <RunsTable />
      </section>
      <AddressTryOut />
    </>
  );
}

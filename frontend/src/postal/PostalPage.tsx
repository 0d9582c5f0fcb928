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
import { fromDefinition, toDefinition } from "../segments/segmentTree";
import { ANNEX_1_PRICES_EXCL_VAT, postalRunCostExclVat } from "../ui/billing";
import { ConfirmDialog, type ActionCost } from "../ui/ConfirmDialog";
import {
  PostalRunScopeCountQuery,
  PostalRunsQuery,
  PostalSegmentDefinitionQuery,
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

  const [pending, setPending] = useState<"RNVP" | "DEDUP" | null>(null);

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
    setPending(null);
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
            onClick={() => setPending("RNVP")}
          >
            {t("postal.start.rnvp")}
          </button>
          <button
            type="button"
            className="button"
            disabled={startingDedup}
            onClick={() => setPending("DEDUP")}
          >
            {t("postal.start.dedup")}
          </button>
        </div>
      </form>
      {pending && (
        <StartRunConfirmation
          kind={pending}
          segmentId={segmentId || null}
          segmentName={data?.segments.nodes.find((s) => s.id === segmentId)?.name ?? null}
          busy={startingRnvp || startingDedup}
          error={error}
          onConfirm={() => void start(pending)}
          onCancel={() => {
            setPending(null);
            setError(null);
          }}
        />
      )}
    </section>
  );
}

/**
 * Before a billed run: how many contacts it reads and what it will cost at the list prices of
 * Annex 1 (an estimate: the invoice counts what the run really read).
 */
function StartRunConfirmation({
  kind,
  segmentId,
  segmentName,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  kind: "RNVP" | "DEDUP";
  segmentId: string | null;
  segmentName: string | null;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t, formatNumber, formatMoney } = useI18n();
  const [{ data: segment }] = useQuery({
    query: PostalSegmentDefinitionQuery,
    variables: { id: segmentId ?? "" },
    pause: segmentId === null,
  });
  const definition = useMemo(() => {
    if (segmentId === null) return null;
    const saved = segment?.segment?.definition;
    return saved ? toDefinition(fromDefinition(saved)) : undefined;
  }, [segmentId, segment]);
  const [{ data: count, error: countError }] = useQuery({
    query: PostalRunScopeCountQuery,
    variables: { definition: definition ?? null },
    pause: definition === undefined,
    requestPolicy: "network-only",
  });
  const addresses = count?.contactCount;
  const per1000 =
    kind === "RNVP"
      ? ANNEX_1_PRICES_EXCL_VAT.rnvpPer1000Addresses
      : ANNEX_1_PRICES_EXCL_VAT.dedupPer1000Addresses;
  const cost: ActionCost | null =
    addresses === undefined
      ? null
      : {
          estimate: true,
          amountExclVat: postalRunCostExclVat(kind, addresses),
          basis: t(`postal.confirm.basis.${kind}`, {
            count: formatNumber(addresses),
            price: formatMoney(per1000),
          }),
        };
  const scope = segmentName
    ? t("postal.start.segment", { name: segmentName })
    : t("postal.start.allContacts");
  return (
    <ConfirmDialog
      title={t(`postal.confirm.title.${kind}`)}
      confirmLabel={t(`postal.confirm.start.${kind}`)}
      busy={busy}
      error={error ?? (countError ? t("postal.confirm.countFailed") : null)}
      cost={countError ? undefined : cost}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {addresses === undefined
          ? t("postal.confirm.scope", { scope })
          : t("postal.confirm.body", { scope, count: formatNumber(addresses) })}
      </p>
      <p className="muted">{t("postal.confirm.estimateNote")}</p>
    </ConfirmDialog>
  );
}

/** A run that has nothing to measure yet: queued, or running before its contacts are counted. */
export function isWaiting(run: Pick<PostalRunFieldsFragment, "status" | "total">): boolean {
  return run.status === "QUEUED" || (run.status === "RUNNING" && run.total === 0);
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
              r.status === "RUNNING" || r.status === "QUEUED" ? (
                <ProgressBar
                  label={t("postal.run.progress")}
                  percent={r.percent}
                  indeterminate={isWaiting(r)}
                />
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

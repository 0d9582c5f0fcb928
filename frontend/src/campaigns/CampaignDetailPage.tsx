import { useCallback, useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import type { CampaignQuery as CampaignQueryResult, Variant } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { BarChart } from "../ui/chart/BarChart";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { DataTable, type Column } from "../ui/DataTable";
import { FlashMessage, SuccessMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePolling } from "../ui/usePolling";
import { abDelayText, latestAbSides, rateText, winnerByKey } from "./abTest";
import { campaignErrorMessage } from "./campaignErrors";
import { excludedOf, isLive, shownStatRows } from "./campaignStats";
import { channelKey, formatWhen, runStatusKey } from "./campaignText";
import {
  CampaignQuery,
  CampaignTrackingQuery,
  CancelCampaignMutation,
  ChooseAbWinnerMutation,
  PauseCampaignMutation,
  ResumeCampaignMutation,
} from "./operations";
import { CampaignStatusBadge } from "./StatusBadge";
import "./campaigns.css";

type Campaign = NonNullable<CampaignQueryResult["campaign"]>;
type Run = Campaign["runs"][number];
type Action = "pause" | "resume" | "cancel";
type Side = Run["abSides"][number];

/** The campaign's A/B test: its rule, each side's figures, the winner or the choice. */
function AbTestBlock({ campaign, onChosen }: { campaign: Campaign; onChosen: () => void }) {
  const { t, formatNumber, formatPercent } = useI18n();
  const [choosing, setChoosing] = useState<Variant | null>(null);
  const [chooseError, setChooseError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Variant | null>(null);
  const [{ fetching }, choose] = useMutation(ChooseAbWinnerMutation);
  const ab = campaign.abTest;
  if (!ab) return null;
  const sides = latestAbSides(campaign.runs);
  const winner = ab.winner ?? chosen;
  const canChoose =
    ab.winnerBy === "CHOSEN" &&
    !winner &&
    sides.length > 0 &&
    campaign.status !== "CANCELLED" &&
    campaign.status !== "DRAFT";

  async function confirm(variant: Variant) {
    setChooseError(null);
    const result = await choose(
      { id: campaign.id, winner: variant },
      { additionalTypenames: ["Campaign"] },
    );
    if (result.error) return setChooseError(campaignErrorMessage(result.error, t));
    setChoosing(null);
    setChosen(variant);
    onChosen();
  }

  const columns: Column<Side>[] = [
    { header: t("campaign.ab.variant"), isRowHeader: true, cell: (s) => s.variant },
    { header: t("campaign.ab.sent"), numeric: true, cell: (s) => formatNumber(s.sent) },
    {
      header: t("campaign.ab.openRate"),
      numeric: true,
      cell: (s) => rateText(s.opened, s.sent, formatPercent, t("campaigns.none")),
    },
    {
      header: t("campaign.ab.clickRate"),
      numeric: true,
      cell: (s) => rateText(s.clicked, s.sent, formatPercent, t("campaigns.none")),
    },
  ];
  return (
    <section aria-labelledby="ab-test-title" className="panel">
      <h2 id="ab-test-title">{t("campaign.ab.title")}</h2>
      <p className="muted">
        {t("campaign.ab.rule", {
          share: formatPercent(ab.sharePercent / 100),
          winnerBy: t(winnerByKey(ab.winnerBy)),
          delay: abDelayText(ab.decideAfterMinutes, t),
        })}
      </p>
      {sides.length === 0 ? (
        <p>{t("campaign.ab.notStarted")}</p>
      ) : (
        <DataTable
          caption={t("campaign.ab.caption")}
          columns={columns}
          rows={sides}
          rowKey={(s) => s.variant}
          emptyMessage={t("campaign.ab.notStarted")}
        />
      )}
      {sides.length > 0 && <p className="field__hint">{t("campaign.ab.openNote")}</p>}
      <p role="status" aria-live="polite">
        {winner ? (
          <strong data-testid="ab-winner">{t("campaign.ab.winner", { variant: winner })}</strong>
        ) : sides.length > 0 ? (
          t("campaign.ab.waiting")
        ) : null}
      </p>
      {canChoose && (
        <div className="action-row">
          {(["A", "B"] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="button"
              onClick={() => {
                setChooseError(null);
                setChoosing(v);
              }}
            >
              {t("campaign.ab.send", { variant: v })}
            </button>
          ))}
        </div>
      )}
      {choosing && (
        <ConfirmDialog
          title={t("campaign.ab.confirmTitle", { variant: choosing })}
          confirmLabel={t("campaign.ab.confirm")}
          busy={fetching}
          error={chooseError}
          onConfirm={() => void confirm(choosing)}
          onCancel={() => setChoosing(null)}
        >
          <p>{t("campaign.ab.confirmBody", { variant: choosing })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** `/campagnes/:campaignId`: where it stands, its figures (live while it sends), its runs. */
export function CampaignDetailPage() {
  const { t, language, formatNumber } = useI18n();
  const { campaignId = "" } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: CampaignQuery,
    variables: { id: campaignId },
    requestPolicy: "cache-and-network",
  });
  const campaign = data?.campaign;
  const live = campaign ? isLive(campaign.status, campaign.plan, campaign.runs) : false;
  const poll = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  usePolling(live && !error, poll, 2000);
  const [pending, setPending] = useState<Action | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const [{ fetching: pausing }, pause] = useMutation(PauseCampaignMutation);
  const [{ fetching: resuming }, resume] = useMutation(ResumeCampaignMutation);
  const [{ fetching: cancelling }, cancel] = useMutation(CancelCampaignMutation);
  const [{ data: trackingData }] = useQuery({ query: CampaignTrackingQuery });
  const tracking = trackingData?.campaignTracking ?? false;

  if (error && !campaign) return <QueryError error={error} />;
  if (!campaign) {
    if (fetching || !data) return <LoadingState />;
    return (
      <>
        <PageHeader title={t("campaign.notFound")} />
        <Link to="/campagnes">← {t("campaigns.back")}</Link>
      </>
    );
  }
  const c = campaign;

  async function act(action: Action) {
    setActionError(null);
    const run = { pause, resume, cancel }[action];
    const result = await run({ id: c.id }, { additionalTypenames: ["Campaign"] });
    if (result.error) return setActionError(campaignErrorMessage(result.error, t));
    setPending(null);
    setDone(action);
    poll();
  }

  const stats = c.stats;
  const shown = shownStatRows(stats, tracking);
  const planText =
    c.plan === "NOW"
      ? t("campaigns.plan.NOW")
      : c.plan === "AT"
        ? c.scheduledAt
          ? t("campaign.scheduledAt", { at: formatWhen(c.scheduledAt, language) })
          : t("campaigns.plan.AT")
        : (c.planDescription ?? c.cron ?? t("campaigns.plan.RECURRING"));
  const canPause = c.status === "SENDING" || c.status === "SCHEDULED";
  const canResume = c.status === "PAUSED";
  const canCancel = c.status !== "SENT" && c.status !== "CANCELLED";

  const runColumns: Column<Run>[] = [
    { header: t("campaign.run.number"), isRowHeader: true, cell: (r) => formatNumber(r.number) },
    { header: t("campaign.run.status"), cell: (r) => t(runStatusKey(r.status)) },
    { header: t("campaign.run.dueAt"), cell: (r) => formatWhen(r.dueAt, language) },
    {
      header: t("campaign.run.finishedAt"),
      cell: (r) => (r.finishedAt ? formatWhen(r.finishedAt, language) : t("campaigns.none")),
    },
    {
      header: t("campaign.run.targeted"),
      numeric: true,
      cell: (r) => formatNumber(r.stats.targeted),
    },
    { header: t("campaign.run.sent"), numeric: true, cell: (r) => formatNumber(r.stats.sent) },
    {
      header: t("campaign.run.excluded"),
      numeric: true,
      cell: (r) => formatNumber(excludedOf(r.stats)),
    },
    {
      header: t("campaign.run.failed"),
      numeric: true,
      cell: (r) => formatNumber(r.stats.failed + r.stats.bounced + r.stats.uncertain),
    },
  ];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/campagnes">← {t("campaigns.back")}</Link>
      </p>
      <PageHeader
        title={c.name}
        actions={
          <div className="action-row">
            {canPause && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setPending("pause")}
              >
                {t("campaign.pause")}
              </button>
            )}
            {canResume && (
              <button type="button" className="button" onClick={() => setPending("resume")}>
                {t("campaign.resume")}
              </button>
            )}
            {canCancel && (
              <button
                type="button"
                className="button button--danger"
                onClick={() => setPending("cancel")}
              >
                {t("campaign.cancel")}
              </button>
            )}
          </div>
        }
      />
      <FlashMessage />
      <SuccessMessage message={done ? t(`campaign.done.${done}`) : null} />
      <section className="panel">
        <dl className="summary-list">
          <dt>{t("campaign.status")}</dt>
          <dd>
            <CampaignStatusBadge status={c.status} />
          </dd>
          <dt>{t("campaign.channel")}</dt>
          <dd>{t(channelKey(c.channel))}</dd>
          <dt>{t("campaign.plan")}</dt>
          <dd>{planText}</dd>
          {c.nextRunAt && (
            <>
              <dt>{t("campaign.nextRun")}</dt>
              <dd>{formatWhen(c.nextRunAt, language)}</dd>
            </>
          )}
          <dt>{t("campaign.marketing")}</dt>
          <dd>{c.marketing ? t("wizard.summary.yes") : t("wizard.summary.no")}</dd>
        </dl>
      </section>
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t("campaign.figures")}</h2>
        <p className="muted" role="status" aria-live="polite">
          {t("campaign.targeted", { count: formatNumber(stats.targeted) })} ·{" "}
          <strong data-testid="sent-summary">
            {t("campaign.sentSummary", { count: formatNumber(stats.sent) })}
          </strong>
          {live ? ` · ${t("campaign.live")}` : ""}
        </p>
        <ul className="stat-grid">
          {shown.map((row) => (
            <li key={row.key}>
              <span className="stat-value">{formatNumber(stats[row.key])}</span>
              {t(row.label)}
            </li>
          ))}
        </ul>
        {stats.uncertain > 0 && (
          <p className="alert alert--warning">{t("campaign.note.uncertain")}</p>
        )}
        {stats.waitingQuietHours > 0 && (
          <p className="alert alert--info">{t("campaign.note.waitingQuietHours")}</p>
        )}
        <BarChart
          title={t("campaign.chartTitle")}
          labelHeader={t("campaign.chartLabel")}
          labels={shown.map((row) => t(row.label))}
          series={[
            { label: t("campaign.chartSeries"), values: shown.map((row) => stats[row.key]) },
          ]}
          horizontal
          exportName="campagne-resultats"
        />
      </section>
      <AbTestBlock campaign={c} onChosen={poll} />
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">{t("campaign.runs")}</h2>
        <DataTable
          caption={t("campaign.runsCaption")}
          columns={runColumns}
          rows={c.runs}
          rowKey={(r) => r.id}
          emptyMessage={t("campaign.runsEmpty")}
        />
      </section>
      {pending && (
        <ConfirmDialog
          title={t(`campaign.${pending}Title`, { name: c.name })}
          confirmLabel={t(`campaign.${pending}`)}
          destructive={pending === "cancel"}
          busy={pausing || resuming || cancelling}
          error={actionError}
          onConfirm={() => void act(pending)}
          onCancel={() => setPending(null)}
        >
          <p>{t(`campaign.${pending}Body`)}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

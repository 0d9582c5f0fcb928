import { useMemo } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import type { ConsumptionFieldsFragment, InvoiceFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { BarChart } from "../ui/chart/BarChart";
import { DataTable, type Column } from "../ui/DataTable";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { BillingTabs } from "./BillingTabs";
import { dayLabel, longDate, monthLabel, monthStart, platformToday } from "./billingText";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";
import { ConsumptionQuery, LatestInvoicesQuery } from "./operations";
import { PriceLines } from "./PriceLines";
import "./billing.css";

/** Every day of the month that starts on `start`, up to `last` (both YYYY-MM-DD). */
function daysOf(start: string, last: string): string[] {
  const days: string[] = [];
  const end = monthStart(start, -1);
  for (let at = Date.parse(`${start}T00:00:00Z`); ; at += 24 * 3600 * 1000) {
    const day = new Date(at).toISOString().slice(0, 10);
    if (day >= end || day > last) break;
    days.push(day);
  }
  return days;
}

type Figure = "emails" | "sms" | "rnvpAddresses" | "dedupAddresses";
const FIGURES: Figure[] = ["emails", "sms", "rnvpAddresses", "dedupAddresses"];

/** A month's bars: every day of it (zero when nothing was used), four series. */
function DailyChart({
  title,
  start,
  today,
  byDay,
}: {
  title: string;
  start: string;
  today: string;
  byDay: Map<string, ConsumptionFieldsFragment>;
}) {
  const { t, language } = useI18n();
  const days = daysOf(start, today);
  return (
    <BarChart
      title={title}
      labels={days.map((d) => dayLabel(d, language))}
      labelHeader={t("billing.consumption.day")}
      series={FIGURES.map((figure) => ({
        label: t(`billing.figure.${figure}`),
        values: days.map((d) => byDay.get(d)?.[figure] ?? 0),
      }))}
      exportName={`consommation-${start.slice(0, 7)}`}
    />
  );
}

/** The latest invoices, for administrators (an Analyse user does not see invoices). */
function LatestInvoices() {
  const { t, formatMoney, language } = useI18n();
  const [{ data, error }] = useQuery({
    query: LatestInvoicesQuery,
    variables: { first: 3 },
    requestPolicy: "cache-and-network",
  });
  const columns: Column<InvoiceFieldsFragment>[] = [
    {
      header: t("billing.invoices.col.number"),
      isRowHeader: true,
      cell: (i) => (
        <Link to={`/facturation/factures?facture=${encodeURIComponent(i.id)}`}>{i.number}</Link>
      ),
      csv: (i) => i.number,
    },
    { header: t("billing.invoices.col.period"), cell: (i) => monthLabel(i.periodStart, language) },
    {
      header: t("billing.invoices.col.totalIncludingTax"),
      numeric: true,
      cell: (i) => formatMoney(i.totalIncludingTax),
    },
    { header: t("billing.invoices.col.status"), cell: (i) => <InvoiceStatusBadge invoice={i} /> },
  ];
  return (
    <section className="panel" aria-labelledby="latest-invoices">
      <h2 id="latest-invoices">{t("billing.consumption.latestInvoices")}</h2>
      {error && <QueryError error={error} />}
      {data && (
        <DataTable
          caption={t("billing.consumption.latestInvoices")}
          columns={columns}
          rows={data.invoices.nodes}
          rowKey={(i) => i.id}
          emptyMessage={t("billing.invoices.empty")}
        />
      )}
      <p>
        <Link to="/facturation/factures">{t("billing.consumption.allInvoices")}</Link>
      </p>
    </section>
  );
}

/**
 * The tenant's consumption: day by day over this month and the last, month by month over a
 * year, and this month's estimate. Administrators and Analyse users; invoices are the
 * administrators' only.
 */
export function ConsumptionPage() {
  const { t, formatNumber, language } = useI18n();
  const viewer = useViewer();
  const today = useMemo(() => platformToday(), []);
  const thisMonth = monthStart(today);
  const lastMonth = monthStart(today, 1);
  const [{ data, fetching, error }] = useQuery({
    query: ConsumptionQuery,
    variables: { from: lastMonth, to: today },
    requestPolicy: "cache-and-network",
  });
  const byDay = useMemo(
    () => new Map((data?.consumptionByDay ?? []).map((d) => [d.day, d])),
    [data?.consumptionByDay],
  );
  const months = data?.consumptionByMonth ?? [];
  const count = (value: number | null | undefined) =>
    value === null || value === undefined ? "—" : formatNumber(value);
  const monthColumns: Column<ConsumptionFieldsFragment>[] = [
    {
      header: t("billing.consumption.month"),
      isRowHeader: true,
      cell: (m) => monthLabel(m.day, language),
    },
    {
      header: t("billing.figure.contacts"),
      numeric: true,
      cell: (m) => count(m.contacts),
      csv: (m) => m.contacts,
    },
    {
      header: t("billing.figure.users"),
      numeric: true,
      cell: (m) => count(m.users),
      csv: (m) => m.users,
    },
    ...FIGURES.map((figure): Column<ConsumptionFieldsFragment> => ({
      header: t(`billing.figure.${figure}`),
      numeric: true,
      cell: (m) => formatNumber(m[figure]),
      csv: (m) => m[figure],
      total: (rows) => formatNumber(rows.reduce((sum, m) => sum + m[figure], 0)),
    })),
  ];
  const estimate = data?.billingEstimate;

  return (
    <>
      <PageHeader title={t("billing.consumption.title")} intro={t("billing.consumption.intro")} />
      <BillingTabs />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {estimate && (
        <section className="panel" aria-labelledby="billing-estimate">
          <h2 id="billing-estimate">{t("billing.estimate.title")}</h2>
          <p data-testid="estimate-as-of">
            {t("billing.estimate.asOf", {
              month: monthLabel(estimate.month.day, language),
              date: longDate(today, language),
              days: estimate.daysSampled,
            })}
          </p>
          <PriceLines
            caption={t("billing.estimate.caption", {
              month: monthLabel(estimate.month.day, language),
            })}
            lines={estimate.quote.lines}
            totals={estimate.quote}
            minimum={{ amount: estimate.quote.minimum, applied: estimate.quote.minimumApplied }}
          />
          <p className="muted">{t("billing.estimate.note")}</p>
        </section>
      )}
      {data && (
        <>
          <section className="billing-section" aria-labelledby="consumption-days">
            <h2 id="consumption-days">{t("billing.consumption.byDay")}</h2>
            <div className="billing-charts">
              <DailyChart
                title={t("billing.consumption.dayChart", {
                  month: monthLabel(thisMonth, language),
                })}
                start={thisMonth}
                today={today}
                byDay={byDay}
              />
              <DailyChart
                title={t("billing.consumption.dayChart", {
                  month: monthLabel(lastMonth, language),
                })}
                start={lastMonth}
                today={today}
                byDay={byDay}
              />
            </div>
          </section>
          <section className="billing-section" aria-labelledby="consumption-months">
            <h2 id="consumption-months">{t("billing.consumption.byMonth")}</h2>
            <BarChart
              title={t("billing.consumption.monthChart")}
              labels={months.map((m) => monthLabel(m.day, language))}
              labelHeader={t("billing.consumption.month")}
              series={[
                { label: t("billing.figure.emails"), values: months.map((m) => m.emails) },
                { label: t("billing.figure.sms"), values: months.map((m) => m.sms) },
              ]}
              table="beside"
            />
            <DataTable
              caption={t("billing.consumption.monthTable")}
              columns={monthColumns}
              rows={[...months].reverse()}
              rowKey={(m) => m.day}
              emptyMessage={t("chart.empty")}
              exportName="consommation-mensuelle"
              totalLabel={t("billing.consumption.total")}
            />
            <p className="muted">{t("billing.consumption.countsNote")}</p>
          </section>
        </>
      )}
      {viewer.isTenantAdmin && <LatestInvoices />}
    </>
  );
}

import { useQuery } from "urql";
import type { RevenueByMonthQuery as RevenueData } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { BarChart } from "../ui/chart/BarChart";
import { DataTable, type Column } from "../ui/DataTable";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { cents, euros, monthLabel, shortMonthLabel } from "./billingText";
import { RevenueByMonthQuery } from "./operatorOperations";
import "./billing.css";

type Month = RevenueData["revenueByMonth"][number];

/** Operator staff: net revenue excluding tax by month invoiced (invoices minus credit notes). */
export function RevenuePage() {
  const { t, formatMoney, formatNumber, language } = useI18n();
  const [{ data, fetching, error }] = useQuery({
    query: RevenueByMonthQuery,
    variables: { months: 12 },
    requestPolicy: "cache-and-network",
  });
  // The API gives the latest month first; the chart reads from left to right.
  const months = [...(data?.revenueByMonth ?? [])].reverse();
  const sum = (rows: readonly Month[], pick: (m: Month) => string) =>
    formatMoney(euros(rows.reduce((total, m) => total + cents(pick(m)), 0)));
  const columns: Column<Month>[] = [
    {
      header: t("billing.revenue.month"),
      isRowHeader: true,
      cell: (m) => monthLabel(m.month, language),
      csv: (m) => m.month.slice(0, 7),
    },
    {
      header: t("billing.revenue.invoiced"),
      numeric: true,
      cell: (m) => formatMoney(m.invoicedExcludingTax),
      csv: (m) => m.invoicedExcludingTax,
      total: (rows) => sum(rows, (m) => m.invoicedExcludingTax),
    },
    {
      header: t("billing.revenue.credited"),
      numeric: true,
      cell: (m) => formatMoney(m.creditedExcludingTax),
      csv: (m) => m.creditedExcludingTax,
      total: (rows) => sum(rows, (m) => m.creditedExcludingTax),
    },
    {
      header: t("billing.revenue.net"),
      numeric: true,
      cell: (m) => formatMoney(m.netExcludingTax),
      csv: (m) => m.netExcludingTax,
      total: (rows) => sum(rows, (m) => m.netExcludingTax),
    },
    {
      header: t("billing.revenue.invoices"),
      numeric: true,
      cell: (m) => formatNumber(m.invoices),
      csv: (m) => m.invoices,
      total: (rows) => formatNumber(rows.reduce((n, m) => n + m.invoices, 0)),
    },
  ];
  return (
    <>
      <PageHeader title={t("billing.revenue.title")} intro={t("billing.revenue.intro")} />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <BarChart
            title={t("billing.revenue.chart")}
            labels={months.map((m) => shortMonthLabel(m.month, language))}
            labelHeader={t("billing.revenue.month")}
            series={[
              {
                label: t("billing.revenue.netEuros"),
                values: months.map((m) => cents(m.netExcludingTax) / 100),
              },
            ]}
            table="beside"
          />
          <DataTable
            caption={t("billing.revenue.caption")}
            columns={columns}
            rows={[...months].reverse()}
            rowKey={(m) => m.month}
            emptyMessage={t("billing.revenue.empty")}
            exportName="chiffre-affaires"
            totalLabel={t("billing.consumption.total")}
          />
        </>
      )}
    </>
  );
}

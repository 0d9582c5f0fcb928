import { useRef, useState, type FormEvent } from "react";
import { useQuery } from "urql";
import type { UsageAnalyticsQuery as UsageData } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import "../styles/support.css";
import { BarChart } from "../ui/chart/BarChart";
import { DataTable, type Column } from "../ui/DataTable";
import { FormAlert } from "../ui/FormAlert";
import { apiFormErrors, noFormErrors, type FormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { AnnouncementTenantsQuery, UsageAnalyticsQuery } from "./supportOperations";

type Usage = UsageData["usageAnalytics"];
type Period = { from: string; to: string; tenantId: string };
const FIELDS = ["from", "to", "tenantId"] as const;
type UsageField = (typeof FIELDS)[number];

/** A day of the platform's calendar (Europe/Paris, as the server counts days), YYYY-MM-DD. */
function platformDay(at: Date): string {
  const parts = {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  } as const;
  return new Intl.DateTimeFormat("en-CA", parts).format(at);
}

/** The last 30 days of the platform's calendar, today included. */
export function defaultPeriod(now = new Date()): Period {
  const to = platformDay(now);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 24 * 3600 * 1000)
    .toISOString()
    .slice(0, 10);
  return { from, to, tenantId: "" };
}

/** A figure in a table cell, right-aligned by the table's numeric columns. */
function Figure({ label }: { label: string }) {
  return <span className="number">{label}</span>;
}

/**
 * The operator's audience measurement (contract article 12): page views and visits per day,
 * unique visitors, top pages, the clients' activity and how often visitors come back, over
 * a period, for every client or one. Only users who accepted the cookie are counted.
 */
export function UsageAnalyticsPage() {
  const { t, formatNumber, formatDate } = useI18n();
  const [draft, setDraft] = useState<Period>(() => defaultPeriod());
  const [period, setPeriod] = useState<Period>(draft);
  const [errors, setErrors] = useState<FormErrors<UsageField>>(noFormErrors);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);
  const [{ data: tenants }] = useQuery({ query: AnnouncementTenantsQuery });
  const [{ data, fetching, error }] = useQuery({
    query: UsageAnalyticsQuery,
    variables: { from: period.from, to: period.to, tenantId: period.tenantId || null },
    requestPolicy: "network-only",
  });
  const apiErrors = error ? apiFormErrors(error, FIELDS, t) : noFormErrors<UsageField>();
  const shown = {
    fields: { ...apiErrors.fields, ...errors.fields },
    form: errors.form ?? apiErrors.form,
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields: FormErrors<UsageField>["fields"] = {};
    if (!draft.from) fields.from = t("form.required");
    if (!draft.to) fields.to = t("form.required");
    else if (draft.from && draft.to < draft.from) fields.to = t("usage.toBeforeFrom");
    const next = { fields, form: null };
    setErrors(next);
    if (Object.keys(fields).length === 0) setPeriod(draft);
  }

  const usage: Usage | undefined = data?.usageAnalytics;
  const percent = (share: number) =>
    t("usage.percent", { value: formatNumber(Math.round(share * 1000) / 10) });

  return (
    <>
      <PageHeader title={t("usage.title")} intro={t("usage.intro")} />
      <form ref={formRef} onSubmit={submit} noValidate className="usage-filters">
        <TextField
          label={t("usage.from")}
          type="date"
          value={draft.from}
          onChange={(from) => setDraft({ ...draft, from })}
          error={shown.fields.from}
        />
        <TextField
          label={t("usage.to")}
          type="date"
          value={draft.to}
          onChange={(to) => setDraft({ ...draft, to })}
          error={shown.fields.to}
        />
        <SelectField
          label={t("usage.tenant")}
          value={draft.tenantId}
          onChange={(tenantId) => setDraft({ ...draft, tenantId })}
          error={shown.fields.tenantId}
        >
          <option value="">{t("usage.allTenants")}</option>
          {tenants?.tenants.nodes.map((tenant) => (
            <option key={tenant.id} value={tenant.id}>
              {tenant.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          {t("usage.show")}
        </button>
      </form>
      <FormAlert message={shown.form} />
      {!usage && fetching && <LoadingState />}
      {usage && !error && (
        <div aria-busy={fetching}>
          <dl className="stat-grid">
            <div className="stat">
              <dt>{t("usage.pageViews")}</dt>
              <dd className="number">{formatNumber(usage.totals.pageViews)}</dd>
            </div>
            <div className="stat">
              <dt>{t("usage.visits")}</dt>
              <dd className="number">{formatNumber(usage.totals.visits)}</dd>
            </div>
            <div className="stat">
              <dt>{t("usage.uniqueVisitors")}</dt>
              <dd className="number">{formatNumber(usage.totals.uniqueVisitors)}</dd>
            </div>
            <div className="stat">
              <dt>{t("usage.within7")}</dt>
              <dd className="number">{percent(usage.returnFrequency.shareWithin7Days)}</dd>
            </div>
            <div className="stat">
              <dt>{t("usage.within30")}</dt>
              <dd className="number">{percent(usage.returnFrequency.shareWithin30Days)}</dd>
            </div>
          </dl>
          <DaysTable usage={usage} formatDate={formatDate} />
          <section className="usage-section">
            <BarChart
              title={t("usage.topPages")}
              horizontal
              table="beside"
              labelHeader={t("usage.col.page")}
              labels={usage.topPages.map((p) => p.path)}
              series={[
                { label: t("usage.pageViews"), values: usage.topPages.map((p) => p.pageViews) },
              ]}
            />
            <DataTable
              exportName="audience-pages"
              caption={t("usage.topPages")}
              columns={pageColumns(t, formatNumber)}
              rows={usage.topPages}
              rowKey={(p) => p.path}
              emptyMessage={t("usage.empty")}
            />
          </section>
          <section className="usage-section">
            <BarChart
              title={t("usage.tenants")}
              horizontal
              table="beside"
              labelHeader={t("usage.col.tenant")}
              labels={usage.tenants.map((row) => row.tenantName ?? t("usage.deletedTenant"))}
              series={[
                { label: t("usage.pageViews"), values: usage.tenants.map((row) => row.pageViews) },
              ]}
            />
            <DataTable
              exportName="audience-clients"
              caption={t("usage.tenants")}
              columns={tenantColumns(t, formatNumber)}
              rows={usage.tenants}
              rowKey={(row) => row.tenantId}
              emptyMessage={t("usage.empty")}
            />
          </section>
          <ReturnTable usage={usage} />
        </div>
      )}
    </>
  );
}

type T = ReturnType<typeof useI18n>["t"];
type FormatNumber = (n: number) => string;

function DaysTable({ usage, formatDate }: { usage: Usage; formatDate: (iso: string) => string }) {
  const { t, formatNumber } = useI18n();
  const columns: Column<Usage["days"][number]>[] = [
    { header: t("usage.col.date"), isRowHeader: true, cell: (d) => formatDate(d.date) },
    {
      header: t("usage.pageViews"),
      cell: (d) => <Figure label={formatNumber(d.pageViews)} />,
    },
    {
      header: t("usage.visits"),
      cell: (d) => <span className="number">{formatNumber(d.visits)}</span>,
    },
    {
      header: t("usage.uniqueVisitors"),
      cell: (d) => <span className="number">{formatNumber(d.uniqueVisitors)}</span>,
    },
  ];
  return (
    <section className="usage-section">
      <BarChart
        title={t("usage.perDay")}
        kind="line"
        table="beside"
        labelHeader={t("usage.col.date")}
        labels={usage.days.map((d) => formatDate(d.date))}
        series={[
          { label: t("usage.pageViews"), values: usage.days.map((d) => d.pageViews) },
          { label: t("usage.visits"), values: usage.days.map((d) => d.visits) },
          { label: t("usage.uniqueVisitors"), values: usage.days.map((d) => d.uniqueVisitors) },
        ]}
      />
      <DataTable
        exportName="audience-par-jour"
        caption={t("usage.perDay")}
        columns={columns}
        rows={usage.days}
        rowKey={(d) => d.date}
        emptyMessage={t("usage.empty")}
      />
    </section>
  );
}

function pageColumns(t: T, formatNumber: FormatNumber): Column<Usage["topPages"][number]>[] {
  return [
    { header: t("usage.col.page"), isRowHeader: true, cell: (p) => <code>{p.path}</code> },
    {
      header: t("usage.pageViews"),
      cell: (p) => <Figure label={formatNumber(p.pageViews)} />,
    },
    {
      header: t("usage.uniqueVisitors"),
      cell: (p) => <span className="number">{formatNumber(p.uniqueVisitors)}</span>,
    },
  ];
}

function tenantColumns(t: T, formatNumber: FormatNumber): Column<Usage["tenants"][number]>[] {
  const num = (n: number) => <span className="number">{formatNumber(n)}</span>;
  return [
    {
      header: t("usage.col.tenant"),
      isRowHeader: true,
      cell: (row) => row.tenantName ?? t("usage.deletedTenant"),
    },
    {
      header: t("usage.pageViews"),
      cell: (row) => <Figure label={formatNumber(row.pageViews)} />,
    },
    { header: t("usage.visits"), cell: (row) => num(row.visits) },
    { header: t("usage.uniqueVisitors"), cell: (row) => num(row.uniqueVisitors) },
    { header: t("usage.activeDays"), cell: (row) => num(row.activeDays) },
  ];
}

function ReturnTable({ usage }: { usage: Usage }) {
  const { t, formatNumber } = useI18n();
  const f = usage.returnFrequency;
  const rows = [
    { key: "first", label: t("usage.return.first"), visits: f.firstVisits },
    { key: "sameDay", label: t("usage.return.sameDay"), visits: f.sameDay },
    { key: "week", label: t("usage.return.week"), visits: f.withinWeek },
    { key: "month", label: t("usage.return.month"), visits: f.withinMonth },
    { key: "later", label: t("usage.return.later"), visits: f.later },
  ];
  return (
    <section className="usage-section">
      <BarChart
        title={t("usage.returnFrequency")}
        table="beside"
        labelHeader={t("usage.col.sinceLastVisit")}
        labels={rows.map((r) => r.label)}
        series={[{ label: t("usage.visits"), values: rows.map((r) => r.visits) }]}
      />
      <DataTable
        caption={t("usage.returnFrequency")}
        columns={[
          { header: t("usage.col.sinceLastVisit"), isRowHeader: true, cell: (r) => r.label },
          {
            header: t("usage.visits"),
            cell: (r) => <Figure label={formatNumber(r.visits)} />,
          },
        ]}
        rows={rows}
        rowKey={(r) => r.key}
        emptyMessage={t("usage.empty")}
      />
    </section>
  );
}

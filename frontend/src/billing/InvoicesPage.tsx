import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import type { InvoiceFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePagination } from "../ui/usePagination";
import { BillingTabs } from "./BillingTabs";
import { invoiceStanding, longDate, monthLabel } from "./billingText";
import { InvoiceDetail, useInvoiceTitle } from "./InvoiceDetail";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";
import { InvoiceQuery, LatestInvoicesQuery } from "./operations";
import "./billing.css";

/** One invoice, opened from the list (`?facture=<id>`). */
function OneInvoice({ id }: { id: string }) {
  const { t } = useI18n();
  const [{ data, fetching, error }] = useQuery({ query: InvoiceQuery, variables: { id } });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/facturation/factures">{t("billing.invoices.backToList")}</Link>
      </p>
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && !data.invoice && <p>{t("billing.invoices.notFound")}</p>}
      {data?.invoice && (
        <section className="panel">
          <InvoiceDetail invoice={data.invoice} />
        </section>
      )}
    </>
  );
}

/** The tenant's invoices and credit notes, the latest first (tenant administrators). */
export function InvoicesPage() {
  const { t, formatMoney, language } = useI18n();
  const [search] = useSearchParams();
  const opened = search.get("facture");
  const pagination = usePagination();
  const title = useInvoiceTitle();
  const [{ data, fetching, error }] = useQuery({
    query: LatestInvoicesQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
    pause: opened !== null,
  });
  const columns: Column<InvoiceFieldsFragment>[] = [
    {
      header: t("billing.invoices.col.number"),
      isRowHeader: true,
      cell: (i) => (
        <Link to={`?facture=${encodeURIComponent(i.id)}`} aria-label={title(i)}>
          {i.number}
        </Link>
      ),
      csv: (i) => i.number,
    },
    {
      header: t("billing.invoices.col.period"),
      cell: (i) => monthLabel(i.periodStart, language),
    },
    {
      header: t("billing.invoices.col.issueDate"),
      cell: (i) => (i.issueDate ? longDate(i.issueDate, language) : "—"),
      csv: (i) => i.issueDate,
    },
    {
      header: t("billing.invoices.col.dueDate"),
      cell: (i) => (i.dueDate && i.kind === "INVOICE" ? longDate(i.dueDate, language) : "—"),
      csv: (i) => i.dueDate,
    },
    {
      header: t("billing.invoices.col.totalIncludingTax"),
      numeric: true,
      cell: (i) => formatMoney(i.totalIncludingTax),
      csv: (i) => i.totalIncludingTax,
    },
    {
      header: t("billing.invoices.col.status"),
      cell: (i) => <InvoiceStatusBadge invoice={i} />,
      csv: (i) => t(`billing.standing.${invoiceStanding(i)}`),
    },
  ];
  return (
    <>
      <PageHeader title={t("billing.invoices.title")} intro={t("billing.invoices.intro")} />
      <BillingTabs />
      {opened !== null ? (
        <OneInvoice id={opened} />
      ) : (
        <>
          {error && <QueryError error={error} />}
          {!data && fetching && <LoadingState />}
          {data && (
            <>
              <DataTable
                caption={t("billing.invoices.caption")}
                columns={columns}
                rows={data.invoices.nodes}
                rowKey={(i) => i.id}
                emptyMessage={t("billing.invoices.empty")}
                exportName="factures"
              />
              <Pager
                page={pagination.page}
                hasNextPage={data.invoices.pageInfo.hasNextPage}
                endCursor={data.invoices.pageInfo.endCursor}
                onNext={pagination.next}
                onPrevious={pagination.previous}
              />
            </>
          )}
        </>
      )}
    </>
  );
}

import type { ReactNode } from "react";
import type { InvoiceFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import { amountDueWithPenalties, cents, documentUrl, longDate, monthLabel } from "./billingText";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";
import { PriceLines } from "./PriceLines";

type Payment = InvoiceFieldsFragment["payments"][number];

/** The invoice's name: "Facture F-2026-0042", "Avoir A-2026-0003", "Brouillon de facture". */
export function useInvoiceTitle(): (invoice: InvoiceFieldsFragment) => string {
  const { t } = useI18n();
  return (invoice) => {
    if (!invoice.number) return t("billing.invoice.draftTitle");
    return t(
      invoice.kind === "CREDIT_NOTE" ? "billing.invoice.creditNoteTitle" : "billing.invoice.title",
      {
        number: invoice.number,
      },
    );
  };
}

interface InvoiceDetailProps {
  invoice: InvoiceFieldsFragment;
  /** Operator staff: the documents are asked for with the invoice's tenant. */
  staff?: boolean;
  /** Staff's actions on the invoice, under its figures. */
  actions?: ReactNode;
  headingLevel?: 2 | 3;
}

/**
 * One invoice or credit note: its dates, lines and totals, the payments received, what a
 * late payment adds (interest, the 40 € indemnity), the formal notice, and its documents.
 */
export function InvoiceDetail({
  invoice,
  staff = false,
  actions,
  headingLevel = 2,
}: InvoiceDetailProps) {
  const { t, formatMoney, formatNumber, formatDate, language } = useI18n();
  const title = useInvoiceTitle()(invoice);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  const docs = (url: string | null | undefined) =>
    url ? documentUrl(url, staff ? invoice.tenantId : undefined) : null;
  const pdf = docs(invoice.pdfUrl);
  const xml = docs(invoice.xmlUrl);
  const html = docs(invoice.htmlUrl);
  const isInvoice = invoice.kind === "INVOICE";
  const late = isInvoice && (invoice.overdue || cents(invoice.lateInterest) > 0);

  const paymentColumns: Column<Payment>[] = [
    {
      header: t("billing.payments.col.paidOn"),
      isRowHeader: true,
      cell: (p) => formatDate(p.paidOn),
      csv: (p) => p.paidOn,
    },
    {
      header: t("billing.payments.col.amount"),
      numeric: true,
      cell: (p) => formatMoney(p.amount),
      csv: (p) => p.amount,
    },
    { header: t("billing.payments.col.method"), cell: (p) => t(`billing.method.${p.method}`) },
    { header: t("billing.payments.col.reference"), cell: (p) => p.reference ?? "—" },
  ];

  return (
    <article className="invoice-detail" aria-labelledby={`invoice-${invoice.id}`}>
      <Heading id={`invoice-${invoice.id}`} className="invoice-detail__title">
        {title} <InvoiceStatusBadge invoice={invoice} />
      </Heading>
      <dl className="details">
        <div className="details__item">
          <dt>{t("billing.invoice.period")}</dt>
          <dd>{monthLabel(invoice.periodStart, language)}</dd>
        </div>
        <div className="details__item">
          <dt>{t("billing.invoice.issueDate")}</dt>
          <dd>
            {invoice.issueDate
              ? longDate(invoice.issueDate, language)
              : t("billing.invoice.notIssued")}
          </dd>
        </div>
        {isInvoice && invoice.dueDate && (
          <div className="details__item">
            <dt>{t("billing.invoice.dueDate")}</dt>
            <dd>{longDate(invoice.dueDate, language)}</dd>
          </div>
        )}
        {invoice.reason && (
          <div className="details__item">
            <dt>{t("billing.invoice.reason")}</dt>
            <dd>{invoice.reason}</dd>
          </div>
        )}
        <div className="details__item">
          <dt>{t("billing.invoice.gridVersion")}</dt>
          <dd>{t("billing.grid.versionNumber", { version: invoice.gridVersion })}</dd>
        </div>
      </dl>
      <PriceLines
        caption={t("billing.invoice.linesCaption", { title })}
        lines={invoice.lines}
        totals={invoice}
      />
      {isInvoice && invoice.status === "ISSUED" && (
        <section aria-label={t("billing.payments.title")}>
          <Sub>{t("billing.payments.title")}</Sub>
          <p>
            {t("billing.payments.summary", {
              paid: formatMoney(invoice.paid),
              outstanding: formatMoney(invoice.outstanding),
            })}
          </p>
          {invoice.payments.length > 0 && (
            <DataTable
              caption={t("billing.payments.caption", { title })}
              columns={paymentColumns}
              rows={invoice.payments}
              rowKey={(p) => p.id}
              emptyMessage={t("billing.payments.empty")}
            />
          )}
        </section>
      )}
      {late && (
        <section
          className="invoice-late"
          aria-label={t("billing.late.title")}
          data-testid="late-penalties"
        >
          <Sub>{t("billing.late.title")}</Sub>
          <dl className="details">
            <div className="details__item">
              <dt>{t("billing.late.daysLate")}</dt>
              <dd>{t("billing.late.days", { count: formatNumber(invoice.daysLate) })}</dd>
            </div>
            <div className="details__item">
              <dt>
                {t("billing.late.interest", {
                  rate: formatNumber(Number(invoice.interestRatePercent)),
                })}
              </dt>
              <dd data-testid="late-interest">{formatMoney(invoice.lateInterest)}</dd>
            </div>
            <div className="details__item">
              <dt>{t("billing.late.indemnity")}</dt>
              <dd data-testid="recovery-indemnity">{formatMoney(invoice.recoveryIndemnity)}</dd>
            </div>
            <div className="details__item">
              <dt>{t("billing.late.totalDue")}</dt>
              <dd>
                <strong>{formatMoney(amountDueWithPenalties(invoice))}</strong>
              </dd>
            </div>
          </dl>
          <p className="muted">{t("billing.late.note")}</p>
        </section>
      )}
      {invoice.formalNoticeAt && (
        <p className="alert alert--warning">
          {t("billing.invoice.formalNotice", { date: longDate(invoice.formalNoticeAt, language) })}
        </p>
      )}
      {invoice.suspendedAt && (
        <p className="alert alert--error">
          {t("billing.invoice.suspended", { date: longDate(invoice.suspendedAt, language) })}
        </p>
      )}
      {(pdf || xml || html) && (
        <ul className="invoice-documents" aria-label={t("billing.documents.label")}>
          {pdf && (
            <li>
              <a className="button button--secondary button--small" href={pdf} download>
                {t("billing.documents.pdf")}
              </a>
            </li>
          )}
          {xml && (
            <li>
              <a className="button button--secondary button--small" href={xml} download>
                {t("billing.documents.xml")}
              </a>
            </li>
          )}
          {html && (
            <li>
              <a
                className="button button--secondary button--small"
                href={html}
                target="_blank"
                rel="noopener"
              >
                {t("billing.documents.html")}
              </a>
            </li>
          )}
        </ul>
      )}
      {actions && <div className="invoice-actions">{actions}</div>}
    </article>
  );
}

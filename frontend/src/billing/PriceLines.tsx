import type { PriceLineFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import { formatUnitPrice, quantity } from "./billingText";

interface Totals {
  totalExcludingTax: string;
  vatRate: string;
  vat: string;
  totalIncludingTax: string;
}

interface PriceLinesProps {
  caption: string;
  lines: readonly PriceLineFieldsFragment[];
  totals: Totals;
  /** The level's monthly minimum and whether it was applied (a quote). */
  minimum?: { amount: string; applied: boolean };
  exportName?: string;
}

/** The priced lines of a month (a quote, an estimate, an invoice) and their totals. */
export function PriceLines({ caption, lines, totals, minimum, exportName }: PriceLinesProps) {
  const { t, formatMoney, formatNumber, language } = useI18n();
  const columns: Column<PriceLineFieldsFragment>[] = [
    { header: t("billing.lines.label"), isRowHeader: true, cell: (l) => l.label },
    {
      header: t("billing.lines.quantity"),
      numeric: true,
      cell: (l) => `${formatNumber(quantity(l.quantity))} ${l.unit}`,
      csv: (l) => l.quantity,
    },
    {
      header: t("billing.lines.unitPrice"),
      numeric: true,
      cell: (l) => formatUnitPrice(l.unitPrice, language),
      csv: (l) => l.unitPrice,
    },
    {
      header: t("billing.lines.amount"),
      numeric: true,
      cell: (l) => formatMoney(l.amount),
      csv: (l) => l.amount,
    },
  ];
  // The API gives the rate in percent ("20").
  const vatPercent = formatNumber(Number(totals.vatRate));
  return (
    <div className="price-lines">
      <DataTable
        caption={caption}
        columns={columns}
        rows={lines}
        rowKey={(l) => `${l.code}-${l.label}`}
        emptyMessage={t("billing.lines.empty")}
        exportName={exportName}
      />
      {minimum && (
        <p className="muted" data-testid="minimum-note">
          {t(minimum.applied ? "billing.minimum.applied" : "billing.minimum.notApplied", {
            amount: formatMoney(minimum.amount),
          })}
        </p>
      )}
      <dl className="price-totals" aria-label={t("billing.totals.label")}>
        <div>
          <dt>{t("billing.totals.excludingTax")}</dt>
          <dd data-testid="total-excluding-tax">{formatMoney(totals.totalExcludingTax)}</dd>
        </div>
        <div>
          <dt>{t("billing.totals.vat", { rate: vatPercent })}</dt>
          <dd>{formatMoney(totals.vat)}</dd>
        </div>
        <div className="price-totals__grand">
          <dt>{t("billing.totals.includingTax")}</dt>
          <dd data-testid="total-including-tax">{formatMoney(totals.totalIncludingTax)}</dd>
        </div>
      </dl>
    </div>
  );
}

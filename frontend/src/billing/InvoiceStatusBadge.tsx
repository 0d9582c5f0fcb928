import { useI18n } from "../i18n/useI18n";
import { invoiceStanding, type StandingFields } from "./billingText";

/** Where an invoice stands, in words, in a coloured badge: payée, à payer, en retard, avoir. */
export function InvoiceStatusBadge({ invoice }: { invoice: StandingFields }) {
  const { t } = useI18n();
  const standing = invoiceStanding(invoice);
  return (
    <span className={`invoice-status invoice-status--${standing}`}>
      {t(`billing.standing.${standing}`)}
    </span>
  );
}

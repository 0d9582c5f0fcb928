import { NavLink } from "react-router";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import type { MessageKey } from "../i18n/fr";

const TABS: { to: string; label: MessageKey; adminOnly: boolean }[] = [
  { to: "/facturation/consommation", label: "billing.tabs.consumption", adminOnly: false },
  { to: "/facturation/simulateur", label: "billing.tabs.simulator", adminOnly: true },
  { to: "/facturation/offre", label: "billing.tabs.offer", adminOnly: true },
  { to: "/facturation/factures", label: "billing.tabs.invoices", adminOnly: true },
];

/** The billing pages of a tenant, one link each; an Analyse user sees the consumption only. */
export function BillingTabs() {
  const { t } = useI18n();
  const viewer = useViewer();
  const tabs = TABS.filter((tab) => viewer.isTenantAdmin || !tab.adminOnly);
  if (tabs.length < 2) return null;
  return (
    <nav className="billing-tabs" aria-label={t("billing.tabs.label")}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end>
              {t(tab.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

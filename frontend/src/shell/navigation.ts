import type { Right } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import type { Viewer } from "../session/SessionProvider";

export interface NavigationLink {
  to: string;
  label: MessageKey;
}

export interface NavigationSection {
  title: MessageKey;
  links: NavigationLink[];
}

/**
 * The menu a viewer sees: only what their role and rights allow (the API checks again on every
 * call).
 */
export function navigationFor(viewer: Viewer): NavigationSection[] {
  const sections: NavigationSection[] = [];
  const has = (right: Right) => viewer.rights.includes(right);
  const contacts: NavigationLink[] = [];
  if (has("CONSULT")) contacts.push({ to: "/contacts", label: "nav.contactList" });
  if (has("IMPORT")) contacts.push({ to: "/imports", label: "nav.imports" });
  if (has("ANALYSE")) {
    contacts.push({ to: "/segments", label: "nav.segments" });
    contacts.push({ to: "/postal", label: "nav.postal" });
  }
  if (contacts.length > 0) sections.push({ title: "nav.contacts", links: contacts });
  if (has("COMMUNICATE")) {
    sections.push({
      title: "nav.campaigns",
      links: [
        { to: "/campagnes", label: "nav.campaignList" },
        { to: "/campagnes/modeles", label: "nav.templates" },
        { to: "/campagnes/opposition", label: "nav.suppressions" },
      ],
    });
  }
  // Billing: the consumption for administrators and Analyse users, the rest for administrators.
  if (viewer.isTenantAdmin || has("ANALYSE")) {
    const billing: NavigationLink[] = [
      { to: "/facturation/consommation", label: "nav.consumption" },
    ];
    if (viewer.isTenantAdmin) {
      billing.push(
        { to: "/facturation/simulateur", label: "nav.simulator" },
        { to: "/facturation/offre", label: "nav.offer" },
        { to: "/facturation/factures", label: "nav.invoices" },
      );
    }
    sections.push({ title: "nav.billing", links: billing });
  }
  // The support desk: every user of a tenant, whatever their rights.
  if (viewer.kind === "TENANT_USER" || viewer.kind === "TENANT_ADMIN") {
    sections.push({
      title: "nav.support",
      links: [
        { to: "/support", label: "nav.myTickets" },
        { to: "/support/nouveau", label: "nav.openTicket" },
      ],
    });
  }
  if (viewer.isOperator) {
    sections.push({
      title: "nav.operator",
      links: [
        { to: "/operator/tenants", label: "nav.tenants" },
        { to: "/operator/health", label: "nav.platformHealth" },
        { to: "/operator/jobs", label: "nav.jobs" },
        { to: "/operator/announcements", label: "nav.announcements" },
        { to: "/operator/analytics", label: "nav.usage" },
        { to: "/operator/audit", label: "nav.platformAudit" },
      ],
    });
    sections.push({
      title: "nav.support",
      links: [{ to: "/operator/support", label: "nav.supportQueue" }],
    });
    sections.push({
      title: "nav.billing",
      links: [
        { to: "/operator/facturation", label: "nav.tenantBilling" },
        { to: "/operator/factures", label: "nav.operatorInvoices" },
        { to: "/operator/grilles", label: "nav.priceGrids" },
        { to: "/operator/chiffre-affaires", label: "nav.revenue" },
      ],
    });
  }
  if (viewer.isTenantAdmin) {
    sections.push({
      title: "nav.administration",
      links: [
        { to: "/admin/users", label: "nav.users" },
        { to: "/admin/api-tokens", label: "nav.apiTokens" },
        { to: "/admin/allowed-networks", label: "nav.allowedNetworks" },
        { to: "/admin/custom-fields", label: "nav.customFields" },
        { to: "/admin/connection-log", label: "nav.connectionLog" },
        { to: "/admin/audit-log", label: "nav.auditLog" },
      ],
    });
  }
  return sections;
}

/**
 * The page a viewer lands on after logging in: the home page, which shows each role its own
 * overview (the database at a glance for a tenant's users, the platform for operator staff).
 */
export function homePathFor(_viewer: Viewer): string {
  return "/";
}

/**
 * The router's configuration, as data: every route of the app, its guard and its page. App.tsx
 * turns it into React Router routes (a page name for each element), and the end-to-end tests
 * walk it to visit every page (e2e/narrow-screens.test.ts). No React here, so node can read it.
 * To add a screen: add its page name to `PageName`, its route below, and its element in App.tsx.
 */
import type { Right } from "./gql/graphql";

export type PageName =
  | "login"
  | "forgotPassword"
  | "resetPassword"
  | "changePassword"
  | "home"
  | "account"
  | "contacts"
  | "newContact"
  | "contact"
  | "contactEdit"
  | "imports"
  | "newImport"
  | "import"
  | "segments"
  | "newSegment"
  | "segment"
  | "postal"
  | "postalRun"
  | "users"
  | "newUser"
  | "user"
  | "apiTokens"
  | "allowedNetworks"
  | "customFields"
  | "connectionLog"
  | "auditLog"
  | "tenants"
  | "newTenant"
  | "platformHealth"
  | "jobs"
  | "announcements"
  | "usageAnalytics"
  | "platformAuditLog"
  | "campaigns"
  | "newCampaign"
  | "campaign"
  | "templates"
  | "newTemplate"
  | "template"
  | "suppressions"
  | "billingConsumption"
  | "billingSimulator"
  | "billingOffer"
  | "invoices"
  | "tenantBilling"
  | "operatorInvoices"
  | "priceGrids"
  | "revenue"
  | "tickets"
  | "newTicket"
  | "ticket"
  | "supportQueue"
  | "supportTicket"
  | "notFound";

/** Who may open a route's pages: signed-in viewers, a role, or the holders of a right. */
export type Guard =
  | { kind: "signedIn" }
  | { kind: "shell" }
  | { kind: "tenantAdmin" }
  /** Any user of a tenant, whatever their rights (the support desk). */
  | { kind: "tenantMember" }
  | { kind: "operator" }
  | { kind: "right"; right: Right }
  /** Any one of the guards (billing: a tenant administrator or the holder of a right). */
  | { kind: "anyOf"; guards: Guard[] };

export interface AppRoute {
  /** Relative to the parent, as React Router reads it; absent for an index route. */
  path?: string;
  index?: true;
  page?: PageName;
  /** A route that only sends elsewhere (relative to its parent). */
  redirect?: string;
  guard?: Guard;
  children?: AppRoute[];
}

const right = (r: Right): Guard => ({ kind: "right", right: r });
const tenantAdmin: Guard = { kind: "tenantAdmin" };

export const APP_ROUTES: AppRoute[] = [
  { path: "/login", page: "login" },
  { path: "/mot-de-passe-oublie", page: "forgotPassword" },
  { path: "/reinitialiser-mot-de-passe", page: "resetPassword" },
  {
    guard: { kind: "signedIn" },
    children: [
      { path: "/change-password", page: "changePassword" },
      {
        guard: { kind: "shell" },
        children: [
          { index: true, page: "home" },
          { path: "account", page: "account" },
          {
            path: "contacts",
            guard: right("CONSULT"),
            children: [
              { index: true, page: "contacts" },
              // Creating and editing put data in: the Import right too.
              { path: "new", page: "newContact", guard: right("IMPORT") },
              { path: ":contactId", page: "contact" },
              { path: ":contactId/edit", page: "contactEdit", guard: right("IMPORT") },
            ],
          },
          {
            path: "imports",
            guard: right("IMPORT"),
            children: [
              { index: true, page: "imports" },
              { path: "new", page: "newImport" },
              { path: ":importId", page: "import" },
            ],
          },
          {
            path: "segments",
            guard: right("ANALYSE"),
            children: [
              { index: true, page: "segments" },
              { path: "new", page: "newSegment" },
              { path: ":segmentId", page: "segment" },
            ],
          },
          {
            path: "postal",
            guard: right("ANALYSE"),
            children: [
              { index: true, page: "postal" },
              { path: "runs/:runId", page: "postalRun" },
            ],
          },
          {
            path: "campagnes",
            guard: right("COMMUNICATE"),
            children: [
              { index: true, page: "campaigns" },
              { path: "nouvelle", page: "newCampaign" },
              { path: "modeles", page: "templates" },
              { path: "modeles/nouveau", page: "newTemplate" },
              { path: "modeles/:templateId", page: "template" },
              { path: "opposition", page: "suppressions" },
              { path: ":campaignId", page: "campaign" },
            ],
          },
          {
            // The consumption is also the Analyse right's; the rest, the administrator's.
            path: "facturation",
            guard: { kind: "anyOf", guards: [tenantAdmin, right("ANALYSE")] },
            children: [
              { index: true, redirect: "consommation" },
              { path: "consommation", page: "billingConsumption" },
              { path: "simulateur", page: "billingSimulator", guard: tenantAdmin },
              { path: "offre", page: "billingOffer", guard: tenantAdmin },
              { path: "factures", page: "invoices", guard: tenantAdmin },
            ],
          },
          {
            // The support desk: every user of a tenant, whatever their rights.
            path: "support",
            guard: { kind: "tenantMember" },
            children: [
              { index: true, page: "tickets" },
              { path: "nouveau", page: "newTicket" },
              { path: ":ticketId", page: "ticket" },
            ],
          },
          {
            path: "admin",
            guard: { kind: "tenantAdmin" },
            children: [
              { index: true, redirect: "users" },
              { path: "users", page: "users" },
              { path: "users/new", page: "newUser" },
              { path: "users/:userId", page: "user" },
              { path: "api-tokens", page: "apiTokens" },
              { path: "allowed-networks", page: "allowedNetworks" },
              { path: "custom-fields", page: "customFields" },
              { path: "connection-log", page: "connectionLog" },
              { path: "audit-log", page: "auditLog" },
            ],
          },
          {
            path: "operator",
            guard: { kind: "operator" },
            children: [
              { index: true, redirect: "tenants" },
              { path: "tenants", page: "tenants" },
              { path: "tenants/new", page: "newTenant" },
              { path: "health", page: "platformHealth" },
              { path: "jobs", page: "jobs" },
              { path: "announcements", page: "announcements" },
              { path: "analytics", page: "usageAnalytics" },
              { path: "audit", page: "platformAuditLog" },
              { path: "facturation", page: "tenantBilling" },
              { path: "factures", page: "operatorInvoices" },
              { path: "grilles", page: "priceGrids" },
              { path: "chiffre-affaires", page: "revenue" },
              { path: "support", page: "supportQueue" },
              { path: "support/:tenantId/:ticketId", page: "supportTicket" },
            ],
          },
          { path: "*", page: "notFound" },
        ],
      },
    ],
  },
];

/** One page of the app with its full path and every guard on the way to it. */
export interface PageRoute {
  path: string;
  page: PageName;
  guards: Guard[];
}

function join(parent: string, path: string | undefined): string {
  if (path === undefined) return parent || "/";
  if (path.startsWith("/")) return path;
  return `${parent.replace(/\/$/, "")}/${path}`;
}

/** Every page of the router (redirects left out), with its full path and guards. */
export function pageRoutes(
  routes: AppRoute[] = APP_ROUTES,
  parent = "",
  guards: Guard[] = [],
): PageRoute[] {
  return routes.flatMap((route) => {
    const path = join(parent, route.path);
    const chain = route.guard ? [...guards, route.guard] : guards;
    const own: PageRoute[] = route.page ? [{ path, page: route.page, guards: chain }] : [];
    return [
      ...own,
      ...(route.children
        ? pageRoutes(route.children, route.path === undefined ? parent : path, chain)
        : []),
    ];
  });
}

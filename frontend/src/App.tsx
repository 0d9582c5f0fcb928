import { lazy, type ReactElement } from "react";
import { Navigate, useRoutes, type RouteObject } from "react-router";
import { AccountPage } from "./account/AccountPage";
import { ApiTokensPage } from "./admin/apiTokens/ApiTokensPage";
import { AllowedNetworksPage } from "./admin/networks/AllowedNetworksPage";
import { AuditLogPage } from "./admin/logs/AuditLogPage";
import { ConnectionLogPage } from "./admin/logs/ConnectionLogPage";
import { CustomFieldsPage } from "./admin/customFields/CustomFieldsPage";
import { CreateUserPage } from "./admin/users/CreateUserPage";
import { UserDetailPage } from "./admin/users/UserDetailPage";
import { UsersPage } from "./admin/users/UsersPage";
import { AnalyticsConsent } from "./analytics/AnalyticsConsent";
import { ChangePasswordPage } from "./auth/ChangePasswordPage";
import { ForgotPasswordPage } from "./auth/ForgotPasswordPage";
import { LoginPage } from "./auth/LoginPage";
import { ResetPasswordPage } from "./auth/ResetPasswordPage";
import { AnnouncementsPage } from "./operator/AnnouncementsPage";
import { CreateTenantPage } from "./operator/CreateTenantPage";
import { PlatformHealthPage } from "./operator/PlatformHealthPage";
import { PlatformAuditLogPage } from "./operator/PlatformAuditLogPage";
import { TenantsPage } from "./operator/TenantsPage";
import type { Viewer } from "./session/SessionProvider";
import { AppShell } from "./shell/AppShell";
import { NotFoundPage, RequireRole, RequireViewer } from "./shell/guards";
import { APP_ROUTES, type AppRoute, type Guard, type PageName } from "./routes";

// The contact, import, segment and postal screens load on first use: the login stays light.
const ContactDetailPage = lazy(() =>
  import("./contacts/ContactDetailPage").then((m) => ({ default: m.ContactDetailPage })),
);
const ContactEditPage = lazy(() =>
  import("./contacts/ContactEditPage").then((m) => ({ default: m.ContactEditPage })),
);
const ContactsPage = lazy(() =>
  import("./contacts/ContactsPage").then((m) => ({ default: m.ContactsPage })),
);
const ImportPage = lazy(() =>
  import("./imports/ImportPage").then((m) => ({ default: m.ImportPage })),
);
const ImportsPage = lazy(() =>
  import("./imports/ImportsPage").then((m) => ({ default: m.ImportsPage })),
);
const NewImportPage = lazy(() =>
  import("./imports/NewImportPage").then((m) => ({ default: m.NewImportPage })),
);
const PostalPage = lazy(() =>
  import("./postal/PostalPage").then((m) => ({ default: m.PostalPage })),
);
const PostalRunPage = lazy(() =>
  import("./postal/PostalRunPage").then((m) => ({ default: m.PostalRunPage })),
);
const SegmentsPage = lazy(() =>
  import("./segments/SegmentsPage").then((m) => ({ default: m.SegmentsPage })),
);
const NewSegmentPage = lazy(() =>
  import("./segments/SegmentEditorPage").then((m) => ({ default: m.NewSegmentPage })),
);
const SegmentPage = lazy(() =>
  import("./segments/SegmentEditorPage").then((m) => ({ default: m.SegmentPage })),
);

// The home page, the jobs and the audience measurement draw charts (Chart.js): loaded on use.
const HomePage = lazy(() => import("./home/HomePage").then((m) => ({ default: m.HomePage })));
const JobsPage = lazy(() => import("./operator/JobsPage").then((m) => ({ default: m.JobsPage })));
const UsageAnalyticsPage = lazy(() =>
  import("./operator/UsageAnalyticsPage").then((m) => ({ default: m.UsageAnalyticsPage })),
);
const NewContactPage = lazy(() =>
  import("./contacts/NewContactPage").then((m) => ({ default: m.NewContactPage })),
);

// The campaign screens (the detail draws a chart): loaded on use.
const CampaignsPage = lazy(() =>
  import("./campaigns/CampaignsPage").then((m) => ({ default: m.CampaignsPage })),
);
const CampaignWizardPage = lazy(() =>
  import("./campaigns/CampaignWizardPage").then((m) => ({ default: m.CampaignWizardPage })),
);
const CampaignDetailPage = lazy(() =>
  import("./campaigns/CampaignDetailPage").then((m) => ({ default: m.CampaignDetailPage })),
);
const TemplatesPage = lazy(() =>
  import("./campaigns/TemplatesPage").then((m) => ({ default: m.TemplatesPage })),
);
const NewTemplatePage = lazy(() =>
  import("./campaigns/TemplateEditorPage").then((m) => ({ default: m.NewTemplatePage })),
);
const TemplatePage = lazy(() =>
  import("./campaigns/TemplateEditorPage").then((m) => ({ default: m.TemplatePage })),
);
const SuppressionsPage = lazy(() =>
  import("./campaigns/SuppressionsPage").then((m) => ({ default: m.SuppressionsPage })),
);

// The billing screens (consumption and revenue draw charts): loaded on use.
const ConsumptionPage = lazy(() =>
  import("./billing/ConsumptionPage").then((m) => ({ default: m.ConsumptionPage })),
);
const SimulatorPage = lazy(() =>
  import("./billing/SimulatorPage").then((m) => ({ default: m.SimulatorPage })),
);
const PlanPage = lazy(() => import("./billing/PlanPage").then((m) => ({ default: m.PlanPage })));
const InvoicesPage = lazy(() =>
  import("./billing/InvoicesPage").then((m) => ({ default: m.InvoicesPage })),
);
const TenantBillingPage = lazy(() =>
  import("./billing/TenantBillingPage").then((m) => ({ default: m.TenantBillingPage })),
);
const OperatorInvoicesPage = lazy(() =>
  import("./billing/OperatorInvoicesPage").then((m) => ({ default: m.OperatorInvoicesPage })),
);
const PriceGridsPage = lazy(() =>
  import("./billing/PriceGridsPage").then((m) => ({ default: m.PriceGridsPage })),
);
const RevenuePage = lazy(() =>
  import("./billing/RevenuePage").then((m) => ({ default: m.RevenuePage })),
);

// The support desk: loaded on use.
const MyTicketsPage = lazy(() =>
  import("./support/MyTicketsPage").then((m) => ({ default: m.MyTicketsPage })),
);
const OpenTicketPage = lazy(() =>
  import("./support/OpenTicketPage").then((m) => ({ default: m.OpenTicketPage })),
);
const TicketPage = lazy(() =>
  import("./support/TicketPage").then((m) => ({ default: m.TicketPage })),
);
const SupportQueuePage = lazy(() =>
  import("./support/SupportQueuePage").then((m) => ({ default: m.SupportQueuePage })),
);
const StaffTicketPage = lazy(() =>
  import("./support/StaffTicketPage").then((m) => ({ default: m.StaffTicketPage })),
);

/** The element of every page the router configuration (routes.ts) names. */
const PAGES: Record<PageName, ReactElement> = {
  login: <LoginPage />,
  forgotPassword: <ForgotPasswordPage />,
  resetPassword: <ResetPasswordPage />,
  changePassword: <ChangePasswordPage />,
  home: <HomePage />,
  account: <AccountPage />,
  contacts: <ContactsPage />,
  newContact: <NewContactPage />,
  contact: <ContactDetailPage />,
  contactEdit: <ContactEditPage />,
  imports: <ImportsPage />,
  newImport: <NewImportPage />,
  import: <ImportPage />,
  segments: <SegmentsPage />,
  newSegment: <NewSegmentPage />,
  segment: <SegmentPage />,
  postal: <PostalPage />,
  postalRun: <PostalRunPage />,
  users: <UsersPage />,
  newUser: <CreateUserPage />,
  user: <UserDetailPage />,
  apiTokens: <ApiTokensPage />,
  allowedNetworks: <AllowedNetworksPage />,
  customFields: <CustomFieldsPage />,
  connectionLog: <ConnectionLogPage />,
  auditLog: <AuditLogPage />,
  tenants: <TenantsPage />,
  newTenant: <CreateTenantPage />,
  platformHealth: <PlatformHealthPage />,
  jobs: <JobsPage />,
  announcements: <AnnouncementsPage />,
  usageAnalytics: <UsageAnalyticsPage />,
  platformAuditLog: <PlatformAuditLogPage />,
  campaigns: <CampaignsPage />,
  newCampaign: <CampaignWizardPage />,
  campaign: <CampaignDetailPage />,
  templates: <TemplatesPage />,
  newTemplate: <NewTemplatePage />,
  template: <TemplatePage />,
  suppressions: <SuppressionsPage />,
  billingConsumption: <ConsumptionPage />,
  billingSimulator: <SimulatorPage />,
  billingOffer: <PlanPage />,
  invoices: <InvoicesPage />,
  tenantBilling: <TenantBillingPage />,
  operatorInvoices: <OperatorInvoicesPage />,
  priceGrids: <PriceGridsPage />,
  revenue: <RevenuePage />,
  tickets: <MyTicketsPage />,
  newTicket: <OpenTicketPage />,
  ticket: <TicketPage />,
  supportQueue: <SupportQueuePage />,
  supportTicket: <StaffTicketPage />,
  notFound: <NotFoundPage />,
};

function roleOf(guard: Guard): (viewer: Viewer) => boolean {
  switch (guard.kind) {
    case "tenantAdmin":
      return (viewer) => viewer.isTenantAdmin;
    case "tenantMember":
      return (viewer) => viewer.kind === "TENANT_USER" || viewer.kind === "TENANT_ADMIN";
    case "operator":
      return (viewer) => viewer.isOperator;
    case "right":
      return (viewer) => viewer.rights.includes(guard.right);
    case "anyOf": {
      const roles = guard.guards.map(roleOf);
      return (viewer) => roles.some((role) => role(viewer));
    }
    case "signedIn":
    case "shell":
      return () => true;
  }
}

function guardElement(guard: Guard): ReactElement {
  switch (guard.kind) {
    case "signedIn":
      return <RequireViewer />;
    case "shell":
      return <AppShell />;
    default:
      return <RequireRole role={roleOf(guard)} />;
  }
}

/** React Router's routes from the configuration. */
function toRoutes(routes: AppRoute[]): RouteObject[] {
  return routes.map((route): RouteObject => {
    const element = route.redirect ? (
      <Navigate to={route.redirect} replace />
    ) : route.page ? (
      PAGES[route.page]
    ) : route.guard ? (
      guardElement(route.guard)
    ) : undefined;
    const children = route.children ? toRoutes(route.children) : undefined;
    if (route.index) return { index: true, element };
    // A page with a guard of its own is wrapped: guard, then page.
    if (route.guard && route.page) {
      return {
        path: route.path,
        element: guardElement(route.guard),
        children: [{ index: true, element: PAGES[route.page] }, ...(children ?? [])],
      };
    }
    return {
      path: route.path,
      element: route.guard ? guardElement(route.guard) : element,
      children,
    };
  });
}

const ROUTES = toRoutes(APP_ROUTES);

export function App() {
  return (
    <>
      <AnalyticsConsent />
      <AppRoutes />
    </>
  );
}

function AppRoutes() {
  return useRoutes(ROUTES);
}

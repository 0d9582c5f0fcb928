import { lazy } from "react";
import { Navigate, Route, Routes } from "react-router";
import { AccountPage } from "./account/AccountPage";
import { ApiTokensPage } from "./admin/apiTokens/ApiTokensPage";
import { AuditLogPage } from "./admin/logs/AuditLogPage";
import { ConnectionLogPage } from "./admin/logs/ConnectionLogPage";
import { CustomFieldsPage } from "./admin/customFields/CustomFieldsPage";
import { CreateUserPage } from "./admin/users/CreateUserPage";
import { UserDetailPage } from "./admin/users/UserDetailPage";
import { UsersPage } from "./admin/users/UsersPage";
import { AnalyticsConsent } from "./analytics/AnalyticsConsent";
import { ChangePasswordPage } from "./auth/ChangePasswordPage";
import { LoginPage } from "./auth/LoginPage";
import type { Right } from "./gql/graphql";
import { AnnouncementsPage } from "./operator/AnnouncementsPage";
import { CreateTenantPage } from "./operator/CreateTenantPage";
import { PlatformHealthPage } from "./operator/PlatformHealthPage";
import { TenantsPage } from "./operator/TenantsPage";
import { UsageAnalyticsPage } from "./operator/UsageAnalyticsPage";
import type { Viewer } from "./session/SessionProvider";
import { AppShell } from "./shell/AppShell";
import { HomeRedirect, NotFoundPage, RequireRole, RequireViewer } from "./shell/guards";

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

const isTenantAdmin = (viewer: Viewer) => viewer.isTenantAdmin;
const isOperator = (viewer: Viewer) => viewer.isOperator;
const holds = (right: Right) => (viewer: Viewer) => viewer.rights.includes(right);

export function App() {
  return (
    <>
      <AnalyticsConsent />
      <AppRoutes />
    </>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireViewer />}>
        <Route path="/change-password" element={<ChangePasswordPage />} />
        <Route element={<AppShell />}>
          <Route index element={<HomeRedirect />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="contacts" element={<RequireRole role={holds("CONSULT")} />}>
            <Route index element={<ContactsPage />} />
            <Route path=":contactId" element={<ContactDetailPage />} />
            <Route path=":contactId/edit" element={<ContactEditPage />} />
          </Route>
          <Route path="imports" element={<RequireRole role={holds("IMPORT")} />}>
            <Route index element={<ImportsPage />} />
            <Route path="new" element={<NewImportPage />} />
            <Route path=":importId" element={<ImportPage />} />
          </Route>
          <Route path="segments" element={<RequireRole role={holds("ANALYSE")} />}>
            <Route index element={<SegmentsPage />} />
            <Route path="new" element={<NewSegmentPage />} />
            <Route path=":segmentId" element={<SegmentPage />} />
          </Route>
          <Route path="postal" element={<RequireRole role={holds("ANALYSE")} />}>
            <Route index element={<PostalPage />} />
            <Route path="runs/:runId" element={<PostalRunPage />} />
          </Route>
          <Route path="admin" element={<RequireRole role={isTenantAdmin} />}>
            <Route index element={<Navigate to="users" replace />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="users/new" element={<CreateUserPage />} />
            <Route path="users/:userId" element={<UserDetailPage />} />
            <Route path="api-tokens" element={<ApiTokensPage />} />
            <Route path="custom-fields" element={<CustomFieldsPage />} />
            <Route path="connection-log" element={<ConnectionLogPage />} />
            <Route path="audit-log" element={<AuditLogPage />} />
          </Route>
          <Route path="operator" element={<RequireRole role={isOperator} />}>
            <Route index element={<Navigate to="tenants" replace />} />
            <Route path="tenants" element={<TenantsPage />} />
            <Route path="tenants/new" element={<CreateTenantPage />} />
            <Route path="health" element={<PlatformHealthPage />} />
            <Route path="announcements" element={<AnnouncementsPage />} />
            <Route path="analytics" element={<UsageAnalyticsPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

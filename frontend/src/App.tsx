import { Navigate, Route, Routes } from "react-router";
import { AccountPage } from "./account/AccountPage";
import { ApiTokensPage } from "./admin/apiTokens/ApiTokensPage";
import { AuditLogPage } from "./admin/logs/AuditLogPage";
import { ConnectionLogPage } from "./admin/logs/ConnectionLogPage";
import { CreateUserPage } from "./admin/users/CreateUserPage";
import { UserDetailPage } from "./admin/users/UserDetailPage";
import { UsersPage } from "./admin/users/UsersPage";
import { ChangePasswordPage } from "./auth/ChangePasswordPage";
import { LoginPage } from "./auth/LoginPage";
import { CreateTenantPage } from "./operator/CreateTenantPage";
import { PlatformHealthPage } from "./operator/PlatformHealthPage";
import { TenantsPage } from "./operator/TenantsPage";
import type { Viewer } from "./session/SessionProvider";
import { AppShell } from "./shell/AppShell";
import { HomeRedirect, NotFoundPage, RequireRole, RequireViewer } from "./shell/guards";

const isTenantAdmin = (viewer: Viewer) => viewer.isTenantAdmin;
const isOperator = (viewer: Viewer) => viewer.isOperator;

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireViewer />}>
        <Route path="/change-password" element={<ChangePasswordPage />} />
        <Route element={<AppShell />}>
          <Route index element={<HomeRedirect />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="admin" element={<RequireRole role={isTenantAdmin} />}>
            <Route index element={<Navigate to="users" replace />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="users/new" element={<CreateUserPage />} />
            <Route path="users/:userId" element={<UserDetailPage />} />
            <Route path="api-tokens" element={<ApiTokensPage />} />
            <Route path="connection-log" element={<ConnectionLogPage />} />
            <Route path="audit-log" element={<AuditLogPage />} />
          </Route>
          <Route path="operator" element={<RequireRole role={isOperator} />}>
            <Route index element={<Navigate to="tenants" replace />} />
            <Route path="tenants" element={<TenantsPage />} />
            <Route path="tenants/new" element={<CreateTenantPage />} />
            <Route path="health" element={<PlatformHealthPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

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
 * The menu a viewer sees: only what their role allows (the API checks again on every call).
 * Features not yet built (contacts, imports, segments, campaigns) have no entry at all.
 */
export function navigationFor(viewer: Viewer): NavigationSection[] {
  const sections: NavigationSection[] = [];
  if (viewer.isOperator) {
    sections.push({
      title: "nav.operator",
      links: [
        { to: "/operator/tenants", label: "nav.tenants" },
        { to: "/operator/health", label: "nav.platformHealth" },
      ],
    });
  }
  if (viewer.isTenantAdmin) {
    sections.push({
      title: "nav.administration",
      links: [
        { to: "/admin/users", label: "nav.users" },
        { to: "/admin/api-tokens", label: "nav.apiTokens" },
        { to: "/admin/connection-log", label: "nav.connectionLog" },
        { to: "/admin/audit-log", label: "nav.auditLog" },
      ],
    });
  }
  return sections;
}

/** The page a viewer lands on after logging in. */
export function homePathFor(viewer: Viewer): string {
  if (viewer.isOperator) return "/operator/tenants";
  if (viewer.isTenantAdmin) return "/admin/users";
  return "/account";
}

import { describe, expect, it } from "vitest";
import type { Viewer } from "../session/SessionProvider";
import { homePathFor, navigationFor } from "./navigation";

const base: Viewer = {
  kind: "TENANT_USER",
  email: "consult@demo.crm360.demo",
  firstName: "Camille",
  lastName: "Consult",
  rights: ["CONSULT"],
  isTenantAdmin: false,
  isOperator: false,
  mustChangePassword: false,
  idleTimeoutSeconds: 1200,
  tenant: { id: "t1", name: "Démo" },
};

function links(viewer: Viewer): string[] {
  return navigationFor(viewer).flatMap((section) => section.links.map((link) => link.to));
}

describe("navigation by role", () => {
  it("shows a plain user only the screens of their rights, and no administration", () => {
    // The support desk is every tenant user's, whatever their rights.
    expect(links(base)).toEqual(["/contacts", "/support", "/support/nouveau"]);
    expect(homePathFor(base)).toBe("/");
    const analyst = { ...base, rights: ["ANALYSE" as const] };
    expect(links(analyst)).toEqual([
      "/segments",
      "/postal",
      "/facturation/consommation",
      "/support",
      "/support/nouveau",
    ]);
    expect(homePathFor(analyst)).toBe("/");
    const communicator = { ...base, rights: ["COMMUNICATE" as const] };
    expect(links(communicator)).toEqual([
      "/campagnes",
      "/campagnes/modeles",
      "/campagnes/opposition",
      "/support",
      "/support/nouveau",
    ]);
    expect(homePathFor(communicator)).toBe("/");
  });

  it("shows a tenant administrator the Annex 3 pages and the logs", () => {
    const admin = { ...base, kind: "TENANT_ADMIN" as const, isTenantAdmin: true };
    expect(links(admin)).toEqual([
      "/contacts",
      "/facturation/consommation",
      "/facturation/simulateur",
      "/facturation/offre",
      "/facturation/factures",
      "/support",
      "/support/nouveau",
      "/admin/users",
      "/admin/api-tokens",
      "/admin/allowed-networks",
      "/admin/custom-fields",
      "/admin/connection-log",
      "/admin/audit-log",
    ]);
    expect(homePathFor(admin)).toBe("/");
  });

  it("shows operator staff the console only", () => {
    const operator = {
      ...base,
      kind: "OPERATOR_STAFF" as const,
      isOperator: true,
      rights: [],
      tenant: null,
    };
    expect(links(operator)).toEqual([
      "/operator/tenants",
      "/operator/health",
      "/operator/jobs",
      "/operator/announcements",
      "/operator/analytics",
      "/operator/audit",
      "/operator/support",
      "/operator/facturation",
      "/operator/factures",
      "/operator/grilles",
      "/operator/chiffre-affaires",
    ]);
    expect(homePathFor(operator)).toBe("/");
  });
});

import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi, TEST_VIEWER, type RecordedOperation } from "../test/renderWithApi";
import { HomePage } from "./HomePage";

const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");

function imp(id: string, filename: string, status: string, createdAt: string) {
  return {
    __typename: "Import",
    id,
    filename,
    status,
    dryRun: false,
    upsertKey: "EXTERNAL_ID",
    failure: null,
    encoding: "UTF-8",
    delimiter: ";",
    progressPercent: status === "RUNNING" ? 40 : 100,
    rowsDone: 10,
    rowsCreated: 1,
    rowsUpdated: 2,
    rowsFailed: 0,
    createdAt,
    startedAt: createdAt,
    finishedAt: null,
    errorReportUrl: `/imports/${id}/errors`,
  };
}

function tenantServer(operation: RecordedOperation) {
  switch (operation.operationName) {
    case "HomeCounts":
      return { data: { total: 4000, email: 1000, sms: 250, post: 0 } };
    case "Imports":
      return {
        data: {
          imports: {
            __typename: "ImportConnection",
            // Oldest first, as the API lists them.
            nodes: [
              imp("i-1", "janvier.csv", "DONE", "2026-01-05T09:00:00Z"),
              imp("i-2", "fevrier.csv", "DONE", "2026-02-05T09:00:00Z"),
              imp("i-3", "mars.csv", "RUNNING", "2026-03-05T09:00:00Z"),
            ],
            pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
          },
        },
      };
    case "HomePostalRuns":
      return {
        data: {
          postalRuns: {
            __typename: "PostalRunConnection",
            nodes: [
              {
                __typename: "PostalRun",
                id: "r-1",
                kind: "RNVP",
                status: "QUEUED",
                percent: 100,
                total: 0,
                processed: 0,
                createdAt: "2026-03-05T10:00:00Z",
              },
            ],
          },
        },
      };
    default:
      return { errors: [{ message: "unexpected", extensions: { code: "INTERNAL" } }] };
  }
}

describe("the home page", () => {
  it("shows a tenant's database at a glance: contacts, consent rates, running work, last imports", async () => {
    renderWithApi(<HomePage />, tenantServer);
    expect(screen.getByRole("heading", { level: 1, name: "Accueil" })).toBeInTheDocument();
    const database = await screen.findByRole("region", { name: "Votre base" });
    expect(await within(database).findByText("4 000", { normalizer: plain })).toBeInTheDocument();
    expect(plain(database.textContent)).toContain("Consentement e-mail25 %1 000 contacts");
    expect(plain(database.textContent)).toContain("Consentement SMS6,3 %250 contacts");
    expect(plain(database.textContent)).toContain("Consentement courrier0 %0 contact");

    const running = screen.getByRole("region", { name: "Traitements en cours" });
    expect(
      await within(running).findByRole("link", { name: "Import de mars.csv" }),
    ).toBeInTheDocument();
    expect(within(running).getByRole("progressbar", { name: "RNVP des adresses" })).toHaveAttribute(
      "aria-valuetext",
      "En attente…",
    );

    const imports = screen.getByRole("table", { name: /Les 5 derniers imports/ });
    const rows = within(imports).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("link").textContent)).toEqual([
      "mars.csv",
      "fevrier.csv",
      "janvier.csv",
    ]);
    expect(rows[1]).toHaveTextContent("1 créée, 2 mises à jour, 0 refusée");
  });

  it("shows operator staff the platform at a glance", async () => {
    const operator = {
      ...TEST_VIEWER,
      kind: "OPERATOR_STAFF" as const,
      firstName: "Odile",
      isOperator: true,
      isTenantAdmin: false,
      rights: [],
      tenant: null,
    };
    renderWithApi(
      <HomePage />,
      () => ({
        data: {
          platformHealth: {
            __typename: "PlatformHealth",
            version: "0.1.0",
            databaseBackend: "sqlite",
            databaseOk: true,
            uptimeSeconds: 3 * 3600,
            tenantCount: 3,
            activeSessionCount: 7,
          },
          tenants: {
            __typename: "TenantConnection",
            nodes: [
              { __typename: "Tenant", id: "t1", status: "ACTIVE" },
              { __typename: "Tenant", id: "t2", status: "ACTIVE" },
              { __typename: "Tenant", id: "t3", status: "SUSPENDED" },
            ],
            pageInfo: { __typename: "PageInfo", hasNextPage: false },
          },
          jobsNeedingAttention: [{ __typename: "DurableJob", id: "j1", status: "DEAD" }],
          usageAnalytics: {
            __typename: "UsageAnalytics",
            totals: { __typename: "UsageCounts", pageViews: 1234, visits: 56, uniqueVisitors: 7 },
          },
        },
      }),
      { viewer: operator },
    );
    expect(screen.getByText("Bonjour Odile. La plateforme en un coup d’œil.")).toBeInTheDocument();
    const platform = await screen.findByRole("region", { name: "La plateforme" });
    expect(platform).toHaveTextContent("Opérationnelle");
    expect(platform).toHaveTextContent("3 heures");
    expect(within(platform).getByRole("link", { name: "1" })).toHaveAttribute(
      "href",
      "/operator/jobs",
    );
    const tenants = screen.getByRole("region", { name: "Clients" });
    expect(tenants).toHaveTextContent("Actif2");
    expect(tenants).toHaveTextContent("Suspendu1");
    expect(
      plain(screen.getByRole("region", { name: "Audience des 7 derniers jours" }).textContent),
    ).toContain("Pages vues1 234");
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "../session/SessionProvider";
import { apiError, renderWithApi, TEST_VIEWER, type FakeServer } from "../test/renderWithApi";
import { defaultPeriod, UsageAnalyticsPage } from "./UsageAnalyticsPage";

const operator: Viewer = {
  ...TEST_VIEWER,
  kind: "OPERATOR_STAFF",
  isOperator: true,
  isTenantAdmin: false,
  rights: [],
  tenant: null,
};

function usage(from: string, to: string) {
  return {
    __typename: "UsageAnalytics",
    from,
    to,
    totals: { __typename: "UsageCounts", pageViews: 7, visits: 6, uniqueVisitors: 3 },
    days: [
      { __typename: "UsageDay", date: "2026-11-25", pageViews: 4, visits: 3, uniqueVisitors: 2 },
      { __typename: "UsageDay", date: "2026-11-26", pageViews: 2, visits: 2, uniqueVisitors: 2 },
    ],
    topPages: [
      { __typename: "PageUsage", path: "/contacts", pageViews: 4, uniqueVisitors: 2 },
      { __typename: "PageUsage", path: "/contacts/:id", pageViews: 1, uniqueVisitors: 1 },
    ],
    tenants: [
      {
        __typename: "TenantUsage",
        tenantId: "t-acme",
        tenantName: "Acme SAS",
        pageViews: 6,
        visits: 5,
        uniqueVisitors: 2,
        activeDays: 3,
      },
    ],
    returnFrequency: {
      __typename: "ReturnFrequency",
      visits: 6,
      firstVisits: 2,
      sameDay: 1,
      withinWeek: 2,
      withinMonth: 1,
      later: 0,
      shareWithin7Days: 0.5,
      shareWithin30Days: 4 / 6,
    },
  };
}

const server: FakeServer = ({ operationName, variables }) => {
  if (operationName === "AnnouncementTenants") {
    return {
      data: {
        tenants: {
          __typename: "TenantConnection",
          nodes: [{ __typename: "Tenant", id: "t-acme", name: "Acme SAS" }],
        },
      },
    };
  }
  return { data: { usageAnalytics: usage(String(variables.from), String(variables.to)) } };
};

const usageCalls = (operations: { operationName: string; variables: unknown }[]) =>
  operations.filter((o) => o.operationName === "UsageAnalytics").map((o) => o.variables);

describe("the operator's audience measurement", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T10:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("shows the last 30 days: totals, days with bars, pages, tenants and returns", async () => {
    const { operations } = renderWithApi(<UsageAnalyticsPage />, server, { viewer: operator });
    expect(
      await screen.findByRole("heading", { level: 1, name: "Mesure d’audience" }),
    ).toBeVisible();
    await screen.findByRole("table", { name: /Pages vues et visites par jour/ });
    expect(usageCalls(operations)[0]).toEqual({
      from: "2026-10-28",
      to: "2026-11-26",
      tenantId: null,
    });

    const totals = screen.getByText("Visiteurs uniques", { selector: "dt" }).closest("dl");
    expect(totals).toHaveTextContent("Pages vues7");
    expect(totals).toHaveTextContent("Visites6");
    expect(totals).toHaveTextContent("Retours sous 7 jours50 %");
    expect(totals).toHaveTextContent("Retours sous 30 jours66,7 %");

    const days = screen.getByRole("table", { name: /Pages vues et visites par jour/ });
    const first = within(days).getByRole("row", { name: /25\/11\/2026/ });
    expect(first).toHaveTextContent("4");
    // The figures are drawn by a chart whose image says where its numbers are.
    expect(
      screen.getByRole("img", { name: /Graphique « Pages vues et visites par jour » : 2 valeurs/ }),
    ).toHaveAccessibleName(expect.stringContaining("Les chiffres sont dans le tableau qui suit."));

    const pages = screen.getByRole("table", { name: /Pages les plus vues/ });
    expect(within(pages).getAllByRole("row")[1]).toHaveTextContent("/contacts4");
    const tenants = screen.getByRole("table", { name: /Activité par client/ });
    expect(within(tenants).getByRole("row", { name: /Acme SAS/ })).toHaveTextContent(
      "Acme SAS6523",
    );
    const returns = screen.getByRole("table", { name: /Fréquence de retour/ });
    expect(within(returns).getByRole("row", { name: /Première visite/ })).toHaveTextContent("2");
    expect(within(returns).getByRole("row", { name: /8 à 30 jours/ })).toHaveTextContent("1");
  });

  it("asks again for another period and one tenant", async () => {
    const { operations } = renderWithApi(<UsageAnalyticsPage />, server, { viewer: operator });
    await screen.findByRole("table", { name: /Pages les plus vues/ });
    await screen.findByRole("option", { name: "Acme SAS" });
    const user = userEvent.setup();
    const from = screen.getByLabelText("Du");
    await user.clear(from);
    await user.type(from, "2026-11-01");
    await user.selectOptions(screen.getByLabelText("Client"), "t-acme");
    await user.click(screen.getByRole("button", { name: "Afficher" }));
    await waitFor(() =>
      expect(usageCalls(operations)).toContainEqual({
        from: "2026-11-01",
        to: "2026-11-26",
        tenantId: "t-acme",
      }),
    );
  });

  it("checks the period before asking, and explains the API's refusal", async () => {
    let refuse = false;
    const { operations } = renderWithApi(
      <UsageAnalyticsPage />,
      (operation) =>
        refuse && operation.operationName === "UsageAnalytics"
          ? apiError({ code: "INVALID_INPUT", field: "to", reason: "INVALID_RANGE" })
          : server(operation),
      { viewer: operator },
    );
    await screen.findByRole("table", { name: /Pages les plus vues/ });
    const user = userEvent.setup();
    const from = screen.getByLabelText("Du");
    await user.clear(from);
    await user.type(from, "2026-12-01");
    await user.click(screen.getByRole("button", { name: "Afficher" }));
    expect(screen.getByLabelText("Au")).toHaveAccessibleDescription(
      "La date de fin doit suivre la date de début.",
    );
    expect(usageCalls(operations)).toHaveLength(1);

    refuse = true;
    await user.clear(from);
    await user.type(from, "2024-01-01");
    await user.click(screen.getByRole("button", { name: "Afficher" }));
    await waitFor(() =>
      expect(screen.getByLabelText("Au")).toHaveAccessibleDescription(
        "La période doit aller vers l’avant et durer au plus 366 jours.",
      ),
    );
  });
});

describe("the default period", () => {
  it("follows the platform's calendar (Europe/Paris), not UTC's", () => {
    // 23:30 UTC on 30 November is already 1 December in Paris.
    expect(defaultPeriod(new Date("2026-11-30T23:30:00Z"))).toEqual({
      from: "2026-11-02",
      to: "2026-12-01",
      tenantId: "",
    });
    // 22:30 UTC on 30 June is 1 July in Paris (summer time).
    expect(defaultPeriod(new Date("2026-06-30T22:30:00Z")).to).toBe("2026-07-01");
  });
});

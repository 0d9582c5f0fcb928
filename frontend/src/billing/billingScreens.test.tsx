import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, renderWithApi, TEST_VIEWER } from "../test/renderWithApi";
import type { Viewer } from "../session/SessionProvider";
import { ConsumptionPage } from "./ConsumptionPage";
import { InvoicesPage } from "./InvoicesPage";
import { PriceGridsPage } from "./PriceGridsPage";
import { SimulatorPage } from "./SimulatorPage";

/** Intl's French spaces (narrow no-break in groups, no-break before €) as plain spaces. */
const plain = (s: string | null | undefined) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

const ANNEX_1 = {
  blockSize: 1000,
  levels: [
    {
      level: 2,
      perContact: "0.006",
      perUser: "35",
      monthlyMinimum: "500",
      rnvpPerBlock: "10",
      dedupPerBlock: "0.25",
    },
    {
      level: 3,
      perContact: "0.004",
      perUser: "35",
      monthlyMinimum: "1000",
      rnvpPerBlock: "10",
      dedupPerBlock: "0.25",
    },
  ],
  emailTiers: [
    { commitment: 0, price: "1.75" },
    { commitment: 50000, price: "1.50" },
    { commitment: 500000, price: "0.75" },
  ],
  smsTiers: [{ commitment: 0, price: "0.07" }],
  blockRounding: "eachStartedBlock",
};

const GRID_VERSION = {
  __typename: "PriceGridVersion",
  version: 1,
  kind: "INITIAL",
  effectiveFrom: null,
  announcedAt: null,
  note: null,
  grid: ANNEX_1,
  rules: ["Chaque tranche de 1 000 commencée est due en entier."],
};

const line = (
  code: string,
  label: string,
  quantity: string,
  unit: string,
  unitPrice: string,
  amount: string,
) => ({
  __typename: "PriceLine",
  code,
  label,
  quantity,
  unit,
  unitPrice,
  amount,
});

describe("the simulator", () => {
  it("prices what is typed and shows the totals it got", async () => {
    const user = userEvent.setup();
    const { operations } = renderWithApi(<SimulatorPage />, (op) => {
      if (op.operationName === "SimulatorContext") {
        return { data: { priceGrid: GRID_VERSION, planAdvice: null } };
      }
      if (op.operationName === "PriceQuote") {
        const usage = op.variables.usage as Record<string, number>;
        const big = usage.level === 3 && usage.contacts === 300000;
        return {
          data: {
            priceQuote: {
              __typename: "PriceQuote",
              gridVersion: 1,
              lines: big
                ? [
                    line("contacts", "Contacts", "300000", "contact", "0.004", "1200.00"),
                    line("users", "Utilisateurs", "5", "utilisateur", "35", "175.00"),
                    line("email", "Routage e-mail", "600", "tranche de 1 000", "0.75", "450.00"),
                  ]
                : [line("minimumTopUp", "Complément au minimum", "1", "forfait", "465", "465.00")],
              subtotal: big ? "1825.00" : "35.00",
              minimum: big ? "1000.00" : "500.00",
              minimumApplied: !big,
              totalExcludingTax: big ? "1825.00" : "500.00",
              vatRate: "20",
              vat: big ? "365.00" : "100.00",
              totalIncludingTax: big ? "2190.00" : "600.00",
            },
          },
        };
      }
      return { data: {} };
    });
    await waitFor(() =>
      expect(plain(screen.getByTestId("total-excluding-tax").textContent)).toBe("500,00 €"),
    );
    expect(screen.getByTestId("minimum-note")).toHaveTextContent("appliqué");
    expect(
      screen.getByText(/Le conseil apparaîtra après votre première facture/),
    ).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Niveau"), "3");
    await user.clear(screen.getByLabelText("Contacts"));
    await user.type(screen.getByLabelText("Contacts"), "300 000");
    await user.clear(screen.getByLabelText("Utilisateurs"));
    await user.type(screen.getByLabelText("Utilisateurs"), "5");
    await user.clear(screen.getByLabelText("E-mails envoyés"));
    await user.type(screen.getByLabelText("E-mails envoyés"), "600000");
    await user.selectOptions(screen.getByLabelText("Engagement e-mail"), "500000");

    await waitFor(
      () => expect(plain(screen.getByTestId("total-excluding-tax").textContent)).toBe("1 825,00 €"),
      { timeout: 3000 },
    );
    expect(plain(screen.getByTestId("total-including-tax").textContent)).toBe("2 190,00 €");
    expect(plain(screen.getByTestId("minimum-note").textContent)).toMatch(
      /Minimum mensuel du niveau : 1 000,00 € HT, atteint/,
    );
    expect(screen.getByRole("option", { name: /^500\s000 e-mails par mois$/ })).toBeInTheDocument();
    const last = operations.filter((o) => o.operationName === "PriceQuote").at(-1);
    expect(last?.variables.usage).toEqual({
      level: 3,
      contacts: 300000,
      users: 5,
      emails: 600000,
      emailCommitment: 500000,
      sms: 0,
      smsCommitment: 0,
      rnvpAddresses: 0,
      dedupAddresses: 0,
    });
  });

  it("says what a better plan would have saved", async () => {
    renderWithApi(<SimulatorPage />, (op) => {
      if (op.operationName === "SimulatorContext") {
        return {
          data: {
            priceGrid: GRID_VERSION,
            planAdvice: {
              __typename: "PlanAdvice",
              months: 6,
              actualTotal: "9000.00",
              bestLevel: 3,
              bestEmailCommitment: 500000,
              bestSmsCommitment: 0,
              bestTotal: "8280.00",
              saving: "720.00",
            },
          },
        };
      }
      return apiError({ code: "INVALID_INPUT", field: "usage", reason: "PRICING" });
    });
    const advice = await screen.findByTestId("plan-advice");
    expect(plain(advice.textContent)).toBe(
      "Sur vos 6 derniers mois facturés, le niveau 3 (e-mail : 500 000 e-mails par mois ; SMS : sans engagement) vous aurait coûté 8 280,00 € HT au lieu de 9 000,00 € : il vous aurait fait économiser 720,00 €.",
    );
    expect(await screen.findByText(/Cette offre ne peut pas être tarifée/)).toBeInTheDocument();
  });
});

const overdueInvoice = {
  __typename: "Invoice",
  id: "i1",
  tenantId: "t1",
  kind: "INVOICE",
  status: "ISSUED",
  number: "F-2026-0042",
  periodStart: "2026-10-01",
  periodEnd: "2026-10-31",
  issueDate: "2026-11-01",
  dueDate: "2026-12-01",
  gridVersion: 1,
  lines: [line("contacts", "Contacts", "300000", "contact", "0.004", "1200.00")],
  totalExcludingTax: "1825.00",
  vatRate: "20",
  vat: "365.00",
  totalIncludingTax: "2190.00",
  paid: "0.00",
  outstanding: "2190.00",
  overdue: true,
  daysLate: 20,
  lateInterest: "21.54",
  interestRatePercent: "11.8",
  recoveryIndemnity: "40.00",
  formalNoticeAt: "2026-12-15T09:30:00Z",
  suspendedAt: null,
  correctsInvoiceId: null,
  reason: null,
  htmlUrl: "/factures/i1.html",
  pdfUrl: "/factures/i1.pdf",
  xmlUrl: "/factures/i1.xml",
  payments: [],
};

describe("an invoice", () => {
  it("shows an overdue invoice's late interest, the 40 € indemnity and the formal notice", async () => {
    renderWithApi(<InvoicesPage />, () => ({ data: { invoice: overdueInvoice } }), {
      route: { path: "/facturation/factures", url: "/facturation/factures?facture=i1" },
    });
    await screen.findByRole("heading", { level: 2, name: /Facture F-2026-0042/ });
    expect(screen.getByText("En retard")).toBeInTheDocument();
    expect(screen.getByText("octobre 2026")).toBeInTheDocument();
    expect(screen.getByText("1er décembre 2026")).toBeInTheDocument();
    const late = screen.getByTestId("late-penalties");
    expect(plain(within(late).getByTestId("late-interest").textContent)).toBe("21,54 €");
    expect(plain(within(late).getByTestId("recovery-indemnity").textContent)).toBe("40,00 €");
    expect(plain(late.textContent)).toContain("Intérêts de retard (taux annuel de 11,8 %)");
    expect(plain(late.textContent)).toContain("Total dû à ce jour2 251,54 €");
    expect(screen.getByText("20 jours")).toBeInTheDocument();
    expect(screen.getByText("Mise en demeure envoyée le 15 décembre 2026.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Télécharger le PDF (Factur-X)" })).toHaveAttribute(
      "href",
      "/factures/i1.pdf",
    );
    expect(screen.getByRole("link", { name: "Télécharger le XML (EN 16931)" })).toHaveAttribute(
      "href",
      "/factures/i1.xml",
    );
    expect(screen.getByRole("link", { name: "Ouvrir la version imprimable" })).toHaveAttribute(
      "href",
      "/factures/i1.html",
    );
  });

  it("lists the invoices with their period and status", async () => {
    renderWithApi(
      <InvoicesPage />,
      () => ({
        data: {
          invoices: {
            __typename: "InvoiceConnection",
            nodes: [
              overdueInvoice,
              {
                ...overdueInvoice,
                id: "i0",
                number: "F-2026-0041",
                periodStart: "2026-09-01",
                overdue: false,
                outstanding: "0.00",
                paid: "2190.00",
              },
            ],
            pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
          },
        },
      }),
      { route: { path: "/facturation/factures", url: "/facturation/factures" } },
    );
    const table = await screen.findByRole("table", { name: /Factures et avoirs/ });
    expect(within(table).getByText("En retard")).toBeInTheDocument();
    expect(within(table).getByText("Payée")).toBeInTheDocument();
    expect(within(table).getByText("septembre 2026")).toBeInTheDocument();
    expect(within(table).getByRole("link", { name: "Facture F-2026-0042" })).toHaveAttribute(
      "href",
      "/facturation/factures?facture=i1",
    );
  });
});

describe("the price grid revision", () => {
  it("shows the French refusal of an increase above 15 %, with the price at fault", async () => {
    const user = userEvent.setup();
    const { operations } = renderWithApi(<PriceGridsPage />, (op) => {
      if (op.operationName === "PriceGrids") return { data: { priceGrids: [GRID_VERSION] } };
      if (op.operationName === "RevisePriceGrid") {
        return {
          errors: [
            {
              message:
                "a revision may raise each price by at most 15 %: levels.3.perContact 0.004 → 0.005 (+25 %)",
              extensions: { code: "INVALID_INPUT", field: "grid", reason: "INCREASE_TOO_LARGE" },
            },
          ],
        };
      }
      return { data: {} };
    });
    await screen.findByRole("heading", { name: /Réviser la grille/ });
    const level3 = screen.getByRole("group", { name: "Niveau 3" });
    const perContact = within(level3).getByLabelText("Par contact et par mois");
    await user.clear(perContact);
    await user.type(perContact, "0,005");
    expect(
      screen.getByText(/Niveau 3 — Par contact et par mois : 0,004 € → 0,005 € \(\+25 %\)/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer la révision" }));
    const dialog = await screen.findByRole("alertdialog");
    expect(within(dialog).getByText(/1 prix change/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer et annoncer" }));
    const alert = await screen.findByRole("alert");
    expect(plain(alert.textContent)).toContain(
      "Révision refusée : une révision ordinaire ne peut augmenter chaque prix que de 15 % au plus (article 10).",
    );
    expect(plain(within(alert).getByRole("listitem").textContent)).toBe(
      "Niveau 3 — Par contact et par mois : 0,004 € → 0,005 € (+25 %)",
    );
    const sent = operations.find((o) => o.operationName === "RevisePriceGrid");
    const grid = sent?.variables.grid as typeof ANNEX_1;
    expect(grid.levels[1]?.perContact).toBe("0.005");
    expect(grid.blockRounding).toBe("eachStartedBlock");
    expect(sent?.variables.structureChange).toBe(false);
  });
});

const consumption = (day: string, emails: number) => ({
  __typename: "Consumption",
  day,
  contacts: 120,
  users: 5,
  emails,
  sms: 90,
  rnvpAddresses: 0,
  dedupAddresses: 0,
});

function consumptionServer(op: { operationName: string }) {
  if (op.operationName === "BillingConsumption") {
    return {
      data: {
        consumptionByDay: [consumption("2026-12-02", 1200)],
        consumptionByMonth: [consumption("2026-11-01", 4800), consumption("2026-12-01", 1200)],
        billingEstimate: {
          __typename: "BillingEstimate",
          month: consumption("2026-12-01", 1200),
          daysSampled: 3,
          quote: {
            __typename: "PriceQuote",
            gridVersion: 1,
            lines: [line("contacts", "Contacts", "120", "contact", "0.004", "0.48")],
            subtotal: "175.48",
            minimum: "1000.00",
            minimumApplied: true,
            totalExcludingTax: "1000.00",
            vatRate: "20",
            vat: "200.00",
            totalIncludingTax: "1200.00",
          },
        },
      },
    };
  }
  return {
    data: {
      invoices: {
        __typename: "InvoiceConnection",
        nodes: [overdueInvoice],
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
      },
    },
  };
}

describe("the consumption page", () => {
  const analyst: Viewer = {
    ...TEST_VIEWER,
    kind: "TENANT_USER",
    email: "analyse@demo.crm360.demo",
    rights: ["ANALYSE"],
    isTenantAdmin: false,
  };

  it("shows an Analyse user the figures and the estimate, and no invoices", async () => {
    const { operations } = renderWithApi(<ConsumptionPage />, consumptionServer, {
      viewer: analyst,
    });
    await screen.findByRole("heading", { name: "Estimation du mois en cours" });
    expect(plain(screen.getByTestId("estimate-as-of").textContent)).toMatch(
      /^Estimation de décembre 2026 au .+ 2026, sur 3 jours relevés\.$/,
    );
    expect(plain(screen.getByTestId("total-excluding-tax").textContent)).toBe("1 000,00 €");
    expect(
      screen.getByRole("table", { name: /^Consommation des 12 derniers mois/ }),
    ).toBeInTheDocument();
    expect(screen.getByText("novembre 2026")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Dernières factures" })).toBeNull();
    expect(screen.queryByRole("link", { name: /Factures|Toutes les factures/ })).toBeNull();
    expect(screen.queryByRole("navigation", { name: "Pages de facturation" })).toBeNull();
    expect(operations.map((o) => o.operationName)).not.toContain("LatestInvoices");
  });

  it("shows an administrator the billing pages and the latest invoices", async () => {
    renderWithApi(<ConsumptionPage />, consumptionServer);
    await screen.findByRole("heading", { name: "Dernières factures" });
    const tabs = screen.getByRole("navigation", { name: "Pages de facturation" });
    expect(within(tabs).getByRole("link", { name: "Factures" })).toHaveAttribute(
      "href",
      "/facturation/factures",
    );
    expect(await screen.findByRole("link", { name: "F-2026-0042" })).toBeInTheDocument();
  });
});

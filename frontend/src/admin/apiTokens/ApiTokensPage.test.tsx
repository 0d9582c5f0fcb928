import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, renderWithApi, type FakeServer } from "../../test/renderWithApi";
import { ApiTokensPage } from "./ApiTokensPage";

const biToken = {
  __typename: "ApiToken",
  id: "tok-1",
  name: "Outil de BI",
  prefix: "crm360_pat_abcdef",
  rights: ["CONSULT", "ANALYSE"],
  createdAt: "2026-11-26T09:00:00Z",
  lastUsedAt: null,
  lastUsedIp: null,
  expiresAt: null,
  revokedAt: null,
};

const policy = {
  __typename: "ApiTokenPolicy",
  defaultLifetimeDays: 90,
  maxLifetimeDays: 730,
};

/** The end of the day `days` days from today, as the form sends it. */
function endOfDayIn(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return new Date(`${date.toLocaleDateString("sv-SE")}T23:59:59`).toISOString();
}

describe("API tokens", () => {
  it("shows the new token's secret once, then forgets it", async () => {
    const server: FakeServer = ({ operationName }) =>
      operationName === "CreateApiToken"
        ? {
            data: {
              createApiToken: {
                __typename: "CreateApiTokenPayload",
                apiToken: biToken,
                secret: "crm360_pat_abcdef-le-secret",
              },
            },
          }
        : { data: { apiTokens: [], apiTokenPolicy: policy } };
    const { operations } = renderWithApi(<ApiTokensPage />, server);
    expect(await screen.findByText("Aucun jeton d’API.")).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Nouveau jeton" }));
    await user.type(screen.getByLabelText("Nom du jeton"), "Outil de BI");
    await user.click(screen.getByLabelText("Analyser"));
    await user.click(screen.getByRole("button", { name: "Créer le jeton" }));

    expect(await screen.findByLabelText("Secret du jeton")).toHaveValue(
      "crm360_pat_abcdef-le-secret",
    );
    expect(screen.getByRole("heading", { name: "Jeton « Outil de BI » créé" })).toHaveFocus();
    expect(operations.find((o) => o.operationName === "CreateApiToken")?.variables).toEqual({
      input: { name: "Outil de BI", rights: ["CONSULT", "ANALYSE"], expiresAt: endOfDayIn(90) },
    });

    await user.click(screen.getByRole("button", { name: "J’ai copié le secret" }));
    expect(screen.queryByLabelText("Secret du jeton")).not.toBeInTheDocument();
    expect(screen.queryByText(/le-secret/)).not.toBeInTheDocument();
  });

  it("puts an expiry in the past next to the date", async () => {
    renderWithApi(<ApiTokensPage />, ({ operationName }) =>
      operationName === "CreateApiToken"
        ? apiError({ code: "INVALID_INPUT", field: "expiresAt", reason: "IN_THE_PAST" })
        : { data: { apiTokens: [], apiTokenPolicy: policy } },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Nouveau jeton" }));
    await user.type(screen.getByLabelText("Nom du jeton"), "Flux nocturne");
    await user.clear(screen.getByLabelText(/Date d’expiration/));
    await user.click(screen.getByRole("button", { name: "Créer le jeton" }));
    await waitFor(() =>
      expect(screen.getByLabelText(/Date d’expiration/)).toHaveAccessibleDescription(
        /La date doit être dans le futur\./,
      ),
    );
  });

  it("offers the default expiry, which can be changed or left to the API", async () => {
    const { operations } = renderWithApi(<ApiTokensPage />, ({ operationName }) =>
      operationName === "CreateApiToken"
        ? apiError({ code: "INVALID_INPUT", field: "expiresAt", reason: "TOO_FAR" })
        : { data: { apiTokens: [], apiTokenPolicy: policy } },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Nouveau jeton" }));
    const expiry = screen.getByLabelText(/Date d’expiration/);
    expect(expiry).toHaveAccessibleDescription(
      "Par défaut, 90 jours après la création ; au plus 730 jours.",
    );
    await user.type(screen.getByLabelText("Nom du jeton"), "ETL");
    await user.clear(expiry);
    await user.type(expiry, "2027-03-31");
    await user.click(screen.getByRole("button", { name: "Créer le jeton" }));
    expect(await screen.findByText("Cette date est trop lointaine.")).toBeInTheDocument();
    expect(operations.find((o) => o.operationName === "CreateApiToken")?.variables).toEqual({
      input: {
        name: "ETL",
        rights: ["CONSULT"],
        expiresAt: new Date("2027-03-31T23:59:59").toISOString(),
      },
    });
  });

  it("shows each token's expiry and last use, with its address", async () => {
    const used = {
      ...biToken,
      lastUsedAt: "2026-11-26T10:15:00Z",
      lastUsedIp: "192.0.2.5",
      expiresAt: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString(),
    };
    renderWithApi(<ApiTokensPage />, () => ({
      data: { apiTokens: [used], apiTokenPolicy: policy },
    }));
    const row = (await screen.findByRole("rowheader", { name: "Outil de BI" })).closest("tr")!;
    expect(within(row).getByText("192.0.2.5")).toBeInTheDocument();
    expect(within(row).getByText("Expire bientôt")).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Depuis l’adresse" })).toBeInTheDocument();
  });

  it("asks before revoking a token", async () => {
    const { operations } = renderWithApi(<ApiTokensPage />, ({ operationName }) =>
      operationName === "RevokeApiToken"
        ? {
            data: {
              revokeApiToken: {
                __typename: "RevokeApiTokenPayload",
                apiToken: { ...biToken, revokedAt: "2026-11-26T10:00:00Z" },
              },
            },
          }
        : { data: { apiTokens: [biToken], apiTokenPolicy: policy } },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Révoquer le jeton Outil de BI" }));
    const dialog = screen.getByRole("alertdialog", { name: "Révoquer le jeton « Outil de BI » ?" });
    expect(operations.map((o) => o.operationName)).not.toContain("RevokeApiToken");
    await user.click(within(dialog).getByRole("button", { name: "Révoquer" }));
    expect(await screen.findByText("Le jeton a été révoqué.")).toBeInTheDocument();
    expect(operations.find((o) => o.operationName === "RevokeApiToken")?.variables).toEqual({
      input: { tokenId: "tok-1" },
    });
  });
});

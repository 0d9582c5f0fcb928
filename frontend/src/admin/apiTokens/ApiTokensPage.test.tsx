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
  expiresAt: null,
  revokedAt: null,
};

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
        : { data: { apiTokens: [] } };
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
      input: { name: "Outil de BI", rights: ["CONSULT", "ANALYSE"], expiresAt: null },
    });

    await user.click(screen.getByRole("button", { name: "J’ai copié le secret" }));
    expect(screen.queryByLabelText("Secret du jeton")).not.toBeInTheDocument();
    expect(screen.queryByText(/le-secret/)).not.toBeInTheDocument();
  });

  it("puts an expiry in the past next to the date", async () => {
    renderWithApi(<ApiTokensPage />, ({ operationName }) =>
      operationName === "CreateApiToken"
        ? apiError({ code: "INVALID_INPUT", field: "expiresAt", reason: "IN_THE_PAST" })
        : { data: { apiTokens: [] } },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Nouveau jeton" }));
    await user.type(screen.getByLabelText("Nom du jeton"), "Flux nocturne");
    await user.click(screen.getByRole("button", { name: "Créer le jeton" }));
    await waitFor(() =>
      expect(screen.getByLabelText(/Date d’expiration/)).toHaveAccessibleDescription(
        "La date doit être dans le futur.",
      ),
    );
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
        : { data: { apiTokens: [biToken] } },
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

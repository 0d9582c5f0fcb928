import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, renderWithApi, type RecordedOperation } from "../test/renderWithApi";
import { NewContactPage } from "./NewContactPage";

describe("a new contact", () => {
  it("shows every invalid field at once, before asking the API", async () => {
    const { operations } = renderWithApi(<NewContactPage />, () => ({ data: null }), {
      route: { path: "/contacts/new", url: "/contacts/new" },
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/E-mail personnel/), "helene@");
    await user.type(screen.getByLabelText(/Téléphone mobile/), "12");
    await user.type(screen.getByLabelText(/Code postal/), "6900");
    await user.type(screen.getByLabelText(/Pays/), "France");
    await user.click(screen.getByRole("button", { name: "Créer le contact" }));
    expect(screen.getByRole("alert")).toHaveTextContent("4 champs à corriger.");
    expect(screen.getByLabelText(/E-mail personnel/)).toHaveAccessibleDescription(
      "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
    );
    expect(screen.getByLabelText(/Téléphone mobile/)).toHaveAccessibleDescription(
      "Ce numéro de téléphone n’est pas valide.",
    );
    expect(screen.getByLabelText(/Code postal/)).toHaveAccessibleDescription(
      "Ce code postal n’est pas valide.",
    );
    expect(screen.getByLabelText(/Pays/)).toHaveAccessibleDescription(
      "Code pays attendu sur deux lettres (FR, BE…).",
    );
    expect(operations).toHaveLength(0);
  });

  it("creates the contact with the filled fields only, and puts the API's refusal by its field", async () => {
    const seen: RecordedOperation[] = [];
    renderWithApi(
      <NewContactPage />,
      (operation) => {
        seen.push(operation);
        return apiError({ code: "CONFLICT", field: "externalId", reason: "EXTERNAL_ID_TAKEN" });
      },
      { route: { path: "/contacts/new", url: "/contacts/new" } },
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Prénom/), " Hélène ");
    await user.type(screen.getByLabelText(/Identifiant client/), "W-001");
    await user.click(screen.getByRole("button", { name: "Créer le contact" }));
    await waitFor(() =>
      expect(screen.getByLabelText(/Identifiant client/)).toHaveAccessibleDescription(
        "Un autre contact a déjà cet identifiant client.",
      ),
    );
    expect(seen[0]?.variables).toEqual({ input: { firstName: "Hélène", externalId: "W-001" } });
  });
});

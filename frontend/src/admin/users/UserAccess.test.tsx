import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { UserFieldsFragment } from "../../gql/graphql";
import { apiError, renderWithApi, type RecordedOperation } from "../../test/renderWithApi";
import { CreateUserForm } from "./CreateUserForm";
import { UserRightsForm } from "./UserRightsForm";
import { UserStatusPanel } from "./UserStatusPanel";

const claire: UserFieldsFragment = {
  id: "u-42",
  email: "claire.martin@demo.crm360.demo",
  firstName: "Claire",
  lastName: "Martin",
  organization: null,
  isTenantAdmin: false,
  rights: ["IMPORT", "CONSULT", "COMMUNICATE", "ANALYSE"],
  status: "ACTIVE",
  lastLoginAt: null,
  createdAt: "2026-11-26T09:00:00Z",
};

function asUser(user: UserFieldsFragment) {
  return { __typename: "User", ...user };
}

describe("Annex 3: create a user with rights", () => {
  async function fillIn() {
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Prénom"), "Claire");
    await user.type(screen.getByLabelText("Nom"), "Martin");
    await user.type(screen.getByLabelText("Adresse e-mail"), "claire.martin@demo.crm360.demo");
    await user.type(screen.getByLabelText(/Société/), "Agence Lumière");
    await user.type(screen.getByLabelText("Mot de passe initial"), "Un-mot-de-passe-solide-2026");
    const rights = screen.getByRole("group", { name: "Droits" });
    await user.click(within(rights).getByLabelText("Consulter"));
    await user.click(within(rights).getByLabelText("Importer"));
    await user.click(screen.getByRole("button", { name: "Créer l’utilisateur" }));
  }

  it("sends the identity and the ticked rights, in the contract's order", async () => {
    const onCreated = vi.fn();
    const created: UserFieldsFragment = {
      ...claire,
      organization: "Agence Lumière",
      rights: ["IMPORT", "CONSULT"],
    };
    const { operations } = renderWithApi(<CreateUserForm onCreated={onCreated} />, () => ({
      data: { createUser: { __typename: "CreateUserPayload", user: asUser(created) } },
    }));
    await fillIn();
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(asUser(created)));
    expect(operations).toEqual<RecordedOperation[]>([
      {
        operationName: "CreateUser",
        variables: {
          input: {
            email: "claire.martin@demo.crm360.demo",
            firstName: "Claire",
            lastName: "Martin",
            organization: "Agence Lumière",
            password: "Un-mot-de-passe-solide-2026",
            rights: ["IMPORT", "CONSULT"],
            isTenantAdmin: false,
          },
        },
      },
    ]);
  });

  it("shows the API's refusals next to the fields they concern", async () => {
    renderWithApi(<CreateUserForm onCreated={vi.fn()} />, () => ({
      errors: [
        {
          message: "taken",
          extensions: { code: "CONFLICT", field: "email", reason: "ALREADY_EXISTS" },
        },
        {
          message: "weak",
          extensions: { code: "INVALID_INPUT", field: "password", reason: "WEAK_PASSWORD" },
        },
      ],
    }));
    await fillIn();
    const email = screen.getByLabelText("Adresse e-mail");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("Cette valeur est déjà utilisée.");
    expect(email).toHaveFocus();
    expect(screen.getByLabelText("Mot de passe initial")).toHaveAccessibleDescription(
      expect.stringContaining("Mot de passe trop faible"),
    );
  });

  it("requires the identity before calling the API", async () => {
    const { operations } = renderWithApi(<CreateUserForm onCreated={vi.fn()} />, () => ({}));
    await userEvent.setup().click(screen.getByRole("button", { name: "Créer l’utilisateur" }));
    expect(screen.getByLabelText("Prénom")).toHaveAccessibleDescription(
      "Ce champ est obligatoire.",
    );
    expect(screen.getByLabelText("Prénom")).toHaveFocus();
    expect(operations).toHaveLength(0);
  });
});

describe("Annex 3: restrict a user's rights", () => {
  it("withdraws Consult and saves the remaining rights", async () => {
    const { operations } = renderWithApi(<UserRightsForm user={claire} />, () => ({
      data: {
        setUserRights: {
          __typename: "SetUserRightsPayload",
          user: asUser({ ...claire, rights: ["IMPORT", "COMMUNICATE", "ANALYSE"] }),
        },
      },
    }));
    const user = userEvent.setup();
    const save = screen.getByRole("button", { name: "Enregistrer les droits" });
    expect(save).toBeDisabled();

    await user.click(screen.getByLabelText("Consulter"));
    expect(screen.getByLabelText("Consulter")).not.toBeChecked();
    expect(save).toBeEnabled();
    await user.click(save);

    expect(await screen.findByRole("status")).toHaveTextContent("Droits enregistrés.");
    expect(operations).toEqual<RecordedOperation[]>([
      {
        operationName: "SetUserRights",
        variables: { input: { userId: "u-42", rights: ["IMPORT", "COMMUNICATE", "ANALYSE"] } },
      },
    ]);
  });

  it("says so when the API refuses", async () => {
    renderWithApi(<UserRightsForm user={claire} />, () => apiError({ code: "FORBIDDEN" }));
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Analyser"));
    await user.click(screen.getByRole("button", { name: "Enregistrer les droits" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Vous n’avez pas le droit d’effectuer cette action.",
    );
  });

  it("cannot change the rights of a closed account", () => {
    renderWithApi(<UserRightsForm user={{ ...claire, status: "CLOSED" }} />, () => ({}));
    expect(screen.getByLabelText("Consulter")).toBeDisabled();
  });
});

describe("Annex 3: close an access", () => {
  it("asks for confirmation, then closes the account", async () => {
    const { operations } = renderWithApi(<UserStatusPanel user={claire} />, () => ({
      data: {
        closeUser: {
          __typename: "CloseUserPayload",
          user: asUser({ ...claire, status: "CLOSED" }),
        },
      },
    }));
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Fermer le compte" }));
    const dialog = screen.getByRole("alertdialog", { name: "Fermer le compte de Claire Martin ?" });
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toHaveFocus();
    expect(operations).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Fermer le compte" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Le compte a été fermé.");
    expect(operations).toEqual<RecordedOperation[]>([
      { operationName: "CloseUser", variables: { input: { userId: "u-42" } } },
    ]);
  });

  it("does nothing when the confirmation is cancelled", async () => {
    const { operations } = renderWithApi(<UserStatusPanel user={claire} />, () => ({}));
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Fermer le compte" }));
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(operations).toHaveLength(0);
  });
});

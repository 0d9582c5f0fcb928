import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { apiError, renderWithApi, type FakeResponse } from "../test/renderWithApi";
import { LoginForm } from "./LoginForm";

const viewer = {
  __typename: "Viewer",
  kind: "TENANT_ADMIN",
  email: "admin@demo.crm360.demo",
  firstName: "Ada",
  lastName: "Admin",
  rights: ["IMPORT", "CONSULT"],
  isTenantAdmin: true,
  isOperator: false,
  mustChangePassword: false,
  idleTimeoutSeconds: 1200,
  tenant: { __typename: "Tenant", id: "t1", name: "Démo" },
};

async function logIn(response: FakeResponse, email = "admin@demo.crm360.demo") {
  const onLoggedIn = vi.fn();
  const rendered = renderWithApi(<LoginForm onLoggedIn={onLoggedIn} />, () => response);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Adresse e-mail"), email);
  await user.type(screen.getByLabelText("Mot de passe"), "Demo-crm360-2026!");
  await user.click(screen.getByRole("button", { name: "Se connecter" }));
  return { ...rendered, onLoggedIn };
}

describe("LoginForm", () => {
  it("logs in and hands the viewer over", async () => {
    const { onLoggedIn, operations } = await logIn({ data: { login: { viewer } } });
    await waitFor(() => expect(onLoggedIn).toHaveBeenCalledWith(viewer));
    expect(operations).toEqual([
      {
        operationName: "Login",
        variables: { input: { email: "admin@demo.crm360.demo", password: "Demo-crm360-2026!" } },
      },
    ]);
  });

  it.each([
    ["WRONG_CREDENTIALS", "Adresse e-mail ou mot de passe incorrect."],
    [
      "ACCOUNT_CLOSED",
      "Ce compte est fermé. Adressez-vous à l’administrateur de votre organisation.",
    ],
    [
      "TENANT_SUSPENDED",
      "L’accès de votre organisation est suspendu. Adressez-vous au support crm360.",
    ],
    ["SESSION_EXPIRED", "Votre session a expiré. Reconnectez-vous."],
  ])("explains UNAUTHENTICATED / %s", async (reason, message) => {
    const { onLoggedIn } = await logIn(apiError({ code: "UNAUTHENTICATED", reason }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByRole("alert")).toHaveFocus();
    expect(screen.getByLabelText("Mot de passe")).toHaveValue("");
    expect(onLoggedIn).not.toHaveBeenCalled();
  });

  it("says how long to wait when throttled", async () => {
    await logIn(apiError({ code: "RATE_LIMITED", retryAfterSeconds: 42 }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Trop de tentatives. Réessayez dans 42 secondes.",
    );
  });

  it("puts a field error next to its field", async () => {
    await logIn(apiError({ code: "INVALID_INPUT", field: "email", reason: "INVALID_EMAIL" }));
    const email = screen.getByLabelText("Adresse e-mail");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("Cette adresse e-mail n’est pas valide.");
    expect(email).toHaveFocus();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("falls back to the code's message for an unknown reason", async () => {
    await logIn(apiError({ code: "INTERNAL", reason: "SOMETHING_NEW" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Une erreur inattendue est survenue. Réessayez plus tard.",
    );
  });

  it("checks the fields before asking the server", async () => {
    const { operations } = renderWithApi(<LoginForm onLoggedIn={vi.fn()} />, () => ({}));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Adresse e-mail"), "pas-une-adresse");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    expect(screen.getByLabelText("Adresse e-mail")).toHaveAccessibleDescription(
      "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
    );
    expect(screen.getByLabelText("Mot de passe")).toHaveAccessibleDescription(
      "Ce champ est obligatoire.",
    );
    expect(operations).toHaveLength(0);
  });

  it("speaks English when English is chosen", async () => {
    window.localStorage.setItem("crm360.language", "en");
    const onLoggedIn = vi.fn();
    renderWithApi(<LoginForm onLoggedIn={onLoggedIn} />, () =>
      apiError({ code: "UNAUTHENTICATED", reason: "WRONG_CREDENTIALS" }),
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email address"), "someone@example.com");
    await user.type(screen.getByLabelText("Password"), "nope");
    await user.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong email address or password.");
  });
});

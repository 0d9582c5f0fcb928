import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, renderWithApi, type FakeResponse } from "../test/renderWithApi";
import { ForgotPasswordPage } from "./ForgotPasswordPage";

async function ask(response: FakeResponse, email = "jeanne@exemple.fr") {
  const rendered = renderWithApi(<ForgotPasswordPage />, () => response);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Adresse e-mail"), email);
  await user.click(screen.getByRole("button", { name: "Envoyer le lien" }));
  return rendered;
}

describe("ForgotPasswordPage", () => {
  it("always gives the same confirmation once the server answered", async () => {
    const { operations } = await ask(
      { data: { requestPasswordReset: true } },
      " jeanne@exemple.fr ",
    );
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé.",
    );
    expect(screen.queryByLabelText("Adresse e-mail")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Retour à la connexion" })).toHaveAttribute(
      "href",
      "/login",
    );
    expect(operations).toEqual([
      {
        operationName: "RequestPasswordReset",
        variables: { input: { email: "jeanne@exemple.fr" } },
      },
    ]);
  });

  it("checks the address before asking the server", async () => {
    const { operations } = await ask({}, "pas-une-adresse");
    expect(screen.getByLabelText("Adresse e-mail")).toHaveAccessibleDescription(
      "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
    );
    expect(operations).toHaveLength(0);
  });

  it("says how long to wait after too many requests", async () => {
    await ask(apiError({ code: "RATE_LIMITED", retryAfterSeconds: 60 }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Trop de tentatives. Réessayez dans 60 secondes.",
    );
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("speaks English when English is chosen", async () => {
    window.localStorage.setItem("crm360.language", "en");
    renderWithApi(<ForgotPasswordPage />, () => ({ data: { requestPasswordReset: true } }));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email address"), "someone@example.com");
    await user.click(screen.getByRole("button", { name: "Send the link" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "If an account exists for this address, an email has just been sent to it.",
    );
  });
});

import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { apiError, renderWithApi, type FakeResponse } from "../test/renderWithApi";
import { FlashMessage } from "../ui/FlashMessage";
import { ResetPasswordPage, readLinkFragment } from "./ResetPasswordPage";

const STRONG = "Violet-Ketchup-Orbite-42";

function open(hash: string, response: FakeResponse = {}) {
  return renderWithApi(
    <Routes>
      <Route path="/reinitialiser-mot-de-passe" element={<ResetPasswordPage />} />
      <Route path="/login" element={<FlashMessage />} />
    </Routes>,
    () => response,
    { route: { path: "*", url: `/reinitialiser-mot-de-passe${hash}` } },
  );
}

async function fill(password: string, confirmation = password) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Nouveau mot de passe"), password);
  await user.type(screen.getByLabelText("Confirmez le nouveau mot de passe"), confirmation);
  await user.click(screen.getByRole("button", { name: "Enregistrer le mot de passe" }));
}

describe("readLinkFragment", () => {
  it("reads the token and the invitation flag", () => {
    expect(readLinkFragment("#token=abc-_9&invitation=1")).toEqual({
      token: "abc-_9",
      invitation: true,
    });
    expect(readLinkFragment("#token=abc")).toEqual({ token: "abc", invitation: false });
    expect(readLinkFragment("")).toEqual({ token: null, invitation: false });
  });
});

describe("ResetPasswordPage", () => {
  it("sets the password from the link's token, then sends to login with a success message", async () => {
    const { operations } = open("#token=tok123", { data: { resetPassword: true } });
    expect(screen.getByRole("heading", { name: "Nouveau mot de passe" })).toBeInTheDocument();
    await fill(STRONG);
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Votre mot de passe est enregistré. Vous pouvez vous connecter.",
    );
    expect(operations).toEqual([
      {
        operationName: "ResetPassword",
        variables: { input: { token: "tok123", newPassword: STRONG } },
      },
    ]);
  });

  it("words an invitation as choosing one's password", () => {
    open("#token=tok123&invitation=1");
    expect(
      screen.getByRole("heading", { name: "Choisissez votre mot de passe" }),
    ).toBeInTheDocument();
  });

  it("checks the length and the confirmation before asking the server", async () => {
    const { operations } = open("#token=tok123");
    await fill("court", "autre");
    expect(screen.getByLabelText("Nouveau mot de passe")).toHaveAccessibleDescription(
      expect.stringContaining("Le mot de passe doit compter au moins 12 caractères."),
    );
    expect(screen.getByLabelText("Confirmez le nouveau mot de passe")).toHaveAccessibleDescription(
      "Les deux mots de passe ne sont pas identiques.",
    );
    expect(operations).toHaveLength(0);
  });

  it("shows the policy's refusal next to the password, in French", async () => {
    open(
      "#token=tok123",
      apiError({ code: "INVALID_INPUT", field: "newPassword", reason: "WEAK_PASSWORD" }),
    );
    await fill("motdepasse-motdepasse");
    const field = screen.getByLabelText("Nouveau mot de passe");
    await waitFor(() => expect(field).toHaveAttribute("aria-invalid", "true"));
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining("Mot de passe trop faible : au moins 12 caractères"),
    );
  });

  it("says a used or expired link is no longer valid and offers a new one", async () => {
    open(
      "#token=tok123",
      apiError({ code: "INVALID_INPUT", field: "token", reason: "TOKEN_INVALID" }),
    );
    await fill(STRONG);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Ce lien n’est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau.",
    );
    expect(screen.getByRole("link", { name: "Demander un nouveau lien" })).toHaveAttribute(
      "href",
      "/mot-de-passe-oublie",
    );
  });

  it("explains a link without a token", () => {
    open("");
    expect(screen.getByRole("alert")).toHaveTextContent("Ce lien est incomplet.");
    expect(screen.queryByLabelText("Nouveau mot de passe")).not.toBeInTheDocument();
  });
});

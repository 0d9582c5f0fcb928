import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { createApiClient } from "./api/client";
import { I18nProvider } from "./i18n/I18nProvider";
import { SessionProvider, type Viewer } from "./session/SessionProvider";
import { apiError, fakeFetch, type FakeServer, type RecordedOperation } from "./test/renderWithApi";

const adele: Viewer = {
  kind: "TENANT_ADMIN",
  email: "admin@demo.crm360.demo",
  firstName: "Adèle",
  lastName: "Administratrice",
  rights: ["IMPORT", "CONSULT", "COMMUNICATE", "ANALYSE"],
  isTenantAdmin: true,
  isOperator: false,
  mustChangePassword: false,
  idleTimeoutSeconds: 1200,
  tenant: { id: "t1", name: "Démo Boutique SAS" },
};

const constant: Viewer = {
  ...adele,
  kind: "TENANT_USER",
  email: "consult@demo.crm360.demo",
  firstName: "Constant",
  lastName: "Démo",
  rights: ["CONSULT"],
  isTenantAdmin: false,
};

function withTypenames(viewer: Viewer) {
  return {
    __typename: "Viewer",
    ...viewer,
    tenant: viewer.tenant && { __typename: "Tenant", ...viewer.tenant },
  };
}

function renderApp(path: string, server: FakeServer) {
  const operations: RecordedOperation[] = [];
  render(
    <I18nProvider>
      <MemoryRouter initialEntries={[path]}>
        <SessionProvider
          createClient={(onSessionLost) =>
            createApiClient(onSessionLost, fakeFetch(server, operations))
          }
        >
          <App />
        </SessionProvider>
      </MemoryRouter>
    </I18nProvider>,
  );
  return operations;
}

describe("the app's routes and session", () => {
  it("sends an anonymous visitor to the login page", async () => {
    renderApp("/admin/users", () => ({ data: { me: null } }));
    const heading = await screen.findByRole("heading", { level: 1, name: "Connexion" });
    // The page moves focus to its heading once it has rendered (an effect): wait for it.
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
  });

  it("shows a plain user their account and no administration", async () => {
    renderApp("/account", () => ({ data: { me: withTypenames(constant) } }));
    await screen.findByRole("heading", { level: 1, name: "Mon compte" });
    expect(screen.getByRole("navigation", { name: "Navigation principale" })).toHaveTextContent(
      "Mon compte",
    );
    expect(screen.queryByRole("link", { name: "Utilisateurs" })).not.toBeInTheDocument();
    expect(screen.getByText("Consulter")).toBeInTheDocument();
  });

  it("hides the contacts from a user without the Consult right, and refuses them by URL", async () => {
    const importer = { ...constant, rights: ["IMPORT" as const] };
    renderApp("/contacts", () => ({ data: { me: withTypenames(importer) } }));
    expect(await screen.findByRole("heading", { name: "Accès refusé" })).toBeInTheDocument();
    const menu = screen.getByRole("navigation", { name: "Navigation principale" });
    expect(menu).toHaveTextContent("Imports");
    expect(screen.queryByRole("link", { name: "Contacts" })).not.toBeInTheDocument();
  });

  it("refuses the administration pages to a plain user, even by URL", async () => {
    renderApp("/admin/users", () => ({ data: { me: withTypenames(constant) } }));
    expect(await screen.findByRole("heading", { name: "Accès refusé" })).toBeInTheDocument();
  });

  it("puts a required password change before anything else", async () => {
    renderApp("/admin/users", () => ({
      data: { me: withTypenames({ ...adele, mustChangePassword: true }) },
    }));
    await screen.findByRole("heading", { level: 1, name: "Changer de mot de passe" });
    expect(screen.getByText("Pour continuer, choisissez un nouveau mot de passe.")).toBeVisible();
  });

  it("returns to the login page, saying why, when the API reports the session gone", async () => {
    renderApp("/admin/users", ({ operationName }) =>
      operationName === "Me"
        ? { data: { me: withTypenames(adele) } }
        : apiError({ code: "UNAUTHENTICATED", reason: "SESSION_EXPIRED" }),
    );
    await screen.findByRole("heading", { level: 1, name: "Connexion" });
    expect(screen.getByRole("status")).toHaveTextContent(
      "Votre session a expiré. Reconnectez-vous.",
    );
  });

  it("says that the organisation is suspended, and whom to ask, when the API says so", async () => {
    renderApp("/admin/users", ({ operationName }) =>
      operationName === "Me"
        ? { data: { me: withTypenames(adele) } }
        : apiError({ code: "UNAUTHENTICATED", reason: "TENANT_SUSPENDED" }),
    );
    await screen.findByRole("heading", { level: 1, name: "Connexion" });
    const notice = screen.getByRole("status");
    expect(notice).toHaveTextContent("L’accès de votre organisation à crm360 est suspendu");
    expect(notice).toHaveTextContent("adressez-vous à l’administrateur de votre organisation");
    expect(notice).not.toHaveTextContent("Votre session a expiré");
  });

  it("opens on the home page of the viewer's role", async () => {
    renderApp("/", ({ operationName }) =>
      operationName === "Me"
        ? { data: { me: withTypenames(constant) } }
        : { errors: [{ message: "unused", extensions: { code: "INTERNAL" } }] },
    );
    await screen.findByRole("heading", { level: 1, name: "Accueil" });
    expect(
      screen.getByText("Bonjour Constant. Votre base Démo Boutique SAS en un coup d’œil."),
    ).toBeInTheDocument();
    // Constant may consult contacts but not count them (Analyse): no figures, the way to them.
    expect(screen.getByRole("link", { name: "Ouvrir la liste des contacts" })).toBeInTheDocument();
  });

  it("logs out and says so", async () => {
    const operations = renderApp("/account", ({ operationName }) =>
      operationName === "Logout"
        ? { data: { logout: true } }
        : { data: { me: withTypenames(adele) } },
    );
    await screen.findByRole("heading", { level: 1, name: "Mon compte" });
    await userEvent.setup().click(screen.getByRole("button", { name: "Se déconnecter" }));
    await screen.findByRole("heading", { level: 1, name: "Connexion" });
    expect(screen.getByRole("status")).toHaveTextContent("Vous êtes déconnecté.");
    expect(operations.map((o) => o.operationName)).toContain("Logout");
  });
});

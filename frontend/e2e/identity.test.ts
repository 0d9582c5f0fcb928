import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, logOut, newPage, openFromMenu, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

const ADMIN = "admin@demo.crm360.demo";
const OPERATOR = "operateur@crm360.demo";
const NEW_USER = {
  firstName: "Eugénie",
  lastName: "Essai",
  email: "eugenie.essai@demo.crm360.demo",
  password: "Premier-mot-de-passe-e2e-2026",
  newPassword: "Nouvelle phrase secrète pour Eugénie 2026",
};

describe("identity screens against the real server", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer("identity");
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("explains a refused login", async () => {
    await logIn(page, server.baseUrl, ADMIN, "pas le bon mot de passe");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.equal(await alert.textContent(), "Adresse e-mail ou mot de passe incorrect.");
    await screenshot(page, "01-login-refused");
  });

  it("shows the demo administrator the users with their rights", async () => {
    await logIn(page, server.baseUrl, ADMIN);
    await openFromMenu(page, "Utilisateurs");
    const row = page.getByRole("row", { name: /consult@demo\.crm360\.demo/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /Consulter/);
    assert.equal(await page.getByRole("link", { name: "Jetons d’API" }).count(), 1);
    assert.equal(await page.getByRole("link", { name: "Clients" }).count(), 0);
    await screenshot(page, "02-users");
  });

  it("creates a user with rights (Annex 3)", async () => {
    await page.getByRole("link", { name: "Nouvel utilisateur" }).click();
    await page.getByLabel("Prénom").fill(NEW_USER.firstName);
    await page.getByLabel("Nom", { exact: true }).fill(NEW_USER.lastName);
    await page.getByLabel("Adresse e-mail").fill(NEW_USER.email);
    await page.getByLabel("Mot de passe initial").fill(NEW_USER.password);
    for (const right of ["Importer", "Consulter", "Communiquer"]) {
      await page.getByLabel(right).check();
    }
    await page.getByRole("button", { name: "Créer l’utilisateur" }).click();
    await page.getByRole("heading", { level: 1, name: "Accès de Eugénie Essai" }).waitFor();
    await page.getByText("L’utilisateur Eugénie Essai a été créé.").waitFor();
    assert.equal(await page.getByLabel("Consulter").isChecked(), true);
  });

  it("restricts the new user's Consult right", async () => {
    await page.getByLabel("Consulter").uncheck();
    await page.getByRole("button", { name: "Enregistrer les droits" }).click();
    await page.getByText("Droits enregistrés.").waitFor();
    await screenshot(page, "03-user-rights-restricted");

    await page.getByRole("link", { name: "Utilisateurs", exact: true }).click();
    const row = page.getByRole("row", { name: new RegExp(NEW_USER.email.replace(/\./g, "\\.")) });
    await row.waitFor();
    const text = (await row.textContent()) ?? "";
    assert.match(text, /Importer/);
    assert.match(text, /Communiquer/);
    assert.doesNotMatch(text, /Consulter/);
  });

  it("creates an API token, shows its secret once, and revokes it", async () => {
    await page.getByRole("link", { name: "Jetons d’API" }).click();
    await page.getByRole("button", { name: "Nouveau jeton" }).click();
    await page.getByLabel("Nom du jeton").fill("Outil de BI");
    await page.getByRole("button", { name: "Créer le jeton" }).click();
    const secret = page.getByLabel("Secret du jeton");
    await secret.waitFor();
    assert.ok(((await secret.inputValue()) ?? "").length > 16, "the secret is shown");
    await screenshot(page, "04-api-token-secret");
    await page.getByRole("button", { name: "J’ai copié le secret" }).click();
    assert.equal(await page.getByLabel("Secret du jeton").count(), 0);

    await page.getByRole("button", { name: "Révoquer le jeton Outil de BI" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Révoquer le jeton « Outil de BI » ?" });
    await dialog.getByRole("button", { name: "Révoquer" }).click();
    await page.getByText("Le jeton a été révoqué.").waitFor();
    await page.getByRole("row", { name: /Outil de BI.*Révoqué/ }).waitFor();
  });

  it("shows the connection log and the audit log", async () => {
    await page.getByRole("link", { name: "Journal des connexions" }).click();
    await page
      .getByRole("row", { name: /Mot de passe incorrect/ })
      .first()
      .waitFor();
    await page
      .getByRole("row", { name: /Réussie/ })
      .first()
      .waitFor();
    await screenshot(page, "05-connection-log");
    await page.getByRole("link", { name: "Journal d’audit" }).click();
    await page.getByRole("heading", { level: 1, name: "Journal d’audit" }).waitFor();
    // The user created above, by the administrator.
    await page
      .getByRole("row", { name: /Administrateur.*user\.create/ })
      .first()
      .waitFor();
    await screenshot(page, "06-audit-log");
  });

  it("logs out", async () => {
    await logOut(page);
    await page.getByText("Vous êtes déconnecté.").waitFor();
  });

  it("logs the new user in, with the rights left to them", async () => {
    await logIn(page, server.baseUrl, NEW_USER.email, NEW_USER.password);
    // A user created by an administrator chooses their own password first.
    await page.getByRole("heading", { level: 1, name: "Changer de mot de passe" }).waitFor();
    await screenshot(page, "07-forced-password-change");
    await page.getByLabel("Mot de passe actuel").fill(NEW_USER.password);
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(NEW_USER.newPassword);
    await page.getByLabel("Confirmez le nouveau mot de passe").fill(NEW_USER.newPassword);
    await page.getByRole("button", { name: "Changer le mot de passe" }).click();

    // Home for this user is the home page, with their last imports (Import right).
    await page.getByRole("heading", { level: 1, name: "Accueil" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Derniers imports" }).waitFor();
    await page.getByText("Votre mot de passe a été changé.").waitFor();
    assert.equal(await page.getByRole("link", { name: "Contacts", exact: true }).count(), 0);
    await page.getByRole("link", { name: "Mon compte" }).click();
    await page.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor();
    const rights = (await page.locator(".details").textContent()) ?? "";
    assert.match(rights, /Importer/);
    assert.match(rights, /Communiquer/);
    assert.doesNotMatch(rights, /Consulter/);
    assert.equal(await page.getByRole("link", { name: "Utilisateurs" }).count(), 0);
    await screenshot(page, "08-new-user-account");
    await logOut(page);
  });

  it("shows the operator the tenants, and lets them suspend and reactivate one", async () => {
    await logIn(page, server.baseUrl, OPERATOR);
    await openFromMenu(page, "Clients");
    await page.getByRole("row", { name: /Démo Boutique SAS/ }).waitFor();
    await screenshot(page, "09-operator-tenants");

    await page.getByRole("link", { name: "Nouveau client" }).click();
    await page.getByLabel("Nom du client").fill("Client E2E SARL");
    await page.getByLabel("Dédiée").check();
    await page.getByLabel("Prénom").fill("Paul");
    await page.getByLabel("Nom", { exact: true }).fill("Premier");
    await page.getByLabel("Adresse e-mail").fill("paul.premier@client-e2e.example");
    await page.getByLabel("Mot de passe initial").fill("Mot-de-passe-du-referent-2026");
    await page.getByRole("button", { name: "Créer le client" }).click();
    await page.getByText(/Le client Client E2E SARL a été créé/).waitFor();

    await page.getByRole("button", { name: "Suspendre Client E2E SARL" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Suspendre Client E2E SARL ?" });
    await dialog.getByRole("button", { name: "Suspendre le client" }).click();
    await dialog.getByText("Ce champ est obligatoire.").waitFor();
    await dialog.getByLabel("Motif de la suspension").fill("Facture impayée");
    await screenshot(page, "10-suspend-tenant");
    await dialog.getByRole("button", { name: "Suspendre le client" }).click();
    await page.getByText("Client E2E SARL est suspendu.").waitFor();
    await page.getByRole("row", { name: /Client E2E SARL.*Suspendu.*Facture impayée/ }).waitFor();

    await page.getByRole("button", { name: "Réactiver Client E2E SARL" }).click();
    await page
      .getByRole("alertdialog", { name: "Réactiver Client E2E SARL ?" })
      .getByRole("button", { name: "Réactiver" })
      .click();
    await page.getByText("Client E2E SARL est réactivé.").waitFor();

    await page.getByRole("link", { name: "Santé de la plateforme" }).click();
    await page.getByText("Opérationnelle").waitFor();
    await screenshot(page, "11-platform-health");
    await logOut(page);
  });
});

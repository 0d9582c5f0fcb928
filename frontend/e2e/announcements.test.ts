import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, newPage, openFromMenu, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

const ADMIN = "admin@demo.crm360.demo";
const CONSULT = "consult@demo.crm360.demo";
const OPERATOR = "operateur@crm360.demo";
const TEXT_FR = "Migration de la base ce soir de 22 h à 23 h : enregistrez vos segments.";
const TEXT_EN = "Database migration tonight from 10 to 11 pm: save your segments.";

/** Counts the page views a page sends to the operator's measurement. */
function countPageViews(page: Page): () => number {
  let sent = 0;
  page.on("request", (request) => {
    if (
      request.url().endsWith("/graphql") &&
      (request.postData() ?? "").includes("RecordPageView")
    ) {
      sent += 1;
    }
  });
  return () => sent;
}

describe("announcements and audience measurement against the real server", () => {
  let server: RunningServer;
  let browser: Browser;
  let operator: Page;

  before(async () => {
    server = await startServer("announcements");
    browser = await launchBrowser();
    operator = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets the operator publish an announcement to every tenant", async () => {
    const sent = countPageViews(operator);
    await logIn(operator, server.baseUrl, OPERATOR);
    await openFromMenu(operator, "Clients");
    await operator.getByRole("button", { name: "Refuser" }).click();
    await operator.getByRole("link", { name: "Annonces" }).click();
    await operator.getByRole("heading", { level: 1, name: "Annonces" }).waitFor();
    await operator.getByRole("button", { name: "Nouvelle annonce" }).click();
    // The API's rules show next to the fields.
    await operator.getByRole("button", { name: "Publier l’annonce" }).click();
    await operator.getByText("Ce champ est obligatoire.").waitFor();
    await operator.getByLabel("Gravité").selectOption("WARNING");
    await operator.getByLabel("Texte en français").fill(TEXT_FR);
    await operator.getByLabel("Texte en anglais").fill(TEXT_EN);
    await operator.getByRole("button", { name: "Publier l’annonce" }).click();
    await operator.getByText("Annonce publiée.").waitFor();
    await operator
      .getByRole("row", { name: /Migration de la base.*Tous les clients.*Affichée/ })
      .waitFor();
    await screenshot(operator, "announcements-01-published");
    assert.equal(sent(), 0, "a refusal sends nothing");
  });

  it("shows the tenant's administrator the banner, and measures their pages once accepted", async () => {
    const admin = await newPage(browser);
    const sent = countPageViews(admin);
    await logIn(admin, server.baseUrl, ADMIN);
    await openFromMenu(admin, "Utilisateurs");
    const alert = admin.getByRole("alert").filter({ hasText: "Migration de la base" });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? "", /Attention :/);
    assert.equal(sent(), 0, "nothing is sent before the user accepts");
    await admin.getByRole("button", { name: "Accepter" }).click();
    await admin.getByRole("link", { name: "Contacts" }).click();
    await admin.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
    await screenshot(admin, "announcements-02-banner");

    // In English, the English text.
    await admin.getByRole("button", { name: "English" }).click();
    await admin.getByText(TEXT_EN).waitFor();

    // Dismissed, it stays hidden for the session.
    await admin.getByRole("button", { name: "Dismiss the announcement (Warning)" }).click();
    assert.equal(await admin.getByText(TEXT_EN).count(), 0);
    await admin.reload();
    await admin.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
    assert.equal(await admin.getByText(TEXT_EN).count(), 0);
    assert.ok(sent() >= 2, `page views sent: ${sent()}`);
    await admin.context().close();
  });

  it("sends nothing for a user who refuses", async () => {
    const user = await newPage(browser);
    const sent = countPageViews(user);
    await logIn(user, server.baseUrl, CONSULT);
    await openFromMenu(user, "Contacts");
    await user.getByRole("button", { name: "Refuser" }).click();
    await user.getByRole("link", { name: "Mon compte" }).click();
    await user.getByRole("heading", { level: 1, name: "Mon compte" }).waitFor();
    assert.equal(sent(), 0);
    assert.equal(
      (await user.context().cookies()).filter((c) => c.name === "crm360_visit").length,
      0,
    );
    await user.context().close();
  });

  it("shows the operator the recorded page views", async () => {
    await operator.getByRole("link", { name: "Mesure d’audience" }).click();
    await operator.getByRole("heading", { level: 1, name: "Mesure d’audience" }).waitFor();
    const pages = operator.getByRole("table", { name: /Pages les plus vues/ });
    await pages.getByRole("row", { name: /\/contacts/ }).waitFor();
    await pages.getByRole("row", { name: /\/admin\/users/ }).waitFor();
    const tenants = operator.getByRole("table", { name: /Activité par client/ });
    await tenants.getByRole("row", { name: /Démo Boutique SAS/ }).waitFor();
    await screenshot(operator, "announcements-03-analytics");

    // Ending the announcement takes it off the banners.
    await operator.getByRole("link", { name: "Annonces" }).click();
    await operator.getByRole("button", { name: /Terminer l’annonce/ }).click();
    await operator.getByRole("alertdialog").getByRole("button", { name: "Terminer" }).click();
    await operator.getByText("Annonce terminée.").waitFor();
    await operator.getByRole("row", { name: /Migration de la base.*Terminée/ }).waitFor();
  });
});

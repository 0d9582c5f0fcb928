import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, newPage, openFromMenu, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

const ADMIN = "admin@demo.crm360.demo";

/** The demo has 120 contacts; the list says how many there are. */
async function totalShown(page: Page): Promise<number> {
  const text = await page.getByText(/\d[\d\s\u202f]* contacts? au total/).textContent();
  return Number((text ?? "").replace(/[^\d]/g, ""));
}

describe("the contact list's new contact, export and bulk actions, against the real server", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer("contacts-list");
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("creates a contact, showing every invalid field at once first", async () => {
    await logIn(page, server.baseUrl, ADMIN);
    await page.getByRole("button", { name: "Refuser" }).click();
    await openFromMenu(page, "Contacts");
    assert.equal(await totalShown(page), 120);
    await page.getByRole("link", { name: "Nouveau contact" }).click();
    await page.getByRole("heading", { level: 1, name: "Nouveau contact" }).waitFor();
    await page.getByLabel(/^Prénom/).fill("Hélène");
    await page.getByLabel(/^Nom/).fill("Dupré");
    await page.getByLabel(/E-mail personnel/).fill("helene@");
    await page.getByLabel(/Code postal/).fill("750");
    await page.getByRole("button", { name: "Créer le contact" }).click();
    await page.getByRole("alert").filter({ hasText: "2 champs à corriger." }).waitFor();
    await page.getByText("Saisissez une adresse e-mail valide", { exact: false }).waitFor();
    await page.getByText("Ce code postal n’est pas valide.").waitFor();
    await screenshot(page, "50-new-contact-errors");
    await page.getByLabel(/E-mail personnel/).fill("helene.dupre@exemple.fr");
    await page.getByLabel(/Code postal/).fill("75005");
    await page.getByLabel(/Identifiant client/).fill("W-001");
    await page.getByRole("button", { name: "Créer le contact" }).click();
    await page.getByRole("heading", { level: 1, name: "Hélène Dupré" }).waitFor();
    await page.getByText("Hélène Dupré a été créé.").waitFor();
    await page
      .getByRole("link", { name: /Retour aux contacts|Contacts/ })
      .first()
      .click();
    await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
    await page.getByText("121 contacts au total").waitFor();
  });

  it("exports the list in French with the consents, formulas neutralised", async () => {
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Exporter tous les contacts (CSV)" }).click();
    const download = await downloading;
    assert.match(download.suggestedFilename(), /^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    assert.equal(lines.length, 1 + 121, "a header and every contact");
    assert.match(lines[0]!, /^"Civilité";"Prénom";"Nom";"Date de naissance"/);
    assert.match(
      lines[0]!,
      /"Consentement E-mail";"Consentement E-mail : date";"Consentement E-mail : source"/,
    );
    const helene = lines.find((l) => l.includes('"Hélène";"Dupré"'));
    assert.ok(helene, "the new contact is exported");
    assert.match(helene, /"Jamais demandé"/);
    // No cell starts a formula: a leading = + - @ is always behind an apostrophe.
    assert.ok(
      lines.every((l) => !/(^|;)"[=+\-@]/.test(l)),
      "a cell would start a formula",
    );
    await page.getByText("121 contacts exportés.").waitFor();
  });

  it("records a consent for the selected contacts, then deletes them after confirmation", async () => {
    await page.getByLabel(/Rechercher/).fill("Dupré");
    // The search has applied (after its pause) once the list says a search has no total.
    await page
      .getByText("Le nombre de résultats d’une recherche libre n’est pas disponible.")
      .waitFor();
    await page.getByRole("row", { name: /Hélène Dupré/ }).waitFor();
    await page.getByRole("checkbox", { name: "Sélectionner Hélène Dupré" }).check();
    await page.getByText("1 ligne sélectionnée").waitFor();
    await page.getByRole("button", { name: "Ajouter un consentement" }).click();
    const consent = page.getByRole("dialog", {
      name: "Enregistrer un consentement pour 1 contact",
    });
    await consent.getByLabel("SMS").check();
    await consent.getByLabel(/Source/).fill("Salon de Lyon");
    await consent.getByRole("button", { name: /Enregistrer/ }).click();
    await page.getByText("Consentement enregistré pour 1 contact.").waitFor();

    await page.getByRole("link", { name: "Hélène Dupré" }).click();
    await page.getByRole("heading", { level: 1, name: "Hélène Dupré" }).waitFor();
    await page.getByRole("row", { name: /SMS.*Accordé.*Salon de Lyon/ }).waitFor();
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();

    // Two contacts of the demo, chosen on the first page, deleted together.
    await page.getByLabel(/Rechercher/).fill("");
    await page.getByText("121 contacts au total").waitFor();
    const boxes = page.getByRole("checkbox", { name: /^Sélectionner (?!toutes)/ });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByText("2 lignes sélectionnées").waitFor();
    await page.getByRole("button", { name: "Supprimer", exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Supprimer 2 contacts ?" });
    await confirm.getByText("ne peut pas être annulée", { exact: false }).waitFor();
    await screenshot(page, "51-bulk-delete");
    await confirm.getByRole("button", { name: "Supprimer les 2 contacts" }).click();
    await page.getByText("2 contacts supprimés.").waitFor();
    await page.getByText("119 contacts au total").waitFor();
  });

  it("jumps to a page", async () => {
    await page.getByText("Page 1 sur 3").waitFor();
    await page.getByLabel("Aller à la page").fill("3");
    await page.getByRole("button", { name: "Aller", exact: true }).click();
    await page.getByText("Page 3 sur 3").waitFor();
    // 119 contacts, 50 a page: the third page holds the last 19.
    await page.waitForFunction(() => document.querySelectorAll("tbody tr").length === 19);
    assert.equal(await page.getByRole("button", { name: "Page suivante" }).isDisabled(), true);
  });
});

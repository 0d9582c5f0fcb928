import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, logOut, newPage, openFromMenu, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

/** Any user of the tenant may open tickets, whatever their rights: a Consult-only one here. */
const USER = "consult@demo.crm360.demo";
const OPERATOR = "operateur@crm360.demo";
const SUBJECT = "L’export des contacts reste bloqué";
const LOG = "2026-12-02 10:41:07 export: délai dépassé\n2026-12-02 10:41:08 export: abandon\n";
const ANSWER = "Bonjour, le traitement des exports est relancé : réessayez dans une minute.";

/** Intl's French spaces (narrow no-break, no-break) as plain spaces. */
const plain = (s: string | null) => (s ?? "").replace(/[\u00a0\u202f]/g, " ").trim();

/** The text of a file downloaded with the page's session. */
async function download(page: Page, href: string): Promise<{ status: number; text: string }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: "same-origin" });
    return { status: response.status, text: await response.text() };
  }, href);
}

function mainMenu(page: Page) {
  return page.getByRole("navigation", { name: "Navigation principale" });
}

describe("support desk: a ticket opened, answered and read, against the real server", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let number = "";

  before(async () => {
    server = await startServer("support");
    browser = await launchBrowser();
    page = await newPage(browser);
    await page.context().addInitScript(() => {
      window.localStorage.setItem("crm360.analytics", "refused");
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets a user open a ticket with a small text file and find it in Mes tickets", async () => {
    await logIn(page, server.baseUrl, USER);
    await openFromMenu(page, "Mes tickets");
    await page.locator("#main").getByRole("link", { name: "Ouvrir un ticket" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Ouvrir un ticket" }).waitFor();
    await page.getByLabel("Anomalie", { exact: true }).check();
    await page.getByLabel("P2 — Anomalie semi-critique (incident, contournement possible)").check();
    await page.getByLabel("Objet").fill(SUBJECT);
    await page.getByLabel(/^Description/).fill("Depuis ce matin, l’export ne se termine plus.");
    await page.getByLabel(/^Pièces jointes/).setInputFiles({
      name: "journal.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(LOG, "utf8"),
    });
    const files = page.getByRole("list", { name: "Fichiers joints" });
    await files.getByText("Envoyé", { exact: true }).waitFor();
    await screenshot(page, "support-10-open");
    await page.getByRole("button", { name: "Ouvrir le ticket" }).click();

    const heading = page.getByRole("heading", { level: 1, name: /^Ticket T-\d{4}-\d{6}$/ });
    await heading.waitFor();
    number = plain(await heading.textContent()).replace(/^Ticket /, "");
    const flash = plain(await page.getByRole("status").first().textContent());
    assert.match(
      flash,
      new RegExp(
        `^Votre ticket ${number} est ouvert — échéance : \\S+ \\d{1,2}(er)? \\S+ \\d{4} à \\d{2}:\\d{2}\\.$`,
      ),
    );
    assert.match(
      plain(await page.getByTestId("ticket-due").textContent()),
      /^échéance : \S+ \d{1,2}(er)? \S+ \d{4} à \d{2}:\d{2}$/,
    );
    assert.match(
      plain(await page.getByTestId("ticket-time-left").textContent()),
      /^temps restant : (\d+ h( \d{2})?|\d+ min) ouvrées$/,
    );
    assert.match(plain(await page.getByTestId("ticket-priority").textContent()), /^P2 — /);
    // The file is in the thread, and downloads as it was sent.
    const link = page.getByRole("region", { name: "Échanges" }).getByRole("link", {
      name: "journal.txt",
    });
    const href = await link.getAttribute("href");
    assert.ok(href?.startsWith("/support/attachments/"), `attachment link: ${href}`);
    const file = await download(page, href ?? "");
    assert.equal(file.status, 200);
    assert.equal(file.text, LOG);
    await screenshot(page, "support-20-ticket");

    await mainMenu(page).getByRole("link", { name: "Mes tickets", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Mes tickets" }).waitFor();
    const row = page.getByRole("row", { name: new RegExp(number) });
    await row.waitFor();
    assert.match(plain(await row.textContent()), new RegExp(SUBJECT));
    await row.getByText("Ouvert", { exact: true }).waitFor();
    // Consult-only: the administrator's demo ticket is not among this user's.
    assert.equal(await page.getByText("Comment planifier une campagne récurrente ?").count(), 0);
  });

  it("shows the operator the ticket in the queue, who answers it", async () => {
    await logOut(page);
    await logIn(page, server.baseUrl, OPERATOR);
    await openFromMenu(page, "File d’attente support");
    const table = page.getByRole("table", { name: /File d’attente du support/ });
    const row = table.getByRole("row", { name: new RegExp(number) });
    await row.waitFor();
    assert.match(plain(await row.textContent()), /Démo Boutique SAS/);
    assert.match(plain(await row.textContent()), /(\d+ h( \d{2})?|\d+ min) ouvrées/);
    await screenshot(page, "support-30-queue");
    await row.getByRole("link", { name: number }).click();
    await page.getByRole("heading", { level: 1, name: `Ticket ${number}` }).waitFor();

    // Staff download the file by naming the tenant.
    const href = await page
      .getByRole("region", { name: "Échanges" })
      .getByRole("link", { name: "journal.txt" })
      .getAttribute("href");
    assert.match(href ?? "", /^\/support\/attachments\/[^?]+\?tenant=/);
    const file = await download(page, href ?? "");
    assert.equal(file.status, 200);
    assert.equal(file.text, LOG);

    await page.getByLabel("Message au client").fill(ANSWER);
    await page.getByRole("button", { name: "Répondre", exact: true }).click();
    await page.getByText("Réponse envoyée au client.").waitFor();
    await page.getByRole("region", { name: "Échanges" }).getByText(ANSWER).waitFor();
    await page
      .getByRole("table", { name: `Interventions sur le ticket ${number}` })
      .getByText("Réponse du support")
      .waitFor();
    assert.match(
      plain(await page.getByTestId("ticket-due").textContent()),
      /^pris en charge le \S+ \d{1,2}(er)? \S+ \d{4} à \d{2}:\d{2}$/,
    );
    await screenshot(page, "support-40-answered");
  });

  it("shows the user the answer", async () => {
    await logOut(page);
    await logIn(page, server.baseUrl, USER);
    await openFromMenu(page, "Mes tickets");
    const row = page.getByRole("row", { name: new RegExp(number) });
    await row.getByText("En cours", { exact: true }).waitFor();
    assert.match(plain(await row.textContent()), /Pris en charge le /);
    await row.getByRole("link", { name: number }).click();
    await page.getByRole("heading", { level: 1, name: `Ticket ${number}` }).waitFor();
    const answer = page
      .getByRole("region", { name: "Échanges" })
      .getByRole("article", { name: /^Message de .+, / })
      .filter({ hasText: ANSWER });
    await answer.waitFor();
    assert.match(plain(await answer.textContent()), /Support/);
    // Still open: the user may reply.
    await page.getByLabel("Votre message").waitFor();
    await screenshot(page, "support-50-user-reads");
  });
});

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, logOut, newPage, openFromMenu, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

const ADMIN = "admin@demo.crm360.demo";
const ANALYSE = "analyse@demo.crm360.demo";

/** Intl's French spaces (narrow no-break in groups, no-break before €) as plain spaces. */
const plain = (s: string | null) => (s ?? "").replace(/[\u00a0\u202f]/g, " ").trim();

describe("billing: consumption, the simulator and the plan, against the real server", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer("billing");
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

  it("shows the administrator the consumption and this month's estimate", async () => {
    await logIn(page, server.baseUrl, ADMIN);
    await openFromMenu(page, "Consommation");
    await page.getByRole("heading", { level: 2, name: "Estimation du mois en cours" }).waitFor();
    const asOf = plain(await page.getByTestId("estimate-as-of").textContent());
    assert.match(asOf, /^Estimation de \S+ \d{4} au \d{1,2}(er)? \S+ \d{4}, sur /);
    await page.getByRole("heading", { level: 2, name: "Mois par mois" }).waitFor();
    await page.getByRole("table", { name: /^Consommation des 12 derniers mois/ }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Dernières factures" }).waitFor();
    await screenshot(page, "billing-10-consumption");
  });

  it("prices a month in the simulator as it is typed", async () => {
    const tabs = page.getByRole("navigation", { name: "Pages de facturation" });
    await tabs.getByRole("link", { name: "Simulateur" }).click();
    await page.getByRole("heading", { level: 1, name: "Simulateur" }).waitFor();
    await page.getByLabel("Niveau", { exact: true }).selectOption("3");
    await page.getByLabel("Contacts", { exact: true }).fill("300 000");
    await page.getByLabel("Utilisateurs", { exact: true }).fill("5");
    await page.getByLabel("E-mails envoyés").fill("600000");
    await page.getByLabel("Engagement e-mail").selectOption("500000");
    const total = page.getByTestId("total-excluding-tax");
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="total-excluding-tax"]')?.textContent ?? "")
          .replace(/[\u00a0\u202f]/g, " ")
          .trim() === "1 825,00 €",
    );
    assert.equal(plain(await total.textContent()), "1 825,00 €");
    assert.equal(plain(await page.getByTestId("total-including-tax").textContent()), "2 190,00 €");
    const table = page.getByRole("table", { name: /^Lignes de la simulation/ });
    await table.getByRole("rowheader").first().waitFor();
    const minimum = plain(await page.getByTestId("minimum-note").textContent());
    assert.match(minimum, /non appliqué/);
    await page.getByTestId("plan-advice").waitFor();
    await screenshot(page, "billing-20-simulator");
  });

  it("opens Mon offre: the plan recorded for next month, the grid's rules, the identity", async () => {
    await page
      .getByRole("navigation", { name: "Navigation principale" })
      .getByRole("link", { name: "Mon offre", exact: true })
      .click();
    await page.getByRole("heading", { level: 1, name: "Mon offre" }).waitFor();
    // The demo asked for level 3 with 50 000 e-mails a month, from next month.
    const next = plain(await page.getByTestId("plan-next").textContent());
    assert.match(next, /^À partir du 1er \S+ \d{4} : Niveau 3 · e-mail : 50 000 e-mails par mois/);
    const rules = page.locator(".grid-rules li");
    assert.ok((await rules.count()) >= 5, "the grid's rules in French");
    await page.getByRole("table", { name: /^Prix HT par niveau/ }).waitFor();
    assert.equal(await page.getByLabel("Raison sociale").inputValue(), "Démo Boutique SAS");
    assert.equal(await page.getByLabel(/^SIREN/).inputValue(), "732829320");
    // A wrong SIREN is refused next to its field before anything is sent.
    await page.getByLabel(/^SIREN/).fill("732 829 321");
    await page.getByRole("button", { name: "Enregistrer l’identité" }).click();
    await page.getByText("Ce SIREN n’est pas valide", { exact: false }).waitFor();
    await page.getByLabel(/^SIREN/).fill("732 829 320");
    await page.getByRole("button", { name: "Enregistrer l’identité" }).click();
    await page.getByText("L’identité de facturation est enregistrée.").waitFor();
    await screenshot(page, "billing-30-offer");
  });

  it("shows an Analyse user the consumption only", async () => {
    await logOut(page);
    await logIn(page, server.baseUrl, ANALYSE);
    await openFromMenu(page, "Consommation");
    await page.getByRole("heading", { level: 2, name: "Estimation du mois en cours" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    assert.equal(await nav.getByRole("link", { name: "Factures", exact: true }).count(), 0);
    assert.equal(await nav.getByRole("link", { name: "Simulateur", exact: true }).count(), 0);
    assert.equal(await page.getByRole("heading", { name: "Dernières factures" }).count(), 0);
  });
});

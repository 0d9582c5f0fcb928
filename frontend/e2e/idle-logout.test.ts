import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, newPage, openFromMenu, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

const IDLE_TIMEOUT_SECONDS = 8;

describe("idle logout with a shortened timeout", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer("idle", {
      CRM360_SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_TIMEOUT_SECONDS),
    });
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("warns before the end, and staying connected keeps the session", async () => {
    await logIn(page, server.baseUrl, "admin@demo.crm360.demo");
    await openFromMenu(page, "Utilisateurs");
    const warning = page.getByRole("alertdialog", { name: "Êtes-vous toujours là ?" });
    await warning.waitFor({ timeout: 2 * IDLE_TIMEOUT_SECONDS * 1000 });
    await screenshot(page, "20-idle-warning");
    await warning.getByRole("button", { name: "Rester connecté" }).click();
    await warning.waitFor({ state: "hidden" });
    assert.equal(new URL(page.url()).pathname, "/admin/users");
  });

  it("logs out after the timeout and says why on the login page", async () => {
    const warning = page.getByRole("alertdialog", { name: "Êtes-vous toujours là ?" });
    await warning.waitFor({ timeout: 2 * IDLE_TIMEOUT_SECONDS * 1000 });
    await page
      .getByRole("heading", { level: 1, name: "Connexion" })
      .waitFor({ timeout: 2 * IDLE_TIMEOUT_SECONDS * 1000 });
    await page.getByText("Vous avez été déconnecté après 8 secondes d’inactivité.").waitFor();
    await screenshot(page, "21-idle-logged-out");

    // The server session is gone too: the API no longer knows this browser.
    const me = await page.evaluate(async () => {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CRM360-CSRF": "1" },
        body: JSON.stringify({ query: "{ me { email } }" }),
      });
      return response.json();
    });
    assert.deepEqual(me, { data: { me: null } });
  });
});

import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { resultsDir } from "./server";

/** Debian's Chromium, headless; no browser is ever downloaded. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser context (own cookies), in French, with a desktop-sized window. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

export const DEMO_PASSWORD = "Demo-crm360-2026!";

/** Logs in through the login form, as a person would. */
export async function logIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
}

/**
 * After logging in, everyone lands on the home page of their role ("Accueil"); this opens one
 * of the main menu's pages from there and waits for its heading.
 */
export async function openFromMenu(page: Page, link: string, heading = link) {
  await page.getByRole("heading", { level: 1, name: "Accueil" }).waitFor();
  await page
    .getByRole("navigation", { name: "Navigation principale" })
    .getByRole("link", { name: link, exact: true })
    .click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, newPage, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

const CONSULT = "consult@demo.crm360.demo";

interface Listed {
  id: string;
  lastName: string | null;
}

/** The first contacts in an order, asked of the API with the page's session. */
async function apiFirstContacts(page: Page, direction: "ASC" | "DESC"): Promise<Listed[]> {
  return page.evaluate(async (dir) => {
    const response = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CRM360-CSRF": "1" },
      body: JSON.stringify({
        query:
          "query Sorted($o: ContactOrderBy) { contacts(first: 100, orderBy: $o) { nodes { id lastName } } }",
        variables: { o: { field: "LAST_NAME", direction: dir } },
      }),
    });
    const body = (await response.json()) as { data: { contacts: { nodes: Listed[] } } };
    return body.data.contacts.nodes;
  }, direction);
}

/** Waits for the table to start with this contact (its data has arrived). */
async function firstRowIs(page: Page, id: string) {
  await page.waitForFunction(
    (first) =>
      document.querySelector("tbody tr th a")?.getAttribute("href") === `/contacts/${first}`,
    id,
  );
}

/** The ids of the contacts in the table, from their links, top to bottom. */
async function tableIds(page: Page): Promise<string[]> {
  const hrefs = await page
    .getByRole("table")
    .locator("tbody tr th a")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.map((href) => href.replace("/contacts/", ""));
}

describe("the contact list sorted by a column, against the real server", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer("contact-sort");
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sorts by last name with the column header, both ways, and keeps the order in the URL", async () => {
    await logIn(page, server.baseUrl, CONSULT);
    await page.getByRole("button", { name: "Refuser" }).click();
    await page.getByRole("link", { name: "Contacts", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
    const nameHeader = page.getByRole("columnheader", { name: /^Nom/ });
    await nameHeader.waitFor();
    assert.equal(await nameHeader.getAttribute("aria-sort"), null);
    assert.equal(
      await page.getByRole("columnheader", { name: /Créé le/ }).getAttribute("aria-sort"),
      "descending",
    );

    // A to Z: the table's first page is the API's, whose names are in order.
    await nameHeader.getByRole("button").click();
    await page.locator("th[aria-sort=ascending]", { hasText: "Nom" }).waitFor();
    const ascending = await apiFirstContacts(page, "ASC");
    // Case-insensitive for ASCII letters, code point order otherwise, absent names last.
    const names = ascending.map((c) =>
      (c.lastName ?? "\u{10FFFF}").replace(/[A-Z]/g, (l) => l.toLowerCase()),
    );
    assert.deepEqual(names, [...names].sort(), "the API sorts by last name");
    await page.waitForURL(/\?sort=LAST_NAME&direction=ASC$/);
    await firstRowIs(page, ascending[0]!.id);
    assert.deepEqual(
      await tableIds(page),
      ascending.slice(0, 50).map((c) => c.id),
    );
    await screenshot(page, "40-contacts-sorted-by-name");

    // Enter on the focused header: Z to A.
    await page.keyboard.press("Enter");
    await page.waitForURL(/\?sort=LAST_NAME&direction=DESC$/);
    await page.locator("th[aria-sort=descending]", { hasText: "Nom" }).waitFor();
    const descending = await apiFirstContacts(page, "DESC");
    await firstRowIs(page, descending[0]!.id);
    assert.deepEqual(
      await tableIds(page),
      descending.slice(0, 50).map((c) => c.id),
    );

    // The next page continues the order; a reload keeps it.
    await page.getByRole("button", { name: "Page suivante" }).click();
    await page.getByText("Page 2").waitFor();
    await firstRowIs(page, descending[50]!.id);
    assert.deepEqual(
      await tableIds(page),
      descending.slice(50, 100).map((c) => c.id),
    );
    await page.reload();
    await page.locator("th[aria-sort=descending]", { hasText: "Nom" }).waitFor();
    await firstRowIs(page, descending[0]!.id);
  });
});

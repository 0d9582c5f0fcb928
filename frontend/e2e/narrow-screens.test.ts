import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { pageRoutes, type PageRoute } from "../src/routes";
import { DEMO_PASSWORD, launchBrowser, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

/** A phone's width (iPhone 12 to 15). */
const WIDTH = 390;
const ADMIN = "admin@demo.crm360.demo";
const OPERATOR = "operateur@crm360.demo";

/** The GraphQL API with the page's session (and the app's CSRF header). */
async function gql<T>(
  page: Page,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const body = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch("/graphql", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CRM360-CSRF": "1" },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    { query, variables },
  );
  const result = body as { data?: T; errors?: unknown[] };
  if (!result.data || result.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body)}`);
  return result.data;
}

async function narrowContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    viewport: { width: WIDTH, height: 844 },
    deviceScaleFactor: 1,
    isMobile: false,
  });
}

async function loggedIn(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const context = await narrowContext(browser);
  // The audience banner is answered once: it would cover every page otherwise.
  await context.addInitScript(() => {
    window.localStorage.setItem("crm360.analytics", "refused");
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { level: 1, name: "Accueil" }).waitFor();
  return page;
}

/** Who may open a route: operator staff for the console, the tenant's administrator otherwise. */
function userFor(route: PageRoute): "anonymous" | "admin" | "operator" {
  if (route.page === "login") return "anonymous";
  return route.guards.some((g) => g.kind === "operator") ? "operator" : "admin";
}

/** Real ids for the route parameters, made or found through the API as the administrator. */
async function routeParameters(page: Page, baseUrl: string): Promise<Record<string, string>> {
  const contacts = await gql<{ contacts: { nodes: { id: string }[] } }>(
    page,
    "{ contacts(first: 1) { nodes { id } } }",
  );
  const segments = await gql<{ segments: { nodes: { id: string }[] } }>(
    page,
    "{ segments(first: 1) { nodes { id } } }",
  );
  const users = await gql<{ users: { nodes: { id: string }[] } }>(
    page,
    "{ users(first: 1) { nodes { id } } }",
  );
  // The demo's support ticket, for the user's page and the operator's (its tenant named).
  const support = await gql<{
    tickets: { nodes: { id: string }[] };
    me: { tenant: { id: string } | null };
  }>(page, "{ tickets(first: 1) { nodes { id } } me { tenant { id } } }");
  // A dry run of a small file: an import to open, nothing written.
  const upload = (await page.evaluate(async (url) => {
    const csv = "email;nom\r\nnarrow@exemple.fr;Étroit\r\n";
    const response = await fetch(`${url}/uploads?filename=narrow.csv`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "text/csv", "X-CRM360-CSRF": "1" },
      body: csv,
    });
    return response.json();
  }, baseUrl)) as { id: string };
  const started = await gql<{ startImport: { import: { id: string } } }>(
    page,
    `mutation Start($input: StartImportInput!) { startImport(input: $input) { import { id } } }`,
    {
      input: {
        uploadId: upload.id,
        dryRun: true,
        upsertKey: "EMAIL",
        columns: [
          { column: "email", field: "PERSONAL_EMAIL" },
          { column: "nom", field: "LAST_NAME" },
        ],
      },
    },
  );
  // The RNVP run once the dry run is over: on SQLite, two jobs writing at once may find the
  // database locked (the server answers INTERNAL, see the server log).
  const importId = started.startImport.import.id;
  for (let i = 0; i < 60; i++) {
    const state = await gql<{ import: { status: string } }>(
      page,
      "query Import($id: ID!) { import(id: $id) { status } }",
      { id: importId },
    );
    if (state.import.status === "DONE" || state.import.status === "FAILED") break;
    await page.waitForTimeout(500);
  }
  const run = await gql<{ startRnvpRun: { run: { id: string } } }>(
    page,
    "mutation { startRnvpRun(input: {}) { run { id } } }",
  );
  const first = (nodes: { id: string }[], what: string) => {
    const id = nodes[0]?.id;
    if (!id) throw new Error(`the demo has no ${what}`);
    return id;
  };
  // A draft campaign (nothing sent) of the demo's e-mail template, sender and segment.
  const campaignData = await gql<{
    messageTemplates: { nodes: { id: string; channel: string }[] };
    campaignSenders: { id: string; channel: string }[];
  }>(
    page,
    "{ messageTemplates(first: 10) { nodes { id channel } } campaignSenders { id channel } }",
  );
  const emailTemplate = campaignData.messageTemplates.nodes.filter((n) => n.channel === "EMAIL");
  const emailSender = campaignData.campaignSenders.filter((n) => n.channel === "EMAIL");
  const campaign = await gql<{ createCampaign: { campaign: { id: string } } }>(
    page,
    "mutation C($input: CampaignInput!) { createCampaign(input: $input) { campaign { id } } }",
    {
      input: {
        name: "Étroite",
        channel: "EMAIL",
        segmentId: first(segments.segments.nodes, "segment"),
        templateId: first(emailTemplate, "e-mail template"),
        senderId: first(emailSender, "e-mail sender"),
        plan: "NOW",
      },
    },
  );
  return {
    templateId: first(emailTemplate, "e-mail template"),
    campaignId: campaign.createCampaign.campaign.id,
    contactId: first(contacts.contacts.nodes, "contact"),
    segmentId: first(segments.segments.nodes, "segment"),
    userId: first(users.users.nodes, "user"),
    runId: run.startRnvpRun.run.id,
    importId,
    ticketId: first(support.tickets.nodes, "support ticket"),
    tenantId: support.me.tenant?.id ?? "",
  };
}

function concrete(path: string, parameters: Record<string, string>): string {
  if (path.endsWith("*")) return path.replace("*", "cette-page-n-existe-pas");
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = parameters[name];
    if (!value) throw new Error(`no value for the route parameter :${name} (${path})`);
    return value;
  });
}

/** How far the page reaches sideways, once its data has arrived. */
async function pageWidth(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  await page.locator("h1").first().waitFor();
  await page
    .waitForFunction(() => document.querySelectorAll(".loading-state").length === 0, undefined, {
      timeout: 10_000,
    })
    .catch(() => {});
  await page.waitForTimeout(300);
  return page.evaluate((width) => {
    const culprits = Array.from(document.querySelectorAll<HTMLElement>("body *"))
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .filter((element) => {
        // Inside a scroll box (a wide table), reaching past the screen is expected.
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          const overflow = getComputedStyle(parent).overflowX;
          if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  }, WIDTH);
}

describe(`every page at ${WIDTH} px wide, against the real server`, () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let operator: Page;
  let anonymous: Page;
  let parameters: Record<string, string>;

  before(async () => {
    server = await startServer("narrow-screens");
    browser = await launchBrowser();
    admin = await loggedIn(browser, server.baseUrl, ADMIN);
    operator = await loggedIn(browser, server.baseUrl, OPERATOR);
    anonymous = await (await narrowContext(browser)).newPage();
    parameters = await routeParameters(admin, server.baseUrl);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("fits every route of the router without sideways scrolling", async () => {
    const routes = pageRoutes();
    assert.ok(routes.length >= 30, `only ${routes.length} routes found in the router`);
    const tooWide: string[] = [];
    const visited: string[] = [];
    for (const route of routes) {
      const page = { anonymous, admin, operator }[userFor(route)];
      const url = concrete(route.path, parameters);
      await page.goto(`${server.baseUrl}${url}`);
      const { scrollWidth, culprits } = await pageWidth(page);
      visited.push(route.path);
      // NARROW_SCREENSHOTS=1 keeps a picture of every page, to look at them.
      if (process.env.NARROW_SCREENSHOTS) await screenshot(page, `narrow-all-${route.page}`);
      if (scrollWidth > WIDTH) {
        tooWide.push(`${url} (${route.page}): ${scrollWidth} px, ${culprits.join(", ")}`);
        await screenshot(page, `narrow-${route.page}`);
      }
    }
    assert.deepEqual(
      visited,
      routes.map((r) => r.path),
    );
    assert.deepEqual(tooWide, [], `pages wider than ${WIDTH} px:\n${tooWide.join("\n")}`);
  });

  it("fits the operator's own home page too (the home page differs by role)", async () => {
    await operator.goto(`${server.baseUrl}/`);
    await operator.getByRole("heading", { level: 2, name: "La plateforme" }).waitFor();
    const { scrollWidth, culprits } = await pageWidth(operator);
    assert.ok(scrollWidth <= WIDTH, `operator home: ${scrollWidth} px, ${culprits.join(", ")}`);
  });

  it("keeps the operator's Suspendre button on screen", async () => {
    await operator.goto(`${server.baseUrl}/operator/tenants`);
    const suspend = operator.getByRole("button", { name: /Suspendre/ }).first();
    await suspend.waitFor();
    // Where it is drawn without any sideways scrolling (of the page or of the table).
    const box = await suspend.boundingBox();
    assert.ok(box, "no box for Suspendre");
    assert.ok(box.x >= 0 && box.x + box.width <= WIDTH, `Suspendre at ${box.x}+${box.width}`);
    await screenshot(operator, "narrow-operator-tenants");
  });
});

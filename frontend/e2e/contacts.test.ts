import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, logOut, newPage, openFromMenu, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

const ADMIN = "admin@demo.crm360.demo";
const CONSULT_USER = "consult@demo.crm360.demo";
const ROWS = 4000;
/** Background jobs (imports, postal runs) on a loaded machine: SQLite retries take a while. */
const JOB_TIMEOUT = 180_000;
const CITIES = [
  ["69003", "Lyon"],
  ["75011", "Paris"],
  ["13001", "Marseille"],
  ["33000", "Bordeaux"],
];

/** A French-style CSV: `;`-separated, with one refused row (a malformed email). */
function contactsCsv(): string {
  const lines = [
    "Référence;Civilité;Prénom;Nom;Email;Adresse;CP;Ville;Date de naissance;Optin email",
  ];
  for (let i = 1; i <= ROWS; i++) {
    const [cp, town] = CITIES[i % CITIES.length]!;
    // Some towns misspelt, for RNVP to correct.
    const city = i % 20 === 0 ? "Lyons" : town;
    const year = 1950 + (i % 50);
    const email = i === 7 ? "pas-une-adresse" : `client${i}@exemple.fr`;
    lines.push(
      [
        `C${String(i).padStart(5, "0")}`,
        i % 2 ? "Mme" : "M.",
        `Prénom${i}`,
        `Nom${i}`,
        email,
        `${i} rue de la République`,
        cp,
        city,
        `${String((i % 28) + 1).padStart(2, "0")}/0${(i % 9) + 1}/${year}`,
        i % 3 === 0 ? "oui" : "non",
      ].join(";"),
    );
  }
  // The same person as row 4, written differently and under another reference: a duplicate.
  lines.push("D00004;Madame;PRENOM4;Nom4;;4 r de la Republique;69003;LYON;05/05/1954;non");
  return lines.join("\r\n") + "\r\n";
}

function digits(text: string | null): number {
  return Number((text ?? "").replace(/\D/g, ""));
}

/** Asks the API directly, with the page's session, as a BI tool would. */
async function apiContactCount(page: Page, definition: unknown): Promise<number> {
  return page.evaluate(async (def) => {
    const response = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CRM360-CSRF": "1" },
      body: JSON.stringify({
        query: "query Count($d: SegmentNodeInput) { contactCount(definition: $d) }",
        variables: { d: def },
      }),
    });
    const body = (await response.json()) as { data: { contactCount: number } };
    return body.data.contactCount;
  }, definition);
}

describe("contacts, imports, segments and postal quality against the real server", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let segmentUrl = "";

  before(async () => {
    server = await startServer("contacts");
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("asks for the audience-measurement cookie, and a refusal stores none", async () => {
    await page.goto(`${server.baseUrl}/login`);
    const banner = page.getByRole("region", { name: "Mesure d’audience" });
    await banner.waitFor();
    await screenshot(page, "20-analytics-banner");
    await banner.getByRole("button", { name: "Refuser" }).click();
    await banner.waitFor({ state: "detached" });
    const cookies = await page.context().cookies();
    assert.equal(cookies.filter((c) => c.name === "crm360_visit").length, 0);
  });

  it("imports a CSV: preview, mapping, dry run, then the progress bar runs to the end", async () => {
    await logIn(page, server.baseUrl, ADMIN);
    await openFromMenu(page, "Utilisateurs");
    await page.getByRole("link", { name: "Imports" }).click();
    await page.getByRole("link", { name: "Nouvel import" }).click();
    await page.getByLabel("Fichier CSV").setInputFiles({
      name: "clients-boutique.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(contactsCsv(), "utf8"),
    });
    await page.getByRole("button", { name: "Envoyer le fichier" }).click();

    // The preview, and the mapping the API suggested from the header.
    await page.getByRole("heading", { name: "2. Aperçu" }).waitFor();
    await page.getByRole("cell", { name: "client1@exemple.fr" }).waitFor();
    const key = page.getByLabel("Champ rempli par la colonne « Référence »");
    assert.equal(await key.inputValue(), "field:EXTERNAL_ID");
    await page
      .getByLabel("Champ rempli par la colonne « Optin email »")
      .selectOption({ label: "Consentement e-mail" });
    await page.getByLabel("Identifiant client").check();
    await page.getByLabel(/Nom de la correspondance/).fill("Fichier boutique");
    await page.getByRole("button", { name: "Enregistrer la correspondance" }).click();
    await page.getByText("Correspondance « Fichier boutique » enregistrée.").waitFor();
    await screenshot(page, "21-import-mapping");

    // A dry run writes nothing but counts everything.
    await page.getByRole("button", { name: "Faire un essai à blanc" }).click();
    const dryRun = page.getByRole("region", { name: "Essai à blanc de clients-boutique.csv" });
    await dryRun.getByText("Terminé").waitFor({ timeout: JOB_TIMEOUT });
    assert.match((await dryRun.textContent()) ?? "", /Contacts qui seraient créés/);

    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Import" }).waitFor();
    const bar = page.getByRole("progressbar", { name: "Progression de l’import" });
    await bar.waitFor();
    const seen = new Set<number>();
    const deadline = Date.now() + JOB_TIMEOUT;
    while (Date.now() < deadline) {
      seen.add(Number(await bar.getAttribute("aria-valuenow")));
      if (seen.has(100)) break;
      await page.waitForTimeout(150);
    }
    assert.ok(seen.has(100), `the progress bar reached 100 % (saw ${[...seen].join(", ")})`);
    // Bytes are all read before the last batch is committed: the status says when it is.
    await page
      .locator(".import-progress .status", { hasText: "Terminé" })
      .waitFor({ timeout: JOB_TIMEOUT });
    await screenshot(page, "22-import-done");
    const created = page
      .locator("dt", { hasText: "Contacts créés" })
      .locator("xpath=following-sibling::dd[1]");
    await created.filter({ hasText: new Intl.NumberFormat("fr-FR").format(ROWS) }).waitFor();
    assert.equal(digits(await created.textContent()), ROWS);
    // Over the subscription the bar moves batch by batch (500 rows). How many steps the page
    // sees depends on the machine's speed (a fast one may finish before the page opens): the
    // moving bar itself is covered by ImportProgress.test.tsx; here it must reach the end.
    console.log(`progress seen: ${[...seen].join(", ")} %`);
    // The refused row, and its downloadable report.
    await page.getByRole("row", { name: /8.*Email.*adresse e-mail/ }).waitFor();
    const download = page.getByRole("link", { name: "Télécharger le rapport d’erreurs (CSV)" });
    const report = await page.evaluate(
      async (href) => (await fetch(href!)).text(),
      await download.getAttribute("href"),
    );
    assert.match(report, /pas-une-adresse|INVALID_EMAIL/);
  });

  it("defines an automatic feed with the saved mapping", async () => {
    await page.getByRole("link", { name: "Retour aux imports" }).click();
    await page
      .getByRole("row", { name: /clients-boutique\.csv.*Terminé/ })
      .first()
      .waitFor();
    const feeds = page.getByRole("region", { name: "Intégration automatique des flux" });
    await feeds.getByLabel("Nom du flux").fill("Caisse nocturne");
    await feeds.getByLabel(/^Correspondance/).selectOption({ label: "Fichier boutique" });
    await feeds.getByLabel("Fréquence (minutes)").fill("30");
    await feeds.getByRole("button", { name: "Créer le flux" }).click();
    await feeds.getByText(/Le flux « Caisse nocturne » est créé/).waitFor();
    await feeds
      .getByRole("row", { name: /Caisse nocturne.*Fichier boutique.*Toutes les 30 min/ })
      .waitFor();
    await screenshot(page, "23-imports-and-feeds");
  });

  it("lists, searches and shows a contact with its consent and history", async () => {
    await page.getByRole("link", { name: "Contacts", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Contacts" }).waitFor();
    await page.getByLabel(/Rechercher/).fill("client42@exemple.fr");
    await page.getByRole("row", { name: /Prénom42 Nom42/ }).waitFor();
    await page.getByRole("link", { name: "Prénom42 Nom42" }).click();
    await page.getByRole("heading", { level: 1, name: "Prénom42 Nom42" }).waitFor();
    await page.getByRole("row", { name: /E-mail.*Accordé/ }).waitFor();
    await page.getByRole("link", { name: "Modifier" }).click();
    await page.getByLabel("Téléphone mobile").fill("06 12 34 56 78");
    await page.getByRole("button", { name: "Enregistrer le contact" }).click();
    await page.getByText("Contact enregistré.").waitFor();
    // Stored in E.164, and the change is in the contact's history.
    await page.getByText("+33612345678").waitFor();
    await page.getByText("contact.update").waitFor();
    await page.getByRole("button", { name: "Enregistrer le consentement SMS" }).click();
    const dialog = page.getByRole("dialog", { name: "Consentement SMS" });
    await dialog.getByLabel("Accordé").check();
    await dialog.getByLabel(/Source/).fill("Appel au service client");
    await dialog.getByRole("button", { name: "Enregistrer le consentement" }).click();
    await page.getByRole("row", { name: /SMS.*Accordé.*Appel au service client/ }).waitFor();
    await screenshot(page, "23b-contact-detail");
  });

  it("builds a nested segment whose live count equals the API's", async () => {
    await page.getByRole("link", { name: "Segments" }).click();
    await page.getByRole("link", { name: "Nouveau segment" }).click();
    await page.getByLabel("Nom du segment").fill("Lyon et Paris, seniors ou opt-in");

    const first = page.getByRole("group", { name: "Condition 1" }).first();
    await first.getByLabel("Critère").selectOption({ label: "Code postal" });
    await first.getByLabel("Opérateur").selectOption({ label: "est l’une des valeurs" });
    await first.getByLabel(/Valeurs/).fill("69003, 75011");

    await page.getByRole("button", { name: "Ajouter un groupe" }).first().click();
    const group = page.getByRole("group", { name: "Groupe 1" });
    await group.getByLabel("Au moins une condition (OU)").check();
    const age = group.getByRole("group", { name: "Condition 1" });
    await age.getByLabel("Critère").selectOption({ label: "Âge" });
    await age.getByLabel("Opérateur").selectOption({ label: "est supérieur ou égal à" });
    await age.getByLabel(/Âge \(années\)/).fill("60");
    await group.getByRole("button", { name: "Ajouter une condition" }).click();
    const optin = group.getByRole("group", { name: "Condition 2" });
    await optin.getByLabel("Critère").selectOption({ label: "Consentement e-mail" });
    await optin.getByLabel("Valeur").selectOption({ label: "Accordé" });

    const definition = {
      and: [
        { condition: { field: "POSTAL_CODE", operator: "IN", values: ["69003", "75011"] } },
        {
          or: [
            { condition: { computed: "AGE", operator: "GREATER_OR_EQUAL", value: "60" } },
            { condition: { consentChannel: "EMAIL", operator: "EQUALS", value: "GRANTED" } },
          ],
        },
      ],
    };
    const expected = await apiContactCount(page, definition);
    assert.ok(expected > 0 && expected < ROWS, `a selective segment (${expected})`);
    const count = page.getByTestId("segment-count");
    await page.waitForFunction(
      ([el, n]) => Number((el?.textContent ?? "").replace(/\D/g, "")) === n,
      [await count.elementHandle(), expected] as const,
      { timeout: 15_000 },
    );
    await screenshot(page, "24-segment-builder");

    await page.getByRole("button", { name: "Enregistrer le segment" }).click();
    await page
      .getByText("Le segment « Lyon et Paris, seniors ou opt-in » a été enregistré.")
      .waitFor();
    segmentUrl = page.url();
    // The export holds the segment's contacts, one line each after the header.
    const exportHref = await page
      .getByRole("link", { name: "Exporter les contacts (CSV)" })
      .getAttribute("href");
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), exportHref);
    assert.equal(csv.trim().split(/\r?\n/).length - 1, expected);
    // Saved and read back, the tree counts the same.
    await page.reload();
    await page.getByRole("group", { name: "Groupe 1" }).waitFor();
    await page.waitForFunction(
      ([el, n]) => Number((el?.textContent ?? "").replace(/\D/g, "")) === n,
      [await page.getByTestId("segment-count").elementHandle(), expected] as const,
    );
    await page.getByRole("button", { name: "Afficher un échantillon" }).click();
    await page.getByRole("table", { name: /premiers contacts du segment/ }).waitFor();
  });

  it("runs RNVP on the segment and shows the results with their statuses", async () => {
    await page.getByRole("link", { name: "Lancer une RNVP ou un dédoublonnage" }).click();
    await page.getByRole("heading", { level: 1, name: "Qualité postale" }).waitFor();
    // The segment comes preselected once the saved segments are loaded.
    await page.waitForFunction(() => {
      const select = Array.from(document.querySelectorAll("select")).find((s) =>
        s.labels?.[0]?.textContent?.includes("Contacts traités"),
      );
      return select?.selectedOptions[0]?.textContent?.includes("Lyon et Paris") ?? false;
    });
    await page.getByRole("button", { name: "Lancer la RNVP" }).click();
    // A billed run: the number of addresses and the estimated cost come first.
    const confirmRun = page.getByRole("alertdialog", { name: "Lancer la RNVP ?" });
    await confirmRun.getByText(/^Coût estimé : \d[\d\s]*,\d\d\s€ HT$/).waitFor();
    await confirmRun.getByText(/adresses? à 10,00\s€ HT les 1\s000/).waitFor();
    await screenshot(page, "24b-rnvp-cost");
    await confirmRun.getByRole("button", { name: "Lancer la RNVP" }).click();
    await page.getByRole("heading", { level: 1, name: "RNVP des adresses" }).waitFor();
    await page
      .getByRole("progressbar", { name: "Progression du traitement" })
      .and(page.locator('[aria-valuenow="100"]'))
      .waitFor({ timeout: JOB_TIMEOUT });
    await page.getByText(/\d+ valides, \d+ corrigées, \d+ invalides/).waitFor();
    await page.getByRole("table", { name: "Adresses normalisées, par contact" }).waitFor();
    await page
      .getByRole("cell", { name: /Valide|Corrigée|Invalide/ })
      .first()
      .waitFor();
    // The misspelt towns, corrected, with the API's French reason.
    await page.getByLabel("Statut").selectOption({ label: "Corrigée" });
    await page
      .getByRole("row", { name: /Corrigée.*69003 LYON.*Localité corrigée/ })
      .first()
      .waitFor();
    await screenshot(page, "25-rnvp-results");
    await page.getByRole("button", { name: "Appliquer les corrections" }).click();
    const dialog = page.getByRole("alertdialog", {
      name: "Appliquer les corrections aux contacts ?",
    });
    await dialog.getByRole("button", { name: "Appliquer" }).click();
    await page.getByText(/\d+ adresses? appliquées? aux? contacts?\./).waitFor();
    // Without a reload, the results say when the corrections were applied.
    await page
      .getByRole("row", { name: /Corrigée.*69003 LYON/ })
      .first()
      .getByRole("cell", { name: /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/ })
      .waitFor();
  });

  it("finds the duplicates of the segment, shows them side by side, and merges them", async () => {
    await page.getByRole("link", { name: "Retour à la qualité postale" }).click();
    await page
      .getByLabel("Contacts traités")
      .selectOption({ label: "Segment « Lyon et Paris, seniors ou opt-in »" });
    await page.getByRole("button", { name: "Lancer le dédoublonnage" }).click();
    const confirmDedup = page.getByRole("alertdialog", { name: "Lancer le dédoublonnage ?" });
    await confirmDedup.getByText(/adresses? lues? à 0,25\s€ HT les 1\s000/).waitFor();
    await confirmDedup.getByRole("button", { name: "Lancer le dédoublonnage" }).click();
    await page.getByRole("heading", { level: 1, name: "Dédoublonnage postal" }).waitFor();
    await page.getByText(/\d+ groupes? de doublons/).waitFor({ timeout: JOB_TIMEOUT });
    const group = page
      .getByRole("region")
      .filter({ has: page.getByRole("columnheader", { name: /PRENOM4 Nom4/ }) });
    await group.getByRole("columnheader", { name: /PRENOM4 Nom4/ }).waitFor();
    await group.getByRole("columnheader", { name: /^Prénom4 Nom4/ }).waitFor();
    await screenshot(page, "26-duplicate-group");
    await group.getByLabel("Conserver Prénom4 Nom4").check();
    await group.getByRole("button", { name: "Fusionner" }).click();
    const dialog = page.getByRole("alertdialog", { name: /^Fusionner le Groupe \d+ \?$/ });
    await dialog.getByText(/fusionnées? dans celle de Prénom4 Nom4/).waitFor();
    await dialog.getByRole("button", { name: "Fusionner" }).click();
    // Once merged, the group shows its survivor only, named with the most recent values of the
    // duplicates (which of the two spellings depends on which record was written last).
    const merged = page
      .getByRole("region")
      .filter({ has: page.getByRole("columnheader", { name: /^(Prénom4|PRENOM4) Nom4/ }) });
    await merged.getByText("Fusionné").waitFor();
    await merged.getByText("Conservée").waitFor();
  });

  it("tries RNVP on a pasted address", async () => {
    await page.getByRole("link", { name: "Retour à la qualité postale" }).click();
    await page
      .getByLabel("Adresses à normaliser")
      .fill("Mme Marie Durand\n12 av des champs elysees\n75008 paris");
    await page.getByRole("button", { name: "Normaliser" }).click();
    const results = page.getByRole("list", { name: "Adresses normalisées" });
    await results.getByText(/AVENUE DES CHAMPS ELYSEES/).waitFor();
    await screenshot(page, "27-rnvp-try-out");
  });

  it("hides the contacts from a user once their Consult right is withdrawn", async () => {
    // Before: the Consult user sees the contacts and their personal data.
    const other = await newPage(browser);
    await logIn(other, server.baseUrl, CONSULT_USER);
    await openFromMenu(other, "Contacts");
    await other
      .getByRole("cell", { name: /@exemple\.fr/ })
      .first()
      .waitFor();
    await logOut(other);

    // The administrator withdraws Consult and grants Analyse (Annex 3).
    await page.getByRole("link", { name: "Utilisateurs", exact: true }).click();
    await page.getByRole("link", { name: "Constant Démo" }).click();
    await page.getByLabel("Consulter").uncheck();
    await page.getByLabel("Analyser").check();
    await page.getByRole("button", { name: "Enregistrer les droits" }).click();
    await page.getByText("Droits enregistrés.").waitFor();

    await logIn(other, server.baseUrl, CONSULT_USER);
    await openFromMenu(other, "Segments");
    assert.equal(await other.getByRole("link", { name: "Contacts", exact: true }).count(), 0);
    await other.goto(`${server.baseUrl}/contacts`);
    await other.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
    // The saved segment still counts, but shows no sample and offers no export of personal data.
    await other.goto(segmentUrl);
    await other.getByTestId("segment-count").waitFor();
    assert.equal(await other.getByRole("button", { name: "Afficher un échantillon" }).count(), 0);
    assert.equal(await other.getByRole("link", { name: "Exporter les contacts (CSV)" }).count(), 0);
    await screenshot(other, "28-segment-without-consult");
    await other.context().close();
  });
});

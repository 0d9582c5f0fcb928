import { describe, expect, it } from "vitest";
import { formatMessage } from "../i18n/messageFormat";
import { fr, type MessageKey } from "../i18n/fr";
import { en } from "../i18n/en";
import { describeCampaignError } from "./campaignErrors";
import { isLive } from "./campaignStats";
import {
  CAMPAIGN_STATUSES,
  campaignStatusKey,
  CRON_PRESETS,
  formatWhen,
  insertAt,
  isValidSmsSenderId,
  mergeFieldLabel,
  mergeSnippet,
  parisLocalToIso,
  presetOf,
  smsCounterText,
  smsUnicodeNote,
  splitRecipients,
} from "./campaignText";

const t = (key: MessageKey, params?: Record<string, string | number>) =>
  formatMessage(fr[key], params, "fr-FR");
const tEn = (key: MessageKey, params?: Record<string, string | number>) =>
  formatMessage(en[key], params, "en-GB");
/** French typography: no-break spaces read as plain ones in the expectations. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("campaign statuses", () => {
  it("has a French word for every status", () => {
    expect(CAMPAIGN_STATUSES.map((s) => t(campaignStatusKey(s)))).toEqual([
      "Brouillon",
      "Planifiée",
      "En cours d’envoi",
      "En pause",
      "Envoyée",
      "Annulée",
    ]);
  });
});

describe("the SMS counter", () => {
  it("says the length, the SMS and the encoding, with plurals", () => {
    expect(smsCounterText({ encoding: "GSM_7", units: 128, segments: 1 }, t)).toBe(
      "128 caractères · 1 SMS · GSM-7",
    );
    expect(smsCounterText({ encoding: "GSM_7", units: 1, segments: 1 }, t)).toBe(
      "1 caractère · 1 SMS · GSM-7",
    );
    expect(smsCounterText({ encoding: "UCS_2", units: 75, segments: 2 }, t)).toBe(
      "75 caractères · 2 SMS · Unicode (UCS-2)",
    );
  });

  it("explains Unicode, and says nothing in GSM-7", () => {
    const note = smsUnicodeNote({ encoding: "UCS_2", perSegment: 70, nonGsmCharacters: ["ê"] }, t);
    expect(plain(note ?? "")).toBe(
      "Unicode : 1 caractère spécial (ê) réduit la capacité à 70 caractères par SMS",
    );
    expect(note).toContain("\u00a0:");
    const two = smsUnicodeNote(
      { encoding: "UCS_2", perSegment: 67, nonGsmCharacters: ["ê", "œ", "ê"] },
      t,
    );
    expect(plain(two ?? "")).toBe(
      "Unicode : 2 caractères spéciaux (ê œ) réduisent la capacité à 67 caractères par SMS",
    );
    expect(smsUnicodeNote({ encoding: "GSM_7", perSegment: 160, nonGsmCharacters: [] }, t)).toBe(
      null,
    );
  });
});

describe("cron presets", () => {
  it("offers the three presets in French and English", () => {
    expect(CRON_PRESETS.map((p) => [p.cron, t(p.label)])).toEqual([
      ["0 9 * * MON", "Chaque lundi à 9 h"],
      ["30 8 * * *", "Chaque jour à 8 h 30"],
      ["0 10 1 * *", "Le 1er du mois à 10 h"],
    ]);
    expect(CRON_PRESETS.map((p) => tEn(p.label))).toEqual([
      "Every Monday at 9:00",
      "Every day at 8:30",
      "The 1st of the month at 10:00",
    ]);
  });

  it("recognises a preset however it is spaced", () => {
    expect(presetOf("0  9 * * mon")?.label).toBe("campaigns.cron.mondays9");
    expect(presetOf("0 9 * * TUE")).toBeUndefined();
  });
});

describe("merge fields", () => {
  const has = (key: string) => key in fr;
  it("labels fields in French, custom fields by their key", () => {
    expect(mergeFieldLabel("first_name", t, has)).toBe("Prénom");
    expect(mergeFieldLabel("postal_code", t, has)).toBe("Code postal");
    expect(mergeFieldLabel("custom.loyalty_tier", t, has)).toBe("loyalty_tier");
    expect(mergeFieldLabel("unsubscribe_url", t, has)).toBe("Lien de désabonnement");
  });

  it("inserts the snippet at the cursor, replacing the selection", () => {
    expect(mergeSnippet("first_name")).toBe('{{ first_name | default("…") }}');
    expect(insertAt("Bonjour !", "X", 8, 8)).toEqual({ text: "Bonjour X!", cursor: 9 });
    expect(insertAt("Bonjour toi", "X", 8, 11)).toEqual({ text: "Bonjour X", cursor: 9 });
    expect(insertAt("abc", "X", null, null)).toEqual({ text: "abcX", cursor: 4 });
  });
});

describe("dates and times", () => {
  it("writes « 1 déc. 2026 à 09:00 », Paris time", () => {
    expect(formatWhen("2026-12-01T08:00:00Z", "fr")).toBe("1 déc. 2026 à 09:00");
    expect(formatWhen("2026-07-14T20:30:00Z", "fr")).toBe("14 juil. 2026 à 22:30");
  });

  it("reads a date-time field as Paris time, summer and winter", () => {
    expect(parisLocalToIso("2026-12-01T09:00")).toBe("2026-12-01T08:00:00.000Z");
    expect(parisLocalToIso("2026-07-14T09:00")).toBe("2026-07-14T07:00:00.000Z");
    expect(parisLocalToIso("")).toBe(null);
  });
});

describe("error mapping", () => {
  const err = (reason: string, message = "refused", code = "INVALID_INPUT", field?: string) => ({
    message,
    extensions: { code, reason, ...(field ? { field } : {}) },
  });

  it("names the line and the field of a template error", () => {
    expect(
      plain(
        describeCampaignError(
          err("UNKNOWN_MERGE_FIELD", "Line 3 of the HTML body: unknown field “prenom”."),
          t,
        ),
      ),
    ).toBe(
      "Ligne 3 : le champ de fusion « prenom » n’existe pas. Choisissez-le dans la liste des champs.",
    );
    expect(
      plain(
        describeCampaignError(err("TEMPLATE_SYNTAX", "Line 2 of the text: syntax error (x)."), t),
      ),
    ).toBe(
      "Ligne 2 : erreur de syntaxe du modèle : vérifiez les accolades {{ }} et les guillemets.",
    );
    expect(describeCampaignError(err("TEMPLATE_SYNTAX", "Subject: syntax error (x)."), t)).toMatch(
      /^Erreur de syntaxe du modèle/,
    );
  });

  it("has a clear French sentence for every campaign reason", () => {
    const cases: [string, string, RegExp][] = [
      ["EMPTY_SEGMENT", "INVALID_INPUT", /aucun contact/],
      ["INVALID_CRON", "INVALID_INPUT", /récurrence n’est pas valide/],
      ["SENDER_NOT_ALLOWED", "INVALID_INPUT", /expéditeurs autorisés/],
      ["INVALID_SENDER_ID", "INVALID_INPUT", /1 à 11 lettres/],
      ["IN_THE_PAST", "INVALID_INPUT", /dans le futur/],
      ["NAME_TAKEN", "CONFLICT", /déjà utilisé/],
      ["INVALID_STATE", "CONFLICT", /statut actuel de la campagne/],
    ];
    for (const [reason, code, expected] of cases) {
      expect(describeCampaignError(err(reason, "x", code), t)).toMatch(expected);
    }
  });
});

describe("small rules", () => {
  it("splits test recipients and checks SMS sender ids (11 characters, a letter)", () => {
    expect(splitRecipients("a@x.fr\nb@x.fr; c@x.fr,\n")).toEqual(["a@x.fr", "b@x.fr", "c@x.fr"]);
    expect(isValidSmsSenderId("DEMOBOUTIK")).toBe(true);
    expect(isValidSmsSenderId("DEMOBOUTIK12")).toBe(false);
    expect(isValidSmsSenderId("12345")).toBe(false);
    expect(isValidSmsSenderId("DÉMO")).toBe(false);
  });

  it("polls while a campaign sends or is about to", () => {
    expect(isLive("SENDING", "NOW", [])).toBe(true);
    expect(isLive("SCHEDULED", "NOW", [])).toBe(true);
    expect(isLive("SCHEDULED", "RECURRING", [{ status: "FINISHED" }])).toBe(false);
    expect(isLive("SENT", "NOW", [{ status: "FINISHED" }])).toBe(false);
  });
});

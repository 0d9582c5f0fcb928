import { describe, expect, it } from "vitest";
import { formatMessage } from "./messageFormat";

const GROUPS = "{count, plural, one {# groupe de doublons} other {# groupes de doublons}}";

describe("formatMessage", () => {
  it("fills named parameters and leaves unknown ones as written", () => {
    expect(formatMessage("Bonjour {name} {other}", { name: "Hélène" }, "fr-FR")).toBe(
      "Bonjour Hélène {other}",
    );
  });

  it("chooses the French plural with Intl.PluralRules (0 and 1 are singular)", () => {
    expect(formatMessage(GROUPS, { count: 0 }, "fr-FR")).toBe("0 groupe de doublons");
    expect(formatMessage(GROUPS, { count: 1 }, "fr-FR")).toBe("1 groupe de doublons");
    expect(formatMessage(GROUPS, { count: 2 }, "fr-FR")).toBe("2 groupes de doublons");
    expect(formatMessage(GROUPS, { count: 1234 }, "fr-FR")).toBe(
      `${new Intl.NumberFormat("fr-FR").format(1234)} groupes de doublons`,
    );
  });

  it("chooses the English plural (0 is plural)", () => {
    const en = "{count, plural, one {# duplicate group} other {# duplicate groups}}";
    expect(formatMessage(en, { count: 0 }, "en-GB")).toBe("0 duplicate groups");
    expect(formatMessage(en, { count: 1 }, "en-GB")).toBe("1 duplicate group");
  });

  it("reads a formatted number back for the choice and shows it as given", () => {
    const formatted = new Intl.NumberFormat("fr-FR").format(4000);
    expect(formatMessage(GROUPS, { count: formatted }, "fr-FR")).toBe(
      `${formatted} groupes de doublons`,
    );
    expect(formatMessage(GROUPS, { count: "1" }, "fr-FR")).toBe("1 groupe de doublons");
  });

  it("prefers an exact branch and fills parameters inside branches", () => {
    const template =
      "{others, plural, =0 {Rien à fusionner.} one {# fiche fusionnée dans {name}} other {# fiches fusionnées dans {name}}}";
    expect(formatMessage(template, { others: 0, name: "Hélène" }, "fr-FR")).toBe(
      "Rien à fusionner.",
    );
    expect(formatMessage(template, { others: 1, name: "Hélène" }, "fr-FR")).toBe(
      "1 fiche fusionnée dans Hélène",
    );
    expect(formatMessage(template, { others: 3, name: "Hélène" }, "fr-FR")).toBe(
      "3 fiches fusionnées dans Hélène",
    );
  });

  it("keeps text around a plural", () => {
    expect(
      formatMessage("Trouvé : {n, plural, one {# adresse} other {# adresses}}.", { n: 2 }, "fr-FR"),
    ).toBe("Trouvé : 2 adresses.");
  });
});

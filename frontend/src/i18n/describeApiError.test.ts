import { describe, expect, it } from "vitest";
import { describeApiError } from "./describeApiError";
import { fr } from "./fr";
import { formatMessage } from "./messageFormat";

const t = (key: keyof typeof fr, params?: Record<string, string | number>) =>
  formatMessage(fr[key], params, "fr-FR");

describe("describeApiError", () => {
  it("says what is wrong with the field when the API names it", () => {
    expect(describeApiError({ code: "CONFLICT", field: "externalId" }, t)).toBe(
      "Un autre contact a déjà cet identifiant client.",
    );
    expect(describeApiError({ code: "CONFLICT", field: "email", reason: "SOMETHING_NEW" }, t)).toBe(
      "Un compte existe déjà avec cette adresse e-mail.",
    );
  });

  it("falls back on the reason, then on the code", () => {
    expect(
      describeApiError({ code: "INVALID_INPUT", field: "mobilePhone", reason: "INVALID_PHONE" }, t),
    ).toBe("Ce numéro de téléphone n’est pas valide.");
    expect(describeApiError({ code: "FORBIDDEN" }, t)).toBe(
      "Vous n’avez pas le droit d’effectuer cette action.",
    );
    expect(describeApiError({ code: "RATE_LIMITED", retryAfterSeconds: 30 }, t)).toBe(
      "Trop de tentatives. Réessayez dans 30 secondes.",
    );
  });
});

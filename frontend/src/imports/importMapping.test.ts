import { describe, expect, it } from "vitest";
import { applySavedMapping, initialMapping, toColumnsInput } from "./importMapping";

describe("import mapping", () => {
  it("maps consent proofs and empty cells that clear a field", () => {
    const headers = ["Réf", "Ville", "Optin email", "Date optin email", "Source optin"];
    const state = initialMapping(headers, [
      { column: "Réf", field: "EXTERNAL_ID" },
      { column: "Ville", field: "CITY" },
      { column: "Optin email", consentChannel: "EMAIL" },
      { column: "Date optin email", consentChannel: "EMAIL", consentDetail: "COLLECTED_AT" },
      { column: "Source optin", consentDetail: "SOURCE" },
    ]);
    expect(state.targets["Date optin email"]).toBe("proof:EMAIL:COLLECTED_AT");
    expect(state.targets["Source optin"]).toBe("proof:ALL:SOURCE");
    const columns = toColumnsInput(headers, {
      ...state,
      clears: { Ville: true, Réf: true, "Optin email": true },
    });
    expect(columns[1]).toMatchObject({ column: "Ville", field: "CITY", whenEmpty: "CLEAR" });
    // Neither the key nor a consent can be cleared by an empty cell.
    expect(columns[0]?.whenEmpty).toBeNull();
    expect(columns[2]).toMatchObject({
      consentChannel: "EMAIL",
      consentDetail: null,
      whenEmpty: null,
    });
    expect(columns[3]).toMatchObject({ consentChannel: "EMAIL", consentDetail: "COLLECTED_AT" });
    expect(columns[4]).toMatchObject({ consentChannel: null, consentDetail: "SOURCE" });
  });

  it("keeps a saved mapping's clearing columns", () => {
    const state = applySavedMapping(["Réf", "Ville"], {
      upsertKey: "EXTERNAL_ID",
      columns: [
        { column: "Réf", field: "EXTERNAL_ID" },
        { column: "Ville", field: "CITY", whenEmpty: "CLEAR" },
      ],
    });
    expect(toColumnsInput(["Réf", "Ville"], state)[1]?.whenEmpty).toBe("CLEAR");
  });
});

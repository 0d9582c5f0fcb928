import { describe, expect, it } from "vitest";
import { subjectsFor } from "./subjects";

const CUSTOM = [
  { key: "note", label: "Note", kind: "TEXT" as const, options: [] },
  { key: "tier", label: "Niveau", kind: "VALUE_LIST" as const, options: ["Or"] },
];

describe("subjectsFor", () => {
  it("offers every subject to a user with the Consult right", () => {
    const keys = subjectsFor(CUSTOM).map((s) => s.key);
    expect(keys).toContain("field:PERSONAL_EMAIL");
    expect(keys).toContain("custom:note");
  });

  it("leaves out direct identifiers without it (Analyse counts without reading them)", () => {
    const keys = subjectsFor(CUSTOM, false).map((s) => s.key);
    for (const identifier of [
      "field:PERSONAL_EMAIL",
      "field:LAST_NAME",
      "field:MOBILE_PHONE",
      "field:ADDRESS_LINE_4",
      "field:EXTERNAL_ID",
      "custom:note",
    ]) {
      expect(keys).not.toContain(identifier);
    }
    for (const kept of [
      "field:CITY",
      "field:POSTAL_CODE",
      "computed:AGE",
      "consent:EMAIL",
      "custom:tier",
    ]) {
      expect(keys).toContain(kept);
    }
  });

  it("offers the exact and ends-with operators on text", async () => {
    const { operatorsFor } = await import("./subjects");
    expect(operatorsFor("text")).toEqual(expect.arrayContaining(["EXACTLY", "ENDS_WITH"]));
  });
});

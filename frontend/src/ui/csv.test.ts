import { describe, expect, it } from "vitest";
import { csvCell, csvFilename, toCsv } from "./csv";

describe("csv", () => {
  it("quotes cells and doubles their quotes", () => {
    expect(csvCell('Le "Petit" Café; Lyon')).toBe('"Le ""Petit"" Café; Lyon"');
    expect(csvCell(null)).toBe('""');
  });

  it("neutralises what a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+33 6 12 34 56 78")).toBe('"\'+33 6 12 34 56 78"');
    expect(csvCell("-2+3")).toBe('"\'-2+3"');
    expect(csvCell("@SUM(A1)")).toBe('"\'@SUM(A1)"');
    expect(csvCell("\tcmd")).toBe('"\'\tcmd"');
    expect(csvCell("Dupré")).toBe('"Dupré"');
  });

  it("keeps numbers as numbers, negative ones included", () => {
    expect(csvCell(-12.5)).toBe('"-12.5"');
  });

  it("writes a BOM, a header, semicolons and CRLF", () => {
    expect(toCsv(["Nom", "Ville"], [["Dupré", "Lyon"]])).toBe(
      '\uFEFF"Nom";"Ville"\r\n"Dupré";"Lyon"\r\n',
    );
  });

  it("names the file after the day", () => {
    expect(csvFilename("contacts", new Date("2026-12-02T10:00:00Z"))).toBe(
      "contacts-2026-12-02.csv",
    );
  });
});

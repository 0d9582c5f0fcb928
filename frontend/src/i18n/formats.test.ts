import { describe, expect, it } from "vitest";
import { formatsFor } from "./formats";

/** Intl's French grouping and currency spacing are no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("formatsFor fr-FR", () => {
  const f = formatsFor("fr-FR");

  it("shows calendar dates as JJ/MM/AAAA, the very day whatever the time zone", () => {
    expect(f.date("1962-07-14")).toBe("14/07/1962");
    expect(f.date("2026-01-05T09:30:00Z")).toBe("05/01/2026");
  });

  it("shows a date and time as JJ/MM/AAAA HH:MM", () => {
    expect(f.dateTime("2026-01-05T09:30:00Z")).toMatch(/^05\/01\/2026 \d{2}:30$/);
    expect(f.dateTime("1962-07-14")).toBe("14/07/1962");
  });

  it("groups numbers the French way", () => {
    expect(plain(f.number(1234567.5))).toBe("1 234 567,5");
  });

  it("shows money in euros, decimal strings from the API included", () => {
    expect(plain(f.money(1234.5))).toBe("1 234,50 €");
    expect(plain(f.money("0.25"))).toBe("0,25 €");
    expect(plain(f.money(40, "EUR"))).toBe("40,00 €");
  });

  it("shows shares as percentages", () => {
    expect(plain(f.percent(0.125))).toBe("12,5 %");
  });
});

describe("formatsFor en-GB", () => {
  const f = formatsFor("en-GB");
  it("keeps the day first and the pound-free euro", () => {
    expect(f.date("1962-07-14")).toBe("14/07/1962");
    expect(f.money(1234.5)).toBe("€1,234.50");
  });
});

import { describe, expect, it } from "vitest";
import {
  amountDueWithPenalties,
  documentUrl,
  invoiceStanding,
  isValidSiren,
  longDate,
  monthLabel,
  monthStart,
  parseAmount,
  parseCount,
  parsePrice,
  readGrid,
  refusedIncreases,
  vatNumberProblem,
} from "./billingText";

describe("billing dates", () => {
  it("writes the first of the month as « 1er », in French only", () => {
    expect(longDate("2026-12-01", "fr")).toBe("1er décembre 2026");
    expect(longDate("2026-12-04", "fr")).toBe("4 décembre 2026");
    expect(longDate("2026-12-01", "en")).toBe("1 December 2026");
  });

  it("names a period by its month", () => {
    expect(monthLabel("2026-11-01", "fr")).toBe("novembre 2026");
    expect(monthLabel("2026-11-01", "en")).toBe("November 2026");
  });

  it("walks months across the years", () => {
    expect(monthStart("2026-01-15")).toBe("2026-01-01");
    expect(monthStart("2026-01-15", 1)).toBe("2025-12-01");
    expect(monthStart("2026-12-31", -1)).toBe("2027-01-01");
  });
});

describe("typed figures", () => {
  it("reads whole numbers with French grouping", () => {
    expect(parseCount("300 000")).toBe(300000);
    expect(parseCount("300\u202f000")).toBe(300000);
    expect(parseCount("0")).toBe(0);
    expect(parseCount("-3")).toBeNull();
    expect(parseCount("1,5")).toBeNull();
    expect(parseCount("")).toBeNull();
  });

  it("reads amounts in euros and cents, and prices", () => {
    expect(parseAmount("1 825,5")).toBe("1825.50");
    expect(parseAmount("40")).toBe("40.00");
    expect(parseAmount("0")).toBeNull();
    expect(parseAmount("1,234")).toBeNull();
    expect(parsePrice("0,004")).toBe("0.004");
    expect(parsePrice("abc")).toBeNull();
  });
});

describe("invoices", () => {
  const base = { kind: "INVOICE" as const, status: "ISSUED" as const, overdue: false };
  it("says where an invoice stands", () => {
    expect(invoiceStanding({ ...base, outstanding: "0.00" })).toBe("paid");
    expect(invoiceStanding({ ...base, outstanding: "12.00" })).toBe("toPay");
    expect(invoiceStanding({ ...base, outstanding: "12.00", overdue: true })).toBe("overdue");
    expect(invoiceStanding({ ...base, kind: "CREDIT_NOTE", outstanding: "0" })).toBe("creditNote");
    expect(invoiceStanding({ ...base, status: "DRAFT", outstanding: "12" })).toBe("draft");
  });

  it("adds the late interest and the indemnity in cents", () => {
    expect(
      amountDueWithPenalties({
        outstanding: "2190.00",
        lateInterest: "21.54",
        recoveryIndemnity: "40.00",
      }),
    ).toBe("2251.54");
  });

  it("names the tenant in staff's document links", () => {
    expect(documentUrl("/factures/i1.pdf")).toBe("/factures/i1.pdf");
    expect(documentUrl("/factures/i1.pdf", "t 1")).toBe("/factures/i1.pdf?tenant=t%201");
  });
});

describe("billing identity", () => {
  it("checks a SIREN and a French VAT number as the API does", () => {
    expect(isValidSiren("732 829 320")).toBe(true);
    expect(isValidSiren("732829321")).toBe(false);
    expect(vatNumberProblem("FR44732829320", "732829320")).toBeNull();
    expect(vatNumberProblem("FR45732829320", "")).toBe("INVALID_VAT_NUMBER");
    expect(vatNumberProblem("FR44732829320", "552100554")).toBe("VAT_SIREN_MISMATCH");
    expect(vatNumberProblem("DE123456789", "")).toBeNull();
  });
});

describe("price grids", () => {
  it("reads the API's grid and the prices a refusal lists", () => {
    const grid = readGrid({
      blockSize: 1000,
      levels: [
        {
          level: 2,
          perContact: "0.006",
          perUser: "35",
          monthlyMinimum: "500",
          rnvpPerBlock: "10",
          dedupPerBlock: "0.25",
        },
      ],
      emailTiers: [{ commitment: 0, price: "1.75" }],
      smsTiers: [{ commitment: 0, price: "0.07" }],
      blockRounding: "eachStartedBlock",
    });
    expect(grid?.levels[0]?.perContact).toBe("0.006");
    expect(grid?.blockRounding).toBe("eachStartedBlock");
    expect(readGrid({ levels: "no" })).toBeNull();
    expect(
      refusedIncreases(
        "a revision may raise each price by at most 15 %: levels.3.perContact 0.004 → 0.005 (+25 %), emailTiers.0.price 1.75 → 2.1 (+20 %)",
      ),
    ).toEqual([
      { path: "levels.3.perContact", from: "0.004", to: "0.005", percent: "25" },
      { path: "emailTiers.0.price", from: "1.75", to: "2.1", percent: "20" },
    ]);
  });
});

/**
 * The pure parts of the billing screens: dates in words ("1er décembre 2026", "novembre
 * 2026"), the months shown, amounts in cents, an invoice's standing, the price grid read as
 * rows, and the reading of typed figures ("300 000"). No React here.
 */
import type { MessageKey } from "../i18n/fr";
import type { MessageParams } from "../i18n/messageFormat";

export type Translate = (key: MessageKey, params?: MessageParams) => string;
export type Language = "fr" | "en";

const LOCALES: Record<Language, string> = { fr: "fr-FR", en: "en-GB" };

/** The date of an API calendar day (`2026-12-01`) or instant, as that very day. */
function dayOf(iso: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
}

/** "1er décembre 2026", "4 décembre 2026" (English: "1 December 2026"). */
export function longDate(iso: string, language: Language): string {
  const calendar = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const text = new Intl.DateTimeFormat(LOCALES[language], {
    day: "numeric",
    month: "long",
    year: "numeric",
    ...(calendar ? { timeZone: "UTC" } : { timeZone: "Europe/Paris" }),
  }).format(dayOf(iso));
  return language === "fr" ? text.replace(/^1 /, "1er ") : text;
}

/** "novembre 2026" (English: "November 2026"), for an invoice's period or a month's figures. */
export function monthLabel(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(dayOf(iso));
}

/** "déc. 2026", for the bars of a chart. */
export function shortMonthLabel(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(dayOf(iso));
}

/** "01/12", for the bars of a chart of days. */
export function dayLabel(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: "2-digit",
    month: "2-digit",
    timeZone: "UTC",
  }).format(dayOf(iso));
}

/** Today in the platform's calendar (Europe/Paris, as the server counts days), YYYY-MM-DD. */
export function platformToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** The first day of the month of `day` (YYYY-MM-DD), `back` months earlier. */
export function monthStart(day: string, back = 0): string {
  const [year, month] = day.split("-").map(Number) as [number, number];
  const index = year * 12 + (month - 1) - back;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`;
}

/** The month of a `<input type="month">` value (YYYY-MM) as its first day. */
export function monthInputToDay(value: string): string | null {
  return /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : null;
}

/** Money from the API (a decimal string such as "1825.00") as whole cents. */
export function cents(amount: string | number | null | undefined): number {
  if (amount === null || amount === undefined || amount === "") return 0;
  return Math.round(Number(amount) * 100);
}

/** Cents back to a decimal string ("1825.00"), as the API reads money. */
export function euros(totalCents: number): string {
  const sign = totalCents < 0 ? "-" : "";
  const abs = Math.abs(totalCents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * A whole number typed by a person: "300 000", "300000", "300.000" → 300000; null when it
 * is not one (letters, decimals, negative).
 */
export function parseCount(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f.]/g, "");
  if (!/^\d+$/.test(compact)) return null;
  const value = Number(compact);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * An amount in euros typed by a person: "1 825,50", "1825.5" → "1825.50"; null when it is
 * not a positive amount with at most two decimals.
 */
export function parseAmount(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(compact)) return null;
  const value = cents(compact);
  return value > 0 ? euros(value) : null;
}

/** A price of the grid typed by a person: "0,004" → "0.004"; null if not a decimal ≥ 0. */
export function parsePrice(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(compact)) return null;
  return compact;
}

/** What an invoice's badge says. */
export type InvoiceStanding = "creditNote" | "draft" | "paid" | "overdue" | "toPay";

export interface StandingFields {
  kind: "INVOICE" | "CREDIT_NOTE";
  status: "DRAFT" | "ISSUED";
  outstanding: string;
  overdue: boolean;
}

export function invoiceStanding(invoice: StandingFields): InvoiceStanding {
  if (invoice.kind === "CREDIT_NOTE") return "creditNote";
  if (invoice.status === "DRAFT") return "draft";
  if (cents(invoice.outstanding) <= 0) return "paid";
  return invoice.overdue ? "overdue" : "toPay";
}

/** What an overdue invoice costs today: what is left, the late interest and the 40 €. */
export function amountDueWithPenalties(invoice: {
  outstanding: string;
  lateInterest: string;
  recoveryIndemnity: string;
}): string {
  return euros(
    cents(invoice.outstanding) + cents(invoice.lateInterest) + cents(invoice.recoveryIndemnity),
  );
}

/** An invoice document's address; operator staff name the tenant. */
export function documentUrl(url: string, tenantId?: string): string {
  return tenantId ? `${url}?tenant=${encodeURIComponent(tenantId)}` : url;
}

// The price grid, as the API gives it (`crm360_pricing::Grid`: money as strings).

export interface GridLevel {
  level: number;
  perContact: string;
  perUser: string;
  monthlyMinimum: string;
  rnvpPerBlock: string;
  dedupPerBlock: string;
}

export interface GridTier {
  commitment: number;
  price: string;
}

export interface PriceGrid {
  blockSize: number;
  levels: GridLevel[];
  emailTiers: GridTier[];
  smsTiers: GridTier[];
  [rule: string]: unknown;
}

export const LEVEL_PRICES = [
  "perContact",
  "perUser",
  "monthlyMinimum",
  "rnvpPerBlock",
  "dedupPerBlock",
] as const;
export type LevelPrice = (typeof LEVEL_PRICES)[number];

/** The grid of Annex 1's commitment tiers, used until the API's grid has arrived. */
export const DEFAULT_EMAIL_TIERS = [0, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_000_000];
export const DEFAULT_SMS_TIERS = [0, 50_000, 100_000, 250_000];
export const LEVELS = [2, 3, 4, 5] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isTier(value: unknown): value is GridTier {
  return isRecord(value) && typeof value.commitment === "number" && "price" in value;
}

function isLevel(value: unknown): value is GridLevel {
  return isRecord(value) && typeof value.level === "number";
}

/** The API's grid (JSON) read as a price grid, or null if it does not have that shape. */
export function readGrid(value: unknown): PriceGrid | null {
  if (!isRecord(value)) return null;
  const { levels, emailTiers, smsTiers, blockSize } = value;
  if (
    !Array.isArray(levels) ||
    !Array.isArray(emailTiers) ||
    !Array.isArray(smsTiers) ||
    !levels.every(isLevel) ||
    !emailTiers.every(isTier) ||
    !smsTiers.every(isTier)
  ) {
    return null;
  }
  const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    ...value,
    blockSize: typeof blockSize === "number" ? blockSize : 1000,
    levels: levels.map((l) => ({
      level: l.level,
      perContact: text(l.perContact),
      perUser: text(l.perUser),
      monthlyMinimum: text(l.monthlyMinimum),
      rnvpPerBlock: text(l.rnvpPerBlock),
      dedupPerBlock: text(l.dedupPerBlock),
    })),
    emailTiers: emailTiers.map((t) => ({ commitment: t.commitment, price: text(t.price) })),
    smsTiers: smsTiers.map((t) => ({ commitment: t.commitment, price: text(t.price) })),
  };
}

/** The words of a price's stable path (`levels.3.perContact`, `emailTiers.500000.price`). */
export function pricePathLabel(path: string, t: Translate, formatNumber: (n: number) => string) {
  const [group, key, field] = path.split(".");
  const n = Number(key);
  if (group === "levels" && field && (LEVEL_PRICES as readonly string[]).includes(field)) {
    return t("billing.grid.pricePath.level", {
      level: key ?? "",
      price: t(`billing.grid.levelPrice.${field as LevelPrice}`),
    });
  }
  if ((group === "emailTiers" || group === "smsTiers") && !Number.isNaN(n)) {
    const channel = group === "emailTiers" ? "email" : "sms";
    return t(channel === "email" ? "billing.grid.pricePath.email" : "billing.grid.pricePath.sms", {
      tier: commitmentText(channel, n, t, formatNumber, true),
    });
  }
  return path;
}

/** One price raised too much, read back from the API's message of INCREASE_TOO_LARGE. */
export interface RefusedIncrease {
  path: string;
  from: string;
  to: string;
  percent: string | null;
}

/**
 * The increases the API lists in its (English) message: "a revision may raise each price by
 * at most 15 %: levels.3.perContact 0.004 → 0.005 (+25 %), …"; `extensions` carry only the
 * reason, so the prices are read from the message.
 */
export function refusedIncreases(message: string): RefusedIncrease[] {
  const found: RefusedIncrease[] = [];
  const pattern =
    /([A-Za-z]+\.\d+(?:\.[A-Za-z]+)?)\s+([\d.]+)\s*→\s*([\d.]+)(?:\s*\(\+([\d.]+)\s*%\))?/g;
  for (const match of message.matchAll(pattern)) {
    found.push({
      path: match[1] ?? "",
      from: match[2] ?? "",
      to: match[3] ?? "",
      percent: match[4] ?? null,
    });
  }
  return found;
}

/** A commitment in words: "sans engagement", "50 000 e-mails par mois". */
export function commitmentText(
  channel: "email" | "sms",
  commitment: number,
  t: Translate,
  formatNumber: (n: number) => string,
  /** Inside a sentence: "sans engagement" in lower case. */
  inline = false,
): string {
  if (commitment === 0)
    return t(inline ? "billing.commitment.noneInline" : "billing.commitment.none");
  return t(channel === "email" ? "billing.commitment.email" : "billing.commitment.sms", {
    count: formatNumber(commitment),
  });
}

/** A unit price, with as many decimals as the grid has (up to 4): "0,004 €", "35,00 €". */
export function formatUnitPrice(amount: string | number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], {
    style: "currency",
    currency: "EUR",
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(Number(amount));
}

/** A decimal quantity from the API ("600", "1.000") as a number. */
export function quantity(value: string | number): number {
  return Number(value);
}

/** A SIREN: nine digits whose Luhn sum is right (spaces allowed), as the API checks it. */
export function isValidSiren(value: string): boolean {
  const digits = value.replace(/\s/g, "");
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  [...digits].reverse().forEach((c, i) => {
    const d = Number(c);
    sum += i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
  });
  return sum % 10 === 0;
}

/**
 * An intra-EU VAT number, as the API checks it: a French one is FR, a two-digit key and the
 * SIREN (the key is checked, and the SIREN must be the one given); others are two letters and
 * 2 to 13 letters or digits. Returns the reason of the refusal, or null.
 */
export function vatNumberProblem(
  value: string,
  siren: string,
): "INVALID_VAT_NUMBER" | "VAT_SIREN_MISMATCH" | null {
  const compact = value.replace(/\s/g, "").toUpperCase();
  if (!compact.startsWith("FR")) {
    return /^[A-Z]{2}[A-Z0-9]{2,13}$/.test(compact) ? null : "INVALID_VAT_NUMBER";
  }
  const rest = compact.slice(2);
  if (!/^\d{11}$/.test(rest)) return "INVALID_VAT_NUMBER";
  const key = Number(rest.slice(0, 2));
  const number = rest.slice(2);
  if (key !== (12 + 3 * (Number(number) % 97)) % 97) return "INVALID_VAT_NUMBER";
  const ownSiren = siren.replace(/\s/g, "");
  if (ownSiren && ownSiren !== number) return "VAT_SIREN_MISMATCH";
  return null;
}

/** "Niveau 3 · 50 000 e-mails par mois · sans engagement SMS". */
export function planSummary(
  plan: { level: number; emailCommitment: number; smsCommitment: number },
  t: Translate,
  formatNumber: (n: number) => string,
): string {
  return t("billing.plan.summary", {
    level: plan.level,
    email: commitmentText("email", plan.emailCommitment, t, formatNumber, true),
    sms: commitmentText("sms", plan.smsCommitment, t, formatNumber, true),
  });
}

/**
 * The pure parts of the campaign screens: status labels, SMS counter text, cron presets,
 * merge-field labels and insertion, dates in words ("1 déc. 2026 à 09:00") and
 * Europe/Paris wall-clock times. No React here.
 */
import type {
  CampaignStatus,
  Channel,
  RunStatus,
  SmsMeasureFieldsFragment,
  SuppressionReason,
} from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import type { MessageParams } from "../i18n/messageFormat";

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = [
  "DRAFT",
  "SCHEDULED",
  "SENDING",
  "PAUSED",
  "SENT",
  "CANCELLED",
];

export function campaignStatusKey(status: CampaignStatus): MessageKey {
  return `campaigns.status.${status}`;
}

export function runStatusKey(status: RunStatus): MessageKey {
  return `campaigns.runStatus.${status}`;
}

export function channelKey(channel: Channel): MessageKey {
  return `campaigns.channel.${channel}`;
}

export function suppressionReasonKey(reason: SuppressionReason): MessageKey {
  return `campaigns.suppressionReason.${reason}`;
}

/** The counter under an SMS text: "128 caractères · 1 SMS · GSM-7", and the Unicode note. */
export function smsCounterText(
  measure: Pick<SmsMeasureFieldsFragment, "encoding" | "units" | "segments">,
  t: Translate,
): string {
  return t("campaigns.sms.counter", {
    units: measure.units,
    segments: measure.segments,
    encoding: t(measure.encoding === "UCS_2" ? "campaigns.sms.ucs2" : "campaigns.sms.gsm7"),
  });
}

/** Why an SMS is in Unicode, or null in GSM-7. */
export function smsUnicodeNote(
  measure: Pick<SmsMeasureFieldsFragment, "encoding" | "perSegment" | "nonGsmCharacters">,
  t: Translate,
): string | null {
  if (measure.encoding !== "UCS_2") return null;
  const characters = [...new Set(measure.nonGsmCharacters)];
  return t("campaigns.sms.unicodeNote", {
    count: characters.length,
    characters: characters.join(" "),
    // UCS-2: 70 characters in a single SMS (67 a part when it is cut).
    perSegment: measure.perSegment >= 70 ? 70 : measure.perSegment,
  });
}

export interface CronPreset {
  cron: string;
  label: MessageKey;
}

/** The wizard's recurring plans, one click away. */
export const CRON_PRESETS: readonly CronPreset[] = [
  { cron: "0 9 * * MON", label: "campaigns.cron.mondays9" },
  { cron: "30 8 * * *", label: "campaigns.cron.daily830" },
  { cron: "0 10 1 * *", label: "campaigns.cron.monthly10" },
];

export function presetOf(cron: string): CronPreset | undefined {
  const normalised = cron.trim().replace(/\s+/g, " ").toUpperCase();
  return CRON_PRESETS.find((p) => p.cron.toUpperCase() === normalised);
}

/** A cron expression has five fields (minute hour day month weekday). */
export function looksLikeCron(cron: string): boolean {
  return cron.trim().split(/\s+/).length === 5;
}

/** `custom.loyalty_tier` -> its key; standard fields -> their label in the language. */
export function mergeFieldLabel(name: string, t: Translate, has: (key: string) => boolean): string {
  if (name.startsWith("custom.")) return name.slice("custom.".length);
  if (name === "unsubscribe_url") return t("campaigns.merge.unsubscribeUrl");
  const key = `contactField.${name.toUpperCase()}`;
  return has(key) ? t(key as MessageKey) : name;
}

/** What the picker inserts: `{{ first_name | default("…") }}` (the unsubscribe link bare). */
export function mergeSnippet(name: string): string {
  if (name === "unsubscribe_url") return "{{ unsubscribe_url }}";
  return `{{ ${name} | default("…") }}`;
}

/** The text with `snippet` put in place of the selection, and where the cursor goes. */
export function insertAt(
  text: string,
  snippet: string,
  selectionStart: number | null,
  selectionEnd: number | null,
): { text: string; cursor: number } {
  const start = selectionStart ?? text.length;
  const end = selectionEnd ?? start;
  return { text: text.slice(0, start) + snippet + text.slice(end), cursor: start + snippet.length };
}

const PARIS = "Europe/Paris";

/** "1 déc. 2026 à 09:00" (French), "1 Dec 2026 at 09:00" (English), Paris time. */
export function formatWhen(iso: string, language: "fr" | "en"): string {
  const locale = language === "fr" ? "fr-FR" : "en-GB";
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: PARIS,
  }).format(date);
  const time = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: PARIS,
  }).format(date);
  return `${day} ${language === "fr" ? "à" : "at"} ${time}`;
}

/** The offset of Paris from UTC at an instant, in minutes. */
function parisOffsetMinutes(utcMs: number): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: PARIS,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((asUtc - Math.floor(utcMs / 60000) * 60000) / 60000);
}

/** A `datetime-local` value ("2026-12-01T09:00") read as Paris time, as an ISO instant. */
export function parisLocalToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let utc = wall - parisOffsetMinutes(wall) * 60000;
  // Once more, with the offset of the instant found (the day the clocks change).
  utc = wall - parisOffsetMinutes(utc) * 60000;
  return new Date(utc).toISOString();
}

/** Recipients typed one a line, or separated by commas or semicolons. */
export function splitRecipients(raw: string): string[] {
  return raw
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export const TEST_RECIPIENTS_MAX = 10;

/** SMS sender ids: 1 to 11 letters and digits, one letter at least. */
export function isValidSmsSenderId(value: string): boolean {
  return /^[A-Za-z0-9]{1,11}$/.test(value) && /[A-Za-z]/.test(value);
}

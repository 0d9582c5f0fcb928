/**
 * The pure parts of the support desk's screens: dates in words ("mardi 1er décembre 2026 à
 * 15:30"), business time ("6 h 30"), where a ticket's response deadline stands, the words of
 * an intervention, file sizes, and the attachment links of operator staff. No React here.
 */
import type {
  ClosedReason,
  Priority,
  TicketAction,
  TicketStatus,
  TicketSummaryFieldsFragment,
} from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import type { MessageParams } from "../i18n/messageFormat";

export type Translate = (key: MessageKey, params?: MessageParams) => string;
export type Language = "fr" | "en";

const LOCALES: Record<Language, string> = { fr: "fr-FR", en: "en-GB" };

export const PRIORITIES: readonly Priority[] = ["P1", "P2", "P3"];
export const STATUSES: readonly TicketStatus[] = [
  "OPEN",
  "IN_PROGRESS",
  "WAITING_FOR_USER",
  "RESOLVED",
  "CLOSED",
];

/** The largest attachment the API accepts, and how many a message carries. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
/** The API's limits on a ticket's subject and on a message. */
export const MAX_SUBJECT = 200;
export const MAX_BODY = 20_000;

/**
 * An instant in words, in the platform's time zone (business hours are French hours):
 * "mardi 1er décembre 2026 à 15:30" (English: "Tuesday 1 December 2026 at 15:30").
 */
export function longDateTime(iso: string, language: Language): string {
  const parts = new Intl.DateTimeFormat(LOCALES[language], {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "Europe/Paris",
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  const day = part("day");
  const dayText = language === "fr" && day === "1" ? "1er" : day;
  const at = language === "fr" ? "à" : "at";
  return `${part("weekday")} ${dayText} ${part("month")} ${part("year")} ${at} ${part("hour")}:${part("minute")}`;
}

/** Business minutes as "6 h 30", "8 h", "45 min" (the sign left out). */
export function businessDuration(minutes: number): string {
  const total = Math.abs(Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  if (rest === 0) return `${hours} h`;
  return `${hours} h ${String(rest).padStart(2, "0")}`;
}

/** Where a ticket's response deadline stands. */
export type Timing =
  /** The clock runs: due at `dueAt`, `minutesLeft` business minutes left (negative: late). */
  | { kind: "due"; dueAt: string; minutesLeft: number | null; late: boolean }
  /** Waiting for the user: the clock stands still until they answer. */
  | { kind: "paused" }
  /** Support took it in charge: the response time ended then. */
  | { kind: "responded"; at: string; inTime: boolean | null }
  /** Closed before any response, or no deadline at all. */
  | { kind: "none" };

type TimingFields = Pick<
  TicketSummaryFieldsFragment,
  "status" | "respondedAt" | "dueAt" | "businessMinutesLeft" | "answeredInTime"
>;

export function ticketTiming(ticket: TimingFields): Timing {
  if (ticket.respondedAt) {
    return { kind: "responded", at: ticket.respondedAt, inTime: ticket.answeredInTime ?? null };
  }
  if (ticket.status === "WAITING_FOR_USER") return { kind: "paused" };
  if (ticket.status === "CLOSED" || !ticket.dueAt) return { kind: "none" };
  const minutesLeft = ticket.businessMinutesLeft ?? null;
  return {
    kind: "due",
    dueAt: ticket.dueAt,
    minutesLeft,
    late: minutesLeft !== null && minutesLeft < 0,
  };
}

/** "échéance : mardi 1er décembre 2026 à 15:30", "en pause", "pris en charge le …". */
export function timingText(timing: Timing, t: Translate, language: Language): string {
  switch (timing.kind) {
    case "due":
      return t("support.timing.due", { date: longDateTime(timing.dueAt, language) });
    case "paused":
      return t("support.timing.paused");
    case "responded":
      return t("support.timing.responded", { date: longDateTime(timing.at, language) });
    case "none":
      return "—";
  }
}

/**
 * "temps restant : 6 h 30 ouvrées" ("6 h 30 ouvrées" under a "Temps restant" header: `short`),
 * "en retard de 1 h 15 ouvrées"; null without a running clock.
 */
export function timeLeftText(timing: Timing, t: Translate, short = false): string | null {
  if (timing.kind !== "due" || timing.minutesLeft === null) return null;
  const duration = businessDuration(timing.minutesLeft);
  if (timing.late) return t("support.timing.late", { duration });
  return t(short ? "support.timing.leftShort" : "support.timing.left", { duration });
}

/** How urgent a running deadline is, for its colour: late, under 2 business hours, or fine. */
export function urgency(timing: Timing): "late" | "soon" | "ok" | "none" {
  if (timing.kind !== "due" || timing.minutesLeft === null) return "none";
  if (timing.late) return "late";
  return timing.minutesLeft < 120 ? "soon" : "ok";
}

/** A file size in words: "512 o", "12,5 Ko", "3,2 Mo". */
export function fileSize(bytes: number, formatNumber: (n: number) => string): string {
  if (bytes < 1024) return `${formatNumber(bytes)} o`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024) * 10) / 10)} Ko`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} Mo`;
}

/** An attachment's link: operator staff name the ticket's tenant (`?tenant=`). */
export function attachmentHref(url: string, staffTenantId?: string): string {
  if (!staffTenantId) return url;
  const separator = url.includes("?") ? "&" : "?";
  return `${url}${separator}tenant=${encodeURIComponent(staffTenantId)}`;
}

function isPriority(value: unknown): value is Priority {
  return value === "P1" || value === "P2" || value === "P3";
}

function isClosedReason(value: unknown): value is ClosedReason {
  return value === "RESOLVED" || value === "NO_ANSWER" || value === "AGREEMENT";
}

function field(detail: unknown, name: string): unknown {
  return typeof detail === "object" && detail !== null
    ? (detail as Record<string, unknown>)[name]
    : undefined;
}

/** An intervention in words: "Criticité qualifiée : P3 → P1", "Ticket clos d’un commun accord". */
export function eventText(action: TicketAction, detail: unknown, t: Translate): string {
  const from = field(detail, "from");
  const to = field(detail, "to");
  switch (action) {
    case "OPENED": {
      const priority = field(detail, "priority");
      const byEmail = field(detail, "channel") === "EMAIL";
      return isPriority(priority)
        ? t(byEmail ? "support.event.OPENED.email" : "support.event.OPENED.priority", { priority })
        : t("support.event.OPENED");
    }
    case "QUALIFIED":
    case "WORKAROUND":
      return isPriority(from) && isPriority(to)
        ? t(`support.event.${action}.change`, { from, to })
        : t(`support.event.${action}`);
    case "ASSIGNED":
      return typeof to === "string" && to
        ? t("support.event.ASSIGNED.to")
        : t("support.event.ASSIGNED.nobody");
    case "USER_REPLIED":
      return field(detail, "resumed") === true
        ? t("support.event.USER_REPLIED.resumed")
        : t("support.event.USER_REPLIED");
    case "CLOSED": {
      const reason = field(detail, "reason");
      return isClosedReason(reason)
        ? t(`support.closedReason.${reason}`)
        : t("support.event.CLOSED");
    }
    default:
      return t(`support.event.${action}`);
  }
}

import type { SendStatsFieldsFragment } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";

/** The figures of a campaign's chart, in the order shown (zeros left out by the caller). */
export const STAT_ROWS: readonly {
  key: keyof Omit<SendStatsFieldsFragment, "__typename" | "targeted">;
  label: MessageKey;
}[] = [
  { key: "sent", label: "campaign.stat.sent" },
  { key: "opened", label: "campaign.stat.opened" },
  { key: "clicked", label: "campaign.stat.clicked" },
  { key: "queued", label: "campaign.stat.queued" },
  { key: "sending", label: "campaign.stat.sending" },
  { key: "waitingQuietHours", label: "campaign.stat.waitingQuietHours" },
  { key: "excludedNoConsent", label: "campaign.stat.excludedNoConsent" },
  { key: "excludedSuppressed", label: "campaign.stat.excludedSuppressed" },
  { key: "excludedInvalidAddress", label: "campaign.stat.excludedInvalidAddress" },
  { key: "excludedDuplicate", label: "campaign.stat.excludedDuplicate" },
  { key: "failed", label: "campaign.stat.failed" },
  { key: "bounced", label: "campaign.stat.bounced" },
  { key: "uncertain", label: "campaign.stat.uncertain" },
  { key: "unsubscribed", label: "campaign.stat.unsubscribed" },
  { key: "cancelled", label: "campaign.stat.cancelled" },
];

/**
 * The rows shown: "sent" always, opens and clicks together when tracking is on (or some were
 * counted before it was turned off), the others when not zero.
 */
export function shownStatRows(stats: SendStatsFieldsFragment, tracking: boolean) {
  const engagement = tracking || (stats.opened ?? 0) > 0 || (stats.clicked ?? 0) > 0;
  return STAT_ROWS.filter((row) =>
    row.key === "sent"
      ? true
      : row.key === "opened" || row.key === "clicked"
        ? engagement
        : (stats[row.key] ?? 0) > 0,
  );
}

export function excludedOf(s: SendStatsFieldsFragment): number {
  return (
    s.excludedNoConsent + s.excludedSuppressed + s.excludedInvalidAddress + s.excludedDuplicate
  );
}

/** Whether the page should keep asking for fresh figures. */
export function isLive(status: string, plan: string, runs: readonly { status: string }[]): boolean {
  if (status === "SENDING") return true;
  if (runs.some((r) => r.status === "PREPARING" || r.status === "SENDING")) return true;
  // Launched "now": the first run starts in a moment.
  return status === "SCHEDULED" && plan === "NOW";
}

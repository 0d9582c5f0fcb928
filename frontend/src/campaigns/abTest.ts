/**
 * The pure parts of a campaign's A/B test: the share's words ("10 % reçoivent A, 10 % reçoivent
 * B, 80 % recevront la gagnante"), the delay in words, the rates of each side, which decisions
 * tracking allows and the wizard's checks. No React here.
 */
import type { AbWinnerBy, Channel, Variant } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import type { Translate } from "./campaignText";

export const AB_SHARE_MIN = 2;
export const AB_SHARE_MAX = 90;
export const AB_SHARE_DEFAULT = 20;
export const AB_SHARE_STEP = 2;
/** 1 minute to 7 days, as the API takes it. */
export const AB_DELAY_MIN = 1;
export const AB_DELAY_MAX = 10080;
/** The wizard's delays one click away: 1 h, 4 h, 24 h. */
export const AB_DELAY_PRESETS: readonly number[] = [60, 240, 1440];
export const AB_WINNER_BY: readonly AbWinnerBy[] = ["OPENS", "CLICKS", "CHOSEN"];

export type Percent = (share: number) => string;

export function winnerByKey(winnerBy: AbWinnerBy): MessageKey {
  return `wizard.ab.winnerBy.${winnerBy}`;
}

/** Each side's share and the rest, in percent of the segment. */
export function abSplit(sharePercent: number): { half: number; rest: number } {
  return { half: sharePercent / 2, rest: 100 - sharePercent };
}

/** "10 % reçoivent A, 10 % reçoivent B, 80 % recevront la gagnante". */
export function abShareText(sharePercent: number, t: Translate, percent: Percent): string {
  const { half, rest } = abSplit(sharePercent);
  return t("wizard.ab.shareSplit", { half: percent(half / 100), rest: percent(rest / 100) });
}

/** "1 h", "24 h", "90 min". */
export function abDelayText(minutes: number, t: Translate): string {
  return minutes % 60 === 0
    ? t("wizard.ab.hours", { count: minutes / 60 })
    : t("wizard.ab.minutes", { count: minutes });
}

/** A share of `whole` (0 to 1), or null when nothing was sent. */
export function rateOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** "23,5 %", or the dash when nothing was sent. */
export function rateText(part: number, whole: number, percent: Percent, none = "—"): string {
  const rate = rateOf(part, whole);
  return rate === null ? none : percent(rate);
}

/**
 * Why "more opens" and "more clicks" cannot be chosen, or null when they can: opens and clicks
 * are measured for emails only, and only once the tenant's tracking is on.
 */
export function measuredDecisionBlocked(tracking: boolean, channel: Channel): MessageKey | null {
  if (channel !== "EMAIL") return "wizard.ab.smsNoTracking";
  if (!tracking) return "wizard.ab.trackingOff";
  return null;
}

/** A decision the channel and tracking allow (a measured one falls back to "I will choose"). */
export function allowedWinnerBy(
  winnerBy: AbWinnerBy,
  tracking: boolean,
  channel: Channel,
): AbWinnerBy {
  return winnerBy !== "CHOSEN" && measuredDecisionBlocked(tracking, channel) ? "CHOSEN" : winnerBy;
}

/** A delay typed in minutes, or null when it is not a whole number from 1 to 10 080. */
export function parseDelayMinutes(raw: string): number | null {
  const trimmed = raw.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= AB_DELAY_MIN && value <= AB_DELAY_MAX ? value : null;
}

export type AbField =
  "abTest.templateId" | "abTest.sharePercent" | "abTest.winnerBy" | "abTest.decideAfterMinutes";

export interface AbDraft {
  templateIdA: string;
  templateIdB: string;
  sharePercent: number;
  winnerBy: AbWinnerBy;
  delayMinutes: number | null;
}

/** The wizard's own checks of a test, before the API's. */
export function checkAbTest(
  draft: AbDraft,
  tracking: boolean,
  channel: Channel,
  t: Translate,
): Partial<Record<AbField, string>> {
  const found: Partial<Record<AbField, string>> = {};
  if (draft.templateIdB === "") found["abTest.templateId"] = t("wizard.ab.variantBRequired");
  else if (draft.templateIdB === draft.templateIdA) {
    found["abTest.templateId"] = t("wizard.ab.variantBSame");
  }
  if (
    !Number.isInteger(draft.sharePercent) ||
    draft.sharePercent < AB_SHARE_MIN ||
    draft.sharePercent > AB_SHARE_MAX
  ) {
    found["abTest.sharePercent"] = t("error.field.abTest.sharePercent.INVALID_AB_TEST");
  }
  if (draft.winnerBy !== "CHOSEN" && measuredDecisionBlocked(tracking, channel)) {
    found["abTest.winnerBy"] = t("error.field.abTest.winnerBy.INVALID_AB_TEST");
  }
  if (draft.delayMinutes === null)
    found["abTest.decideAfterMinutes"] = t("wizard.ab.delayRequired");
  return found;
}

export interface AbSideFigures {
  variant: Variant;
  sent: number;
  opened: number;
  clicked: number;
}

/** The sides of the latest run that has a test (A first), or an empty list. */
export function latestAbSides<Side extends AbSideFigures>(
  runs: readonly { number: number; abSides?: readonly Side[] | null }[],
): Side[] {
  const withTest = runs
    .filter((r) => (r.abSides ?? []).length > 0)
    .sort((a, b) => b.number - a.number)[0];
  return [...(withTest?.abSides ?? [])].sort((a, b) => a.variant.localeCompare(b.variant));
}

import { describe, expect, it } from "vitest";
import { fr, type MessageKey } from "../i18n/fr";
import { formatsFor } from "../i18n/formats";
import { formatMessage } from "../i18n/messageFormat";
import type { MessageParams } from "../i18n/messageFormat";
import {
  abDelayText,
  abShareText,
  allowedWinnerBy,
  checkAbTest,
  latestAbSides,
  parseDelayMinutes,
  rateText,
} from "./abTest";
import { describeCampaignError } from "./campaignErrors";
import { shownStatRows } from "./campaignStats";

const t = (key: MessageKey, params?: MessageParams) => formatMessage(fr[key], params ?? {}, "fr");
const percent = formatsFor("fr-FR").percent;
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("the A/B test's words and figures", () => {
  it("says who receives what, half each side", () => {
    expect(plain(abShareText(20, t, percent))).toBe(
      "10 % reçoivent A, 10 % reçoivent B, 80 % recevront la gagnante",
    );
    expect(plain(abShareText(90, t, percent))).toBe(
      "45 % reçoivent A, 45 % reçoivent B, 10 % recevront la gagnante",
    );
  });

  it("writes rates with a French comma, and a dash before anything is sent", () => {
    expect(plain(rateText(47, 200, percent))).toBe("23,5 %");
    expect(rateText(0, 0, percent)).toBe("—");
  });

  it("writes delays in hours or minutes and reads typed minutes", () => {
    expect(plain(abDelayText(60, t))).toBe("1 h");
    expect(plain(abDelayText(1440, t))).toBe("24 h");
    expect(plain(abDelayText(90, t))).toBe("90 min");
    expect(parseDelayMinutes(" 45 ")).toBe(45);
    expect(parseDelayMinutes("0")).toBeNull();
    expect(parseDelayMinutes("10081")).toBeNull();
    expect(parseDelayMinutes("1,5")).toBeNull();
  });

  it("keeps opens and clicks for emails with tracking on", () => {
    expect(allowedWinnerBy("OPENS", true, "EMAIL")).toBe("OPENS");
    expect(allowedWinnerBy("OPENS", false, "EMAIL")).toBe("CHOSEN");
    expect(allowedWinnerBy("CLICKS", true, "SMS")).toBe("CHOSEN");
    const found = checkAbTest(
      {
        templateIdA: "t1",
        templateIdB: "t1",
        sharePercent: 95,
        winnerBy: "OPENS",
        delayMinutes: null,
      },
      false,
      "EMAIL",
      t,
    );
    expect(Object.keys(found).sort()).toEqual([
      "abTest.decideAfterMinutes",
      "abTest.sharePercent",
      "abTest.templateId",
      "abTest.winnerBy",
    ]);
  });

  it("takes the latest run's sides, A first", () => {
    const side = (variant: "A" | "B", sent: number) => ({ variant, sent, opened: 0, clicked: 0 });
    const runs = [
      { number: 1, abSides: [side("B", 1), side("A", 2)] },
      { number: 2, abSides: [side("B", 3), side("A", 4)] },
      { number: 3, abSides: [] },
    ];
    expect(latestAbSides(runs).map((s) => `${s.variant}${s.sent}`)).toEqual(["A4", "B3"]);
  });

  it("shows opens and clicks when tracking is on or some were counted", () => {
    const stats = {
      targeted: 1,
      queued: 0,
      waitingQuietHours: 0,
      sending: 0,
      sent: 1,
      failed: 0,
      bounced: 0,
      uncertain: 0,
      cancelled: 0,
      excludedNoConsent: 0,
      excludedSuppressed: 0,
      excludedInvalidAddress: 0,
      excludedDuplicate: 0,
      unsubscribed: 0,
      opened: 0,
      clicked: 0,
    };
    expect(shownStatRows(stats, false).map((r) => r.key)).toEqual(["sent"]);
    expect(shownStatRows(stats, true).map((r) => r.key)).toEqual(["sent", "opened", "clicked"]);
    expect(shownStatRows({ ...stats, clicked: 2 }, false).map((r) => r.key)).toEqual([
      "sent",
      "opened",
      "clicked",
    ]);
  });
});

describe("the A/B test's API errors", () => {
  const error = (field: string) => ({
    message: "invalid A/B test",
    extensions: { code: "INVALID_INPUT", reason: "INVALID_AB_TEST", field },
  });
  it("names what is wrong, field by field", () => {
    expect(describeCampaignError(error("abTest.templateId"), t)).toMatch(/autre modèle/);
    expect(plain(describeCampaignError(error("abTest.sharePercent"), t))).toMatch(/2 % à 90 %/);
    expect(describeCampaignError(error("abTest.winnerBy"), t)).toMatch(/Je choisirai moi-même/);
    expect(describeCampaignError(error("abTest.decideAfterMinutes"), t)).toMatch(/7\u00a0jours/);
    expect(describeCampaignError(error("abTest"), t)).toBe("Ce test A/B n’est pas valide.");
  });
});

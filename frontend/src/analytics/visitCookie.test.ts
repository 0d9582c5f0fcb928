import { afterEach, describe, expect, it } from "vitest";
import {
  analyticsChoice,
  readVisit,
  recordPageView,
  resetAnalyticsChoice,
  setAnalyticsChoice,
  VISIT_COOKIE,
} from "./visitCookie";

function cookies(): string[] {
  return document.cookie
    .split(";")
    .map((c) => c.trim())
    .filter(Boolean);
}

describe("the audience-measurement cookie", () => {
  afterEach(() => resetAnalyticsChoice());

  it("stores nothing before the user chooses", () => {
    expect(analyticsChoice()).toBeNull();
    expect(recordPageView(new Date("2026-11-26T10:00:00Z"))).toBeNull();
    expect(readVisit()).toBeNull();
  });

  it("holds only a random id and the date of the last visit once accepted", () => {
    setAnalyticsChoice("accepted", new Date("2026-11-26T10:00:00Z"));
    const visit = readVisit();
    expect(visit?.lastVisit).toBe("2026-11-26");
    expect(visit?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(cookies()).toEqual([`${VISIT_COOKIE}=${visit?.id}.2026-11-26`]);

    // The same day is the same visit; the next day a new one, with the same id.
    expect(recordPageView(new Date("2026-11-26T18:00:00Z"))?.newVisit).toBe(false);
    const next = recordPageView(new Date("2026-11-27T08:00:00Z"));
    expect(next).toEqual({
      visit: { id: visit?.id, lastVisit: "2026-11-27" },
      newVisit: true,
      previousVisit: "2026-11-26",
    });
  });

  it("removes the cookie and records nothing after a refusal", () => {
    setAnalyticsChoice("accepted");
    setAnalyticsChoice("refused");
    expect(analyticsChoice()).toBe("refused");
    expect(readVisit()).toBeNull();
    expect(recordPageView()).toBeNull();
    expect(cookies()).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { idlePhase, idleTimings } from "./idleTimer";

describe("idle timings", () => {
  it("warns one minute before a 20-minute timeout and keeps the session alive more often", () => {
    expect(idleTimings(1200)).toEqual({
      timeoutMs: 1_200_000,
      warningMs: 60_000,
      keepAliveMs: 30_000,
    });
  });

  it("scales the warning down for short timeouts", () => {
    expect(idleTimings(8)).toEqual({ timeoutMs: 8000, warningMs: 4000, keepAliveMs: 2000 });
  });

  it("moves from active to warning to expired", () => {
    const timings = idleTimings(1200);
    expect(idlePhase(timings, 1_139_000)).toEqual({ kind: "active" });
    expect(idlePhase(timings, 1_140_000)).toEqual({ kind: "warning", secondsLeft: 60 });
    expect(idlePhase(timings, 1_199_500)).toEqual({ kind: "warning", secondsLeft: 1 });
    expect(idlePhase(timings, 1_200_000)).toEqual({ kind: "expired" });
  });
});

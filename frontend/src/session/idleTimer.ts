/** The timings of the idle logout, derived from the server's idle timeout. */
export interface IdleTimings {
  timeoutMs: number;
  /** How long before the logout the warning appears: one minute, or half the timeout if shorter. */
  warningMs: number;
  /**
   * How often, at most, activity is reported to the server. Shorter than the warning, so the
   * server's session always outlives the moment the user can answer "stay connected".
   */
  keepAliveMs: number;
}

export function idleTimings(idleTimeoutSeconds: number): IdleTimings {
  const timeoutMs = Math.max(1, idleTimeoutSeconds) * 1000;
  const warningMs = Math.min(60_000, timeoutMs / 2);
  return { timeoutMs, warningMs, keepAliveMs: warningMs / 2 };
}

export type IdlePhase =
  { kind: "active" } | { kind: "warning"; secondsLeft: number } | { kind: "expired" };

/** Where the user stands, given how long ago they last did something. */
export function idlePhase(timings: IdleTimings, idleForMs: number): IdlePhase {
  if (idleForMs >= timings.timeoutMs) return { kind: "expired" };
  if (idleForMs >= timings.timeoutMs - timings.warningMs) {
    return { kind: "warning", secondsLeft: Math.ceil((timings.timeoutMs - idleForMs) / 1000) };
  }
  return { kind: "active" };
}

export function samePhase(a: IdlePhase, b: IdlePhase): boolean {
  if (a.kind === "warning" && b.kind === "warning") return a.secondsLeft === b.secondsLeft;
  return a.kind === b.kind;
}

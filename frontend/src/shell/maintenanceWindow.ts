/**
 * The weekly maintenance window of the contract: Thursday 06:00 to 08:00 GMT+1, that is 05:00
 * to 07:00 UTC all year round. It is announced from the day before.
 */
const WINDOW_DAY_UTC = 4; // Thursday
const WINDOW_START_HOUR_UTC = 5;
const WINDOW_HOURS = 2;
const ANNOUNCE_AHEAD_MS = 24 * 3600 * 1000;

export interface MaintenanceWindow {
  start: Date;
  end: Date;
  ongoing: boolean;
}

/** The window to announce at `now`, if one is ongoing or starts within a day. */
export function upcomingMaintenance(now: Date): MaintenanceWindow | null {
  const start = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), WINDOW_START_HOUR_UTC),
  );
  start.setUTCDate(start.getUTCDate() + ((WINDOW_DAY_UTC - start.getUTCDay() + 7) % 7));
  const end = new Date(start.getTime() + WINDOW_HOURS * 3600 * 1000);
  if (end <= now) {
    // This week's window is over: the next one is a week later, too far to announce.
    return null;
  }
  if (start <= now) return { start, end, ongoing: true };
  return start.getTime() - now.getTime() <= ANNOUNCE_AHEAD_MS
    ? { start, end, ongoing: false }
    : null;
}

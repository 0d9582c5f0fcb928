//! The contract's weekly maintenance window (Annex 2).
//!
//! "Une plage hebdomadaire de 2h le Jeudi entre 06h et 08h GMT+1": read literally as
//! the fixed offset UTC+01:00 all year, i.e. 05:00–07:00 UTC, which is 06:00–08:00
//! Paris time in winter and 07:00–09:00 in summer. The window is not moved with DST.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};

/// The day of the window.
pub const MAINTENANCE_WEEKDAY: Weekday = Weekday::Thu;

/// GMT+1 as the contract writes it: a fixed offset, not the Paris zone.
const OFFSET_HOURS: i64 = 1;
const STARTS_HOUR: i64 = 6;
const ENDS_HOUR: i64 = 8;

/// The window of the Monday-to-Sunday week that contains `week_containing`:
/// Thursday 06:00 to 08:00 at UTC+01:00.
pub fn weekly_maintenance(week_containing: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let thursday = week_containing.week(Weekday::Mon).first_day()
        + Duration::days(i64::from(MAINTENANCE_WEEKDAY.num_days_from_monday()));
    // Wall-clock at +01:00 minus the offset gives UTC.
    let midnight_utc = thursday.and_time(NaiveTime::MIN).and_utc() - Duration::hours(OFFSET_HOURS);
    (midnight_utc + Duration::hours(STARTS_HOUR), midnight_utc + Duration::hours(ENDS_HOUR))
}

/// Every window that overlaps `[from, to)`, whole (not cut to the range), in order.
pub fn maintenance_windows(from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut windows = Vec::new();
    if to <= from {
        return windows;
    }
    // Start a week early: a window can begin before `from` and still overlap it.
    let mut week = from.date_naive() - Duration::days(7);
    loop {
        let (start, end) = weekly_maintenance(week);
        if start >= to {
            return windows;
        }
        if end > from {
            windows.push((start, end));
        }
        week += Duration::days(7);
    }
}

/// Whether `at` falls in a maintenance window.
pub fn in_maintenance(at: DateTime<Utc>) -> bool {
    let (start, end) = weekly_maintenance(at.date_naive());
    start <= at && at < end
}

/// The window in progress at `at`, else the next one (for the interface's announcement).
pub fn next_maintenance(at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let this_week = weekly_maintenance(at.date_naive());
    if at < this_week.1 { this_week } else { weekly_maintenance(at.date_naive() + Duration::days(7)) }
}

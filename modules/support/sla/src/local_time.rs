//! Wall-clock times to instants, once, with a rule for the hours that DST skips or repeats.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant that the wall-clock time `local` designates in `tz`.
///
/// A time skipped by a spring-forward gap maps to the gap's end (the first instant
/// that exists after it); a time repeated by a fall-back fold maps to its first
/// occurrence. `None` only at the edges of chrono's range.
pub(crate) fn resolve(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.min(b).with_timezone(&Utc)),
        LocalResult::None => gap_end(tz, local),
    }
}

/// The transition instant that ends the gap containing `local`: the first instant
/// whose wall-clock reading is at or after `local`.
fn gap_end(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let reaches = |secs: i64| {
        DateTime::from_timestamp(secs, 0).is_none_or(|u| tz.from_utc_datetime(&u.naive_utc()).naive_local() >= local)
    };
    // UTC offsets stay within ±26 h, so these bracket the transition.
    let wall = local.and_utc().timestamp();
    let (mut before, mut after) = (wall - 26 * 3600, wall + 26 * 3600);
    // Binary search on whole seconds (tz transitions happen on whole seconds).
    while after - before > 1 {
        let mid = before + (after - before) / 2;
        if reaches(mid) {
            after = mid;
        } else {
            before = mid;
        }
    }
    DateTime::from_timestamp(after, 0)
}

/// Midnight starting `date` in `tz` (with the same gap rule).
pub(crate) fn start_of_day(tz: Tz, date: chrono::NaiveDate) -> Option<DateTime<Utc>> {
    resolve(tz, date.and_time(chrono::NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d).and_then(|d| d.and_hms_opt(h, mi, 0)).expect("valid test time")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("valid test instant")
    }

    #[test]
    fn ordinary_times_map_directly() {
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(resolve(paris, local(2026, 1, 15, 9, 0)), Some(utc("2026-01-15T08:00:00Z")));
        assert_eq!(resolve(paris, local(2026, 7, 15, 9, 0)), Some(utc("2026-07-15T07:00:00Z")));
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_to_the_gap_end() {
        // Paris, 29 March 2026: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        let paris = chrono_tz::Europe::Paris;
        for minute in [0, 1, 30, 59] {
            assert_eq!(resolve(paris, local(2026, 3, 29, 2, minute)), Some(utc("2026-03-29T01:00:00Z")));
        }
        // Chile springs forward at midnight: 00:00 of 8 September 2024 does not exist.
        let santiago = chrono_tz::America::Santiago;
        assert_eq!(
            start_of_day(santiago, NaiveDate::from_ymd_opt(2024, 9, 8).expect("date")),
            Some(utc("2024-09-08T04:00:00Z"))
        );
    }

    #[test]
    fn a_time_in_the_autumn_fold_takes_the_first_occurrence() {
        // Paris, 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and 01:30 UTC (CET).
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(resolve(paris, local(2026, 10, 25, 2, 30)), Some(utc("2026-10-25T00:30:00Z")));
    }
}

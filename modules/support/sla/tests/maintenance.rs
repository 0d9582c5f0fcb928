//! The weekly maintenance window at the contract's fixed GMT+1.

mod common;

use chrono::Duration;
use common::{date, paris, utc};
use crm360_sla::{in_maintenance, maintenance_windows, next_maintenance, weekly_maintenance};

#[test]
fn winter_window_is_six_to_eight_paris_time() {
    let window = weekly_maintenance(date(2026, 1, 14));
    assert_eq!(window, (utc("2026-01-15T05:00:00Z"), utc("2026-01-15T07:00:00Z")));
    assert_eq!(window, (paris(2026, 1, 15, 6, 0), paris(2026, 1, 15, 8, 0)));
}

#[test]
fn summer_window_stays_at_gmt_plus_one() {
    // Any day of the Monday-to-Sunday week gives that week's Thursday.
    for day in 13..=19 {
        let window = weekly_maintenance(date(2026, 7, day));
        assert_eq!(window, (utc("2026-07-16T05:00:00Z"), utc("2026-07-16T07:00:00Z")));
        // 07:00 to 09:00 on Paris clocks.
        assert_eq!(window, (paris(2026, 7, 16, 7, 0), paris(2026, 7, 16, 9, 0)));
    }
}

#[test]
fn windows_of_a_month() {
    let windows = maintenance_windows(utc("2026-07-01T00:00:00Z"), utc("2026-08-01T00:00:00Z"));
    let starts: Vec<_> = windows.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        starts,
        ["2026-07-02", "2026-07-09", "2026-07-16", "2026-07-23", "2026-07-30"].map(|d| utc(&format!("{d}T05:00:00Z")))
    );
    assert!(windows.iter().all(|(s, e)| *e - *s == Duration::hours(2)));
    // A range starting inside a window includes it whole.
    assert_eq!(
        maintenance_windows(utc("2026-07-16T06:00:00Z"), utc("2026-07-16T06:30:00Z")),
        vec![(utc("2026-07-16T05:00:00Z"), utc("2026-07-16T07:00:00Z"))]
    );
    assert!(maintenance_windows(utc("2026-07-16T07:00:00Z"), utc("2026-07-23T05:00:00Z")).is_empty());
}

#[test]
fn in_and_next_maintenance() {
    assert!(in_maintenance(utc("2026-07-16T05:00:00Z")));
    assert!(!in_maintenance(utc("2026-07-16T07:00:00Z")));
    assert_eq!(next_maintenance(utc("2026-07-16T06:00:00Z")).0, utc("2026-07-16T05:00:00Z"));
    assert_eq!(next_maintenance(utc("2026-07-16T07:00:00Z")).0, utc("2026-07-23T05:00:00Z"));
    assert_eq!(next_maintenance(utc("2026-07-19T23:30:00Z")).0, utc("2026-07-23T05:00:00Z"));
}

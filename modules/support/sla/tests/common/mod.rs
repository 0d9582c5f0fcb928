//! Helpers shared by the integration tests.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A Paris wall-clock time that exists exactly once.
pub fn paris(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Paris.with_ymd_and_hms(y, m, d, h, mi, 0).single().expect("unambiguous Paris time").with_timezone(&Utc)
}

pub fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("valid RFC 3339 test instant").with_timezone(&Utc)
}

pub fn hours(h: i64) -> chrono::Duration {
    chrono::Duration::hours(h)
}

pub fn minutes(m: i64) -> chrono::Duration {
    chrono::Duration::minutes(m)
}

//! The calendar as stored data: its JSON shape and its validation.

mod common;

use chrono::NaiveTime;
use common::date;
use crm360_sla::{Calendar, ClosedDay, SlaError};

const STANDARD_JSON: &str = r#"{"version":1,"timeZone":"Europe/Paris","opens":"09:00","closes":"18:30","weekdays":["Mon","Tue","Wed","Thu","Fri"],"publicHolidays":true,"extraClosedDays":[],"removedHolidays":[]}"#;

#[test]
fn the_standard_calendar_as_json() {
    let json = serde_json::to_string(&Calendar::standard()).expect("serializes");
    assert_eq!(json, STANDARD_JSON);
    assert_eq!(Calendar::from_json(STANDARD_JSON), Ok(Calendar::standard()));
}

#[test]
fn operator_edits_round_trip() {
    let mut cal = Calendar::standard();
    cal.version = 2;
    cal.extra_closed_days.push(ClosedDay { date: date(2026, 5, 15), label: "Pont de l'Ascension".into() });
    cal.removed_holidays.push(date(2026, 5, 25));
    let json = serde_json::to_string(&cal).expect("serializes");
    assert!(json.contains(r#""extraClosedDays":[{"date":"2026-05-15","label":"Pont de l'Ascension"}]"#));
    assert!(json.contains(r#""removedHolidays":["2026-05-25"]"#));
    assert_eq!(Calendar::from_json(&json), Ok(cal));
}

#[test]
fn validation_errors() {
    let mut cal = Calendar::standard();
    cal.opens = NaiveTime::from_hms_opt(18, 30, 0).expect("time");
    assert!(matches!(cal.validate(), Err(SlaError::OpensNotBeforeCloses { .. })));

    let mut cal = Calendar::standard();
    cal.weekdays.clear();
    assert_eq!(cal.validate(), Err(SlaError::NoWeekday));

    let mut cal = Calendar::standard();
    cal.removed_holidays.push(date(2026, 5, 26));
    assert_eq!(cal.validate(), Err(SlaError::NotAPublicHoliday(date(2026, 5, 26))));

    let mut cal = Calendar::standard();
    cal.extra_closed_days.push(ClosedDay { date: date(2026, 5, 15), label: "  ".into() });
    assert_eq!(cal.validate(), Err(SlaError::BlankLabel(date(2026, 5, 15))));

    assert_eq!(Calendar::parse_time_zone("Europe/Pariss"), Err(SlaError::UnknownTimeZone("Europe/Pariss".into())));
    assert_eq!(Calendar::parse_time_zone("America/Martinique"), Ok(chrono_tz::America::Martinique));
}

#[test]
fn invalid_json_is_refused_with_the_reason() {
    let cases = [
        (STANDARD_JSON.replace("Europe/Paris", "Mars/Olympus"), "unknown time zone"),
        (STANDARD_JSON.replace("\"18:30\"", "\"08:00\""), "must open before it closes"),
        (STANDARD_JSON.replace(r#"["Mon","Tue","Wed","Thu","Fri"]"#, "[]"), "at least one working weekday"),
        (STANDARD_JSON.replace("\"09:00\"", "\"9h\""), "invalid time of day"),
        (STANDARD_JSON.replace("\"version\"", "\"colour\":1,\"version\""), "unknown field"),
    ];
    for (json, reason) in cases {
        let err = Calendar::from_json(&json).unwrap_err();
        assert!(matches!(err, SlaError::InvalidCalendarData(_)));
        assert!(err.to_string().contains(reason), "{err} should say {reason}");
    }
}

#[test]
fn optional_lists_may_be_left_out() {
    let json = r#"{"version":3,"timeZone":"Europe/Paris","opens":"08:30","closes":"17:00:30","weekdays":["Monday","Sat"],"publicHolidays":false}"#;
    let cal = Calendar::from_json(json).expect("valid");
    assert_eq!(cal.closes, NaiveTime::from_hms_opt(17, 0, 30).expect("time"));
    let back = serde_json::to_string(&cal).expect("serializes");
    assert!(back.contains(r#""opens":"08:30","closes":"17:00:30","weekdays":["Mon","Sat"]"#));
}

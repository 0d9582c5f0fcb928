//! The business-hours clock: weekends, holidays, DST, out-of-hours starts.

mod common;

use chrono::{Datelike, Duration, Weekday};
use common::{date, hours, minutes, paris, utc};
use crm360_sla::{Calendar, ClosedDay, french_public_holidays};

#[test]
fn friday_evening_plus_one_hour_is_monday_half_past_nine() {
    let cal = Calendar::standard();
    // Friday 6 November 2026 18:00: 30 min left, then Monday 9 November.
    assert_eq!(cal.add_business_time(paris(2026, 11, 6, 18, 0), hours(1)), paris(2026, 11, 9, 9, 30));
}

#[test]
fn opening_included_closing_excluded() {
    let cal = Calendar::standard();
    assert!(!cal.is_open(paris(2026, 11, 9, 8, 59)));
    assert!(cal.is_open(paris(2026, 11, 9, 9, 0)));
    assert!(cal.is_open(paris(2026, 11, 9, 18, 29)));
    assert!(!cal.is_open(paris(2026, 11, 9, 18, 30)));
    assert!(!cal.is_open(paris(2026, 11, 7, 12, 0)), "Saturday");
    assert!(!cal.is_open(paris(2026, 11, 11, 12, 0)), "Armistice");
}

#[test]
fn using_up_the_day_exactly_lands_on_closing_time() {
    let cal = Calendar::standard();
    let monday = paris(2026, 11, 9, 17, 0);
    assert_eq!(cal.add_business_time(monday, minutes(90)), paris(2026, 11, 9, 18, 30));
    assert_eq!(cal.add_business_time(monday, Duration::zero()), monday);
}

/// Every holiday as published, by year (hand-written, not computed).
#[test]
fn french_public_holidays_of_2026_and_2027() {
    let expected_2026 = [
        (date(2026, 1, 1), "Jour de l'an"),
        (date(2026, 4, 6), "Lundi de Pâques"),
        (date(2026, 5, 1), "Fête du Travail"),
        (date(2026, 5, 8), "Victoire 1945"),
        (date(2026, 5, 14), "Ascension"),
        (date(2026, 5, 25), "Lundi de Pentecôte"),
        (date(2026, 7, 14), "Fête nationale"),
        (date(2026, 8, 15), "Assomption"),
        (date(2026, 11, 1), "Toussaint"),
        (date(2026, 11, 11), "Armistice"),
        (date(2026, 12, 25), "Noël"),
    ];
    let expected_2027 = [
        (date(2027, 1, 1), "Jour de l'an"),
        (date(2027, 3, 29), "Lundi de Pâques"),
        (date(2027, 5, 1), "Fête du Travail"),
        (date(2027, 5, 6), "Ascension"),
        (date(2027, 5, 8), "Victoire 1945"),
        (date(2027, 5, 17), "Lundi de Pentecôte"),
        (date(2027, 7, 14), "Fête nationale"),
        (date(2027, 8, 15), "Assomption"),
        (date(2027, 11, 1), "Toussaint"),
        (date(2027, 11, 11), "Armistice"),
        (date(2027, 12, 25), "Noël"),
    ];
    assert_eq!(french_public_holidays(2026), expected_2026);
    assert_eq!(french_public_holidays(2027), expected_2027);

    let cal = Calendar::standard();
    for (day, name) in expected_2026.iter().chain(&expected_2027) {
        assert!(!cal.is_business_day(*day), "{day}");
        assert_eq!(cal.holiday_name(*day).as_deref(), Some(*name), "{day}");
    }
}

/// Each holiday on a weekday, in at least two years: a ticket opened at 18:00 the
/// working day before with one hour to go lands at 09:30 on the next working day.
#[test]
fn the_clock_skips_every_holiday_in_two_years() {
    let cases = [
        // (holiday, evening before, expected) as (y, m, d)
        ("Jour de l'an", (2026, 1, 1), (2025, 12, 31), (2026, 1, 2)),
        ("Jour de l'an", (2027, 1, 1), (2026, 12, 31), (2027, 1, 4)),
        ("Lundi de Pâques", (2026, 4, 6), (2026, 4, 3), (2026, 4, 7)),
        ("Lundi de Pâques", (2027, 3, 29), (2027, 3, 26), (2027, 3, 30)),
        ("Fête du Travail", (2026, 5, 1), (2026, 4, 30), (2026, 5, 4)),
        ("Fête du Travail", (2028, 5, 1), (2028, 4, 28), (2028, 5, 2)),
        ("Victoire 1945", (2026, 5, 8), (2026, 5, 7), (2026, 5, 11)),
        ("Victoire 1945", (2028, 5, 8), (2028, 5, 5), (2028, 5, 9)),
        ("Ascension", (2026, 5, 14), (2026, 5, 13), (2026, 5, 15)),
        ("Ascension", (2027, 5, 6), (2027, 5, 5), (2027, 5, 7)),
        ("Lundi de Pentecôte", (2026, 5, 25), (2026, 5, 22), (2026, 5, 26)),
        ("Lundi de Pentecôte", (2027, 5, 17), (2027, 5, 14), (2027, 5, 18)),
        ("Fête nationale", (2026, 7, 14), (2026, 7, 13), (2026, 7, 15)),
        ("Fête nationale", (2027, 7, 14), (2027, 7, 13), (2027, 7, 15)),
        ("Assomption", (2025, 8, 15), (2025, 8, 14), (2025, 8, 18)),
        ("Assomption", (2028, 8, 15), (2028, 8, 14), (2028, 8, 16)),
        ("Toussaint", (2027, 11, 1), (2027, 10, 29), (2027, 11, 2)),
        ("Toussaint", (2028, 11, 1), (2028, 10, 31), (2028, 11, 2)),
        ("Armistice", (2026, 11, 11), (2026, 11, 10), (2026, 11, 12)),
        ("Armistice", (2027, 11, 11), (2027, 11, 10), (2027, 11, 12)),
        ("Noël", (2026, 12, 25), (2026, 12, 24), (2026, 12, 28)),
        ("Noël", (2028, 12, 25), (2028, 12, 22), (2028, 12, 26)),
    ];
    let cal = Calendar::standard();
    for (name, (hy, hm, hd), (by, bm, bd), (ey, em, ed)) in cases {
        let holiday = date(hy, hm, hd);
        assert!(holiday.weekday().num_days_from_monday() < 5, "{holiday} is a weekday");
        assert_eq!(cal.holiday_name(holiday).as_deref(), Some(name));
        assert!(!cal.is_open(paris(hy, hm, hd, 12, 0)));
        assert_eq!(cal.add_business_time(paris(by, bm, bd, 18, 0), hours(1)), paris(ey, em, ed, 9, 30), "{name} {hy}");
        assert_eq!(cal.business_time_between(paris(hy, hm, hd, 0, 0), paris(hy, hm, hd, 23, 59)), Duration::zero());
    }
}

#[test]
fn a_year_of_business_time() {
    // 2026: 261 weekdays, 9 holidays on weekdays (15 August and 1 November fall on a
    // weekend): 252 days of 9 h 30.
    let cal = Calendar::standard();
    assert_eq!(cal.business_time_between(paris(2026, 1, 1, 0, 0), paris(2027, 1, 1, 0, 0)), minutes(252 * 570));
}

#[test]
fn spring_forward_weekend_keeps_business_durations() {
    let cal = Calendar::standard();
    // Friday 27 March 2026 17:30 CET (16:30 UTC) + 2 h: 1 h on Friday, 1 h on Monday 30
    // March from 09:00 CEST (07:00 UTC).
    let due = cal.add_business_time(utc("2026-03-27T16:30:00Z"), hours(2));
    assert_eq!(due, utc("2026-03-30T08:00:00Z"));
    assert_eq!(due, paris(2026, 3, 30, 10, 0));
    // Friday and Monday are full 9 h 30 days although the offset changed in between.
    assert_eq!(cal.business_time_between(utc("2026-03-27T08:00:00Z"), utc("2026-03-30T16:30:00Z")), hours(19));
    // The Sunday of the change, open on Sundays: still 9 h 30.
    let mut sundays = Calendar::standard();
    sundays.weekdays.push(Weekday::Sun);
    assert_eq!(sundays.open_hours(date(2026, 3, 29)), Some((utc("2026-03-29T07:00:00Z"), utc("2026-03-29T16:30:00Z"))));
}

#[test]
fn fall_back_weekend_keeps_business_durations() {
    let cal = Calendar::standard();
    // Friday 23 October 2026 18:00 CEST (16:00 UTC) + 1 h → Monday 26 October 09:30 CET
    // (08:30 UTC).
    assert_eq!(cal.add_business_time(utc("2026-10-23T16:00:00Z"), hours(1)), utc("2026-10-26T08:30:00Z"));
    assert_eq!(cal.business_time_between(utc("2026-10-23T07:00:00Z"), utc("2026-10-26T17:30:00Z")), hours(19));
}

#[test]
fn a_p3_deadline_spanning_the_spring_change() {
    let cal = Calendar::standard();
    // Wednesday 25 March 2026 09:00 CET: Wed, Thu, Fri, Mon = 38 h, then 2 h on Tuesday
    // 31 March from 09:00 CEST: 11:00 CEST = 09:00 UTC.
    let opened = utc("2026-03-25T08:00:00Z");
    let due = cal.add_business_time(opened, hours(40));
    assert_eq!(due, utc("2026-03-31T09:00:00Z"));
    assert_eq!(cal.business_time_between(opened, due), hours(40));
    // On the wall clock, 09:00 to 11:00 six days later, less the hour skipped.
    assert_eq!(due - opened, hours(6 * 24 + 1));
}

#[test]
fn a_deadline_spanning_the_autumn_change() {
    let cal = Calendar::standard();
    // Thursday 22 October 2026 14:00 CEST (12:00 UTC) + 24 h: Thu 4 h 30, Fri 9 h 30,
    // Mon 9 h 30 (23 h 30), then 30 min on Tuesday 27 October: 09:30 CET = 08:30 UTC.
    assert_eq!(cal.add_business_time(utc("2026-10-22T12:00:00Z"), hours(24)), utc("2026-10-27T08:30:00Z"));
}

#[test]
fn tickets_opened_outside_hours_count_from_the_next_opening() {
    let cal = Calendar::standard();
    let p1 = hours(8);
    // Before 09:00 on Monday 2 November 2026.
    assert_eq!(cal.add_business_time(paris(2026, 11, 2, 7, 30), p1), paris(2026, 11, 2, 17, 0));
    // After 18:30.
    assert_eq!(cal.add_business_time(paris(2026, 11, 2, 19, 0), p1), paris(2026, 11, 3, 17, 0));
    // On Saturday 7 November.
    assert_eq!(cal.add_business_time(paris(2026, 11, 7, 10, 0), p1), paris(2026, 11, 9, 17, 0));
    // On Easter Monday 2026.
    assert_eq!(cal.add_business_time(paris(2026, 4, 6, 10, 0), p1), paris(2026, 4, 7, 17, 0));
    assert_eq!(cal.next_open(paris(2026, 4, 6, 10, 0)), paris(2026, 4, 7, 9, 0));
    assert_eq!(cal.next_open(paris(2026, 4, 7, 10, 0)), paris(2026, 4, 7, 10, 0));
}

#[test]
fn extra_closed_days_and_removed_holidays() {
    let mut cal = Calendar::standard();
    cal.extra_closed_days.push(ClosedDay { date: date(2026, 12, 24), label: "Veille de Noël".into() });
    // Whit Monday worked as the "journée de solidarité".
    cal.removed_holidays.push(date(2026, 5, 25));
    cal.validate().expect("valid calendar");

    assert!(!cal.is_business_day(date(2026, 12, 24)));
    assert_eq!(cal.holiday_name(date(2026, 12, 24)).as_deref(), Some("Veille de Noël"));
    // Wednesday 23 December 18:00 + 1 h: the 24th (closed), the 25th, the weekend.
    assert_eq!(cal.add_business_time(paris(2026, 12, 23, 18, 0), hours(1)), paris(2026, 12, 28, 9, 30));

    assert!(cal.is_business_day(date(2026, 5, 25)));
    assert_eq!(cal.holiday_name(date(2026, 5, 25)), None);
    assert_eq!(cal.add_business_time(paris(2026, 5, 22, 18, 0), hours(1)), paris(2026, 5, 25, 9, 30));
    // Without public holidays, 14 July is a day like another.
    cal.public_holidays = false;
    assert!(cal.is_business_day(date(2026, 7, 14)));
}

#[test]
fn zero_length_and_reversed_ranges() {
    let cal = Calendar::standard();
    let t = paris(2026, 11, 2, 10, 0);
    assert_eq!(cal.business_time_between(t, t), Duration::zero());
    assert_eq!(cal.business_time_between(t + hours(1), t), Duration::zero());
    assert_eq!(cal.add_business_time(t, -hours(1)), t);
}

#[test]
fn long_spans_are_day_steps_not_minute_steps() {
    let cal = Calendar::standard();
    let start = paris(2026, 1, 5, 9, 0);
    // About 19 years of business time (a French year has about 2 394 h).
    let due = cal.add_business_time(start, hours(45_000));
    assert_eq!(cal.business_time_between(start, due), hours(45_000));
    assert_eq!(due.year(), 2044);
}

/// Deterministic pseudo-random starts and durations, no dependency needed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

#[test]
fn between_undoes_add_for_many_starts() {
    let mut cal = Calendar::standard();
    cal.extra_closed_days.push(ClosedDay { date: date(2026, 12, 24), label: "Veille de Noël".into() });
    let base = utc("2025-12-20T00:00:00Z");
    let mut rng = Lcg(42);
    for _ in 0..3000 {
        // Any second over about three years, any duration up to 120 business hours.
        let start = base + Duration::seconds(rng.next(3 * 366 * 86_400) as i64);
        let business = Duration::seconds(rng.next(120 * 3600) as i64 + 1);
        let due = cal.add_business_time(start, business);
        assert_eq!(cal.business_time_between(start, due), business, "{start} + {business}");
        assert!(due > start);
        // Nothing is left over: one second less of business ends earlier.
        assert!(cal.add_business_time(start, business - Duration::seconds(1)) < due);
        // The deadline is reached during opening hours (or at closing).
        assert!(cal.is_open(due - Duration::seconds(1)), "{due}");
    }
}

#[test]
fn opening_times_in_a_gap_or_a_fold() {
    // Not the standard hours (09:00 never falls in a Paris DST change), but the rule
    // holds for any calendar: a gap moves to its end, a fold takes its first occurrence.
    let mut night = Calendar::standard();
    night.weekdays = vec![Weekday::Sun];
    night.opens = chrono::NaiveTime::from_hms_opt(2, 30, 0).expect("time");
    night.closes = chrono::NaiveTime::from_hms_opt(4, 0, 0).expect("time");
    // 29 March 2026: 02:30 does not exist, the day opens at 03:00 CEST.
    assert_eq!(night.open_hours(date(2026, 3, 29)), Some((utc("2026-03-29T01:00:00Z"), utc("2026-03-29T02:00:00Z"))));
    // 25 October 2026: 02:30 happens twice, the day opens at the first (CEST).
    assert_eq!(night.open_hours(date(2026, 10, 25)), Some((utc("2026-10-25T00:30:00Z"), utc("2026-10-25T03:00:00Z"))));
    assert_eq!(night.business_time_between(utc("2026-10-24T00:00:00Z"), utc("2026-10-26T00:00:00Z")), minutes(150));
}

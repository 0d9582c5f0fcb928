//! When a marketing SMS may be delivered in France.
//!
//! The French carriers' charter forbids marketing SMS between 22:00 and 08:00, on Sundays and
//! on public holidays, in the recipient's own time zone. The rule itself is data
//! ([`QuietRule`], a versioned setting the caller stores as JSON); this module knows the
//! calendar (public holidays per [`Zone`]) and where a number's recipient lives.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// How many local days [`QuietRule::next_allowed`] looks ahead before giving up; a real rule
/// never needs more than a few (a Sunday followed by a holiday).
const SEARCH_DAYS: i64 = 30;

/// Where a recipient lives, as far as the calendar and the clock are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// Metropolitan France (and the fallback for foreign numbers): Europe/Paris.
    Metropole,
    /// Guadeloupe, with Saint-Martin and Saint-Barthélemy (same numbering plan).
    Guadeloupe,
    /// Martinique.
    Martinique,
    /// Guyane (French Guiana).
    Guyane,
    /// La Réunion.
    Reunion,
    /// Mayotte.
    Mayotte,
    /// Saint-Pierre-et-Miquelon.
    SaintPierreEtMiquelon,
    /// Nouvelle-Calédonie.
    NouvelleCaledonie,
    /// Polynésie française.
    Polynesie,
    /// Wallis-et-Futuna.
    WallisEtFutuna,
}

impl Zone {
    /// The recipient's zone from an E.164 number (`+33…`, `+262…`; spaces, dots, dashes and a
    /// `00` international prefix are tolerated).
    ///
    /// Every `+33` number is metropolitan France; overseas departments and collectivities have
    /// their own country codes. A foreign number's zone is unknown, so it falls back to
    /// [`Zone::Metropole`] (the sender's own legal frame).
    pub fn of_number(e164: &str) -> Zone {
        let digits = international_digits(e164);
        // Country codes are prefix-free, so the first match is the only one.
        if let Some(national) = digits.strip_prefix("262") {
            // +262 is shared: Mayotte has 639 (mobile) and 269 (landline), the rest is Réunion.
            if national.starts_with("639") || national.starts_with("269") { Zone::Mayotte } else { Zone::Reunion }
        } else if digits.starts_with("590") {
            Zone::Guadeloupe
        } else if digits.starts_with("594") {
            Zone::Guyane
        } else if digits.starts_with("596") {
            Zone::Martinique
        } else if digits.starts_with("508") {
            Zone::SaintPierreEtMiquelon
        } else if digits.starts_with("687") {
            Zone::NouvelleCaledonie
        } else if digits.starts_with("689") {
            Zone::Polynesie
        } else if digits.starts_with("681") {
            Zone::WallisEtFutuna
        } else {
            // +33, and every other country whose zone we cannot know.
            Zone::Metropole
        }
    }

    /// The IANA time zone of the zone.
    pub fn time_zone(self) -> Tz {
        match self {
            Zone::Metropole => chrono_tz::Europe::Paris,
            Zone::Guadeloupe => chrono_tz::America::Guadeloupe,
            Zone::Martinique => chrono_tz::America::Martinique,
            Zone::Guyane => chrono_tz::America::Cayenne,
            Zone::Reunion => chrono_tz::Indian::Reunion,
            Zone::Mayotte => chrono_tz::Indian::Mayotte,
            Zone::SaintPierreEtMiquelon => chrono_tz::America::Miquelon,
            Zone::NouvelleCaledonie => chrono_tz::Pacific::Noumea,
            Zone::Polynesie => chrono_tz::Pacific::Tahiti,
            Zone::WallisEtFutuna => chrono_tz::Pacific::Wallis,
        }
    }

    /// The local abolition-of-slavery day (month, day), where the zone has one.
    fn abolition_day(self) -> Option<(u32, u32)> {
        match self {
            Zone::Guadeloupe => Some((5, 27)),
            Zone::Martinique => Some((5, 22)),
            Zone::Guyane => Some((6, 10)),
            Zone::Reunion => Some((12, 20)),
            Zone::Mayotte => Some((4, 27)),
            _ => None,
        }
    }
}

/// The digits of a number after its international prefix (`+` or `00`), separators dropped.
fn international_digits(number: &str) -> String {
    let trimmed = number.trim();
    let rest = trimmed.strip_prefix('+').or_else(|| trimmed.strip_prefix("00")).unwrap_or(trimmed);
    rest.chars().filter(char::is_ascii_digit).collect()
}

/// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian algorithm, also
/// known as Meeus/Jones/Butcher). `None` outside the dates chrono can represent.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    // n / 31 is 3 or 4 and n % 31 + 1 is at most 31: both fit in u32.
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// French public holidays of `year` for `zone`, sorted by date, each with its French name.
///
/// The 11 national holidays (Easter computed, no table) plus the zone's abolition-of-slavery
/// day (Guadeloupe 27 May, Martinique 22 May, Guyane 10 June, La Réunion 20 December,
/// Mayotte 27 April). Good Friday and 26 December are only holidays in Alsace-Moselle, which
/// a phone number cannot reveal, so they are left out. Empty for years chrono cannot represent.
pub fn public_holidays(year: i32, zone: Zone) -> Vec<(NaiveDate, &'static str)> {
    let Some(easter) = easter_sunday(year) else {
        return Vec::new();
    };
    let fixed = |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day);
    let mut days: Vec<(Option<NaiveDate>, &'static str)> = vec![
        (fixed(1, 1), "jour de l’An"),
        (easter.checked_add_signed(Duration::days(1)), "lundi de Pâques"),
        (fixed(5, 1), "fête du Travail"),
        (fixed(5, 8), "Victoire 1945"),
        (easter.checked_add_signed(Duration::days(39)), "Ascension"),
        (easter.checked_add_signed(Duration::days(50)), "lundi de Pentecôte"),
        (fixed(7, 14), "fête nationale"),
        (fixed(8, 15), "Assomption"),
        (fixed(11, 1), "Toussaint"),
        (fixed(11, 11), "armistice 1918"),
        (fixed(12, 25), "Noël"),
    ];
    if let Some((month, day)) = zone.abolition_day() {
        days.push((fixed(month, day), "abolition de l’esclavage"));
    }
    let mut holidays: Vec<(NaiveDate, &'static str)> =
        days.into_iter().filter_map(|(date, name)| date.map(|d| (d, name))).collect();
    holidays.sort_by_key(|(date, _)| *date);
    holidays
}

/// Whether `date` is a public holiday for `zone` (see [`public_holidays`]).
pub fn is_public_holiday(date: NaiveDate, zone: Zone) -> bool {
    public_holidays(date.year(), zone).iter().any(|(d, _)| *d == date)
}

/// When marketing SMS may be delivered: a versioned setting, stored by the caller as JSON.
///
/// The window is `[allowed_from, allowed_until)` in the recipient's local time: the end is
/// exclusive (22:00 itself is refused). A window with `allowed_from >= allowed_until` is
/// empty and allows nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuietRule {
    /// Version of the rule, bumped when the stored setting changes meaning.
    pub version: u32,
    /// First local time of day when delivery is allowed (inclusive), 08:00 by default.
    pub allowed_from: NaiveTime,
    /// Local time of day when delivery stops (exclusive), 22:00 by default.
    pub allowed_until: NaiveTime,
    /// Whether Sundays are refused entirely.
    pub no_sundays: bool,
    /// Whether the zone's public holidays are refused entirely.
    pub no_public_holidays: bool,
}

impl Default for QuietRule {
    /// The carriers' charter: version 1, 08:00 to 22:00, no Sundays, no public holidays.
    fn default() -> Self {
        QuietRule {
            version: 1,
            allowed_from: NaiveTime::from_hms_opt(8, 0, 0).expect("08:00 is a valid time"),
            allowed_until: NaiveTime::from_hms_opt(22, 0, 0).expect("22:00 is a valid time"),
            no_sundays: true,
            no_public_holidays: true,
        }
    }
}

impl QuietRule {
    /// Whether a marketing SMS may be delivered at `at` to a recipient in `zone`.
    pub fn allows(&self, at: DateTime<Utc>, zone: Zone) -> bool {
        let local = at.with_timezone(&zone.time_zone()).naive_local();
        self.day_allowed(local.date(), zone) && self.time_allowed(local.time())
    }

    /// The first instant at or after `at` when a marketing SMS may be delivered to a
    /// recipient in `zone`: `at` itself when allowed now, else the start of the next allowed
    /// window (23:00 on a Saturday gives Monday 08:00, or Tuesday 08:00 when that Monday is a
    /// public holiday).
    ///
    /// The search is bounded to 30 local days; a rule that allows nothing in that span (an
    /// empty window) yields `at + 30 days`, which the caller's next check refuses again.
    pub fn next_allowed(&self, at: DateTime<Utc>, zone: Zone) -> DateTime<Utc> {
        if self.allows(at, zone) {
            return at;
        }
        let tz = zone.time_zone();
        let today = at.with_timezone(&tz).date_naive();
        for offset in 0..=SEARCH_DAYS {
            let Some(day) = today.checked_add_signed(Duration::days(offset)) else {
                break;
            };
            if !self.day_allowed(day, zone) {
                continue;
            }
            let Some(start) = window_start(&tz, day.and_time(self.allowed_from)) else {
                continue;
            };
            // Today's window may already be over; the check also guards an empty window.
            if start >= at && self.allows(start, zone) {
                return start;
            }
        }
        at + Duration::days(SEARCH_DAYS)
    }

    /// Whether the local calendar day is open for delivery at all.
    fn day_allowed(&self, date: NaiveDate, zone: Zone) -> bool {
        let refused_sunday = self.no_sundays && date.weekday() == Weekday::Sun;
        let refused_holiday = self.no_public_holidays && is_public_holiday(date, zone);
        !refused_sunday && !refused_holiday
    }

    /// Whether the local time of day is inside the window (end exclusive).
    fn time_allowed(&self, time: NaiveTime) -> bool {
        self.allowed_from <= time && time < self.allowed_until
    }
}

/// The instant a window opening at local `start` begins: the earliest of two instants when the
/// clock goes back, the first instant after the gap when that local time is skipped.
fn window_start(tz: &Tz, start: NaiveDateTime) -> Option<DateTime<Utc>> {
    // Gaps last at most a couple of hours; minute steps land exactly on the gap's end.
    (0..=180).find_map(|minutes| {
        let local = start.checked_add_signed(Duration::minutes(minutes))?;
        tz.from_local_datetime(&local).earliest().map(|dt| dt.with_timezone(&Utc))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A local wall clock time in `zone`, as UTC.
    fn local(zone: Zone, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        zone.time_zone()
            .from_local_datetime(&date(y, m, d).and_hms_opt(h, min, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        local(Zone::Metropole, y, m, d, h, min)
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(date(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
        // Extremes of the Gregorian range: earliest (22 March) and latest (25 April).
        assert_eq!(easter_sunday(2285), Some(date(2285, 3, 22)));
        assert_eq!(easter_sunday(1943), Some(date(1943, 4, 25)));
    }

    #[test]
    fn movable_holidays_2026() {
        let holidays = public_holidays(2026, Zone::Metropole);
        assert!(holidays.contains(&(date(2026, 4, 6), "lundi de Pâques")));
        assert!(holidays.contains(&(date(2026, 5, 14), "Ascension")));
        assert!(holidays.contains(&(date(2026, 5, 25), "lundi de Pentecôte")));
    }

    #[test]
    fn eleven_national_holidays_sorted_without_good_friday() {
        let holidays = public_holidays(2026, Zone::Metropole);
        assert_eq!(holidays.len(), 11);
        assert!(holidays.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(!is_public_holiday(date(2026, 4, 3), Zone::Metropole), "Good Friday is not national");
        assert!(!is_public_holiday(date(2026, 12, 26), Zone::Metropole));
        assert!(is_public_holiday(date(2026, 7, 14), Zone::Metropole));
    }

    #[test]
    fn abolition_days_are_local() {
        assert!(is_public_holiday(date(2026, 12, 20), Zone::Reunion));
        assert!(!is_public_holiday(date(2026, 12, 20), Zone::Metropole));
        assert!(!is_public_holiday(date(2026, 12, 20), Zone::Mayotte));
        assert!(is_public_holiday(date(2026, 4, 27), Zone::Mayotte));
        assert!(is_public_holiday(date(2026, 5, 27), Zone::Guadeloupe));
        assert!(is_public_holiday(date(2026, 5, 22), Zone::Martinique));
        assert!(is_public_holiday(date(2026, 6, 10), Zone::Guyane));
        assert_eq!(public_holidays(2026, Zone::Reunion).len(), 12);
        assert_eq!(public_holidays(2026, Zone::Polynesie).len(), 11);
    }

    #[test]
    fn zones_of_numbers() {
        assert_eq!(Zone::of_number("+33612345678"), Zone::Metropole);
        assert_eq!(Zone::of_number("+262692123456"), Zone::Reunion);
        assert_eq!(Zone::of_number("+262 693 12 34 56"), Zone::Reunion);
        assert_eq!(Zone::of_number("+262639123456"), Zone::Mayotte);
        assert_eq!(Zone::of_number("+590690123456"), Zone::Guadeloupe);
        assert_eq!(Zone::of_number("+594694123456"), Zone::Guyane);
        assert_eq!(Zone::of_number("00596696123456"), Zone::Martinique);
        assert_eq!(Zone::of_number("+508551234"), Zone::SaintPierreEtMiquelon);
        assert_eq!(Zone::of_number("+687751234"), Zone::NouvelleCaledonie);
        assert_eq!(Zone::of_number("+68987123456"), Zone::Polynesie);
        assert_eq!(Zone::of_number("+681821234"), Zone::WallisEtFutuna);
        assert_eq!(Zone::of_number("+4915112345678"), Zone::Metropole, "foreign: Paris");
        assert_eq!(Zone::of_number(""), Zone::Metropole);
        assert_eq!(Zone::Reunion.time_zone(), chrono_tz::Indian::Reunion);
        assert_eq!(Zone::Guyane.time_zone(), chrono_tz::America::Cayenne);
    }

    #[test]
    fn late_evening_waits_for_next_morning() {
        let rule = QuietRule::default();
        // Tuesday 2026-12-01.
        let at = paris(2026, 12, 1, 23, 0);
        assert!(!rule.allows(at, Zone::Metropole));
        assert_eq!(rule.next_allowed(at, Zone::Metropole), paris(2026, 12, 2, 8, 0));
        // Early morning waits for the same day's 08:00.
        assert_eq!(rule.next_allowed(paris(2026, 12, 2, 6, 30), Zone::Metropole), paris(2026, 12, 2, 8, 0));
    }

    #[test]
    fn window_end_is_exclusive_and_saturday_night_waits_for_monday() {
        let rule = QuietRule::default();
        // Saturday 2026-12-05.
        let last = paris(2026, 12, 5, 21, 59);
        assert!(rule.allows(last, Zone::Metropole));
        assert_eq!(rule.next_allowed(last, Zone::Metropole), last);
        let closing = paris(2026, 12, 5, 22, 0);
        assert!(!rule.allows(closing, Zone::Metropole));
        assert_eq!(rule.next_allowed(closing, Zone::Metropole), paris(2026, 12, 7, 8, 0));
        assert!(rule.allows(paris(2026, 12, 5, 8, 0), Zone::Metropole), "start is inclusive");
    }

    #[test]
    fn sunday_waits_for_monday_or_tuesday_after_whit_monday() {
        let rule = QuietRule::default();
        let sunday = paris(2026, 12, 6, 10, 0);
        assert!(!rule.allows(sunday, Zone::Metropole));
        assert_eq!(rule.next_allowed(sunday, Zone::Metropole), paris(2026, 12, 7, 8, 0));
        // Whit Monday 2026-05-25 is a holiday.
        let whit_sunday = paris(2026, 5, 24, 12, 0);
        assert_eq!(rule.next_allowed(whit_sunday, Zone::Metropole), paris(2026, 5, 26, 8, 0));
    }

    #[test]
    fn recipient_time_zone_decides() {
        let rule = QuietRule::default();
        // 05:00 UTC on Wednesday 2026-12-02: 09:00 in Réunion, 06:00 in Paris.
        let at = utc(2026, 12, 2, 5, 0);
        assert!(rule.allows(at, Zone::of_number("+262692123456")));
        assert!(!rule.allows(at, Zone::of_number("+33612345678")));
    }

    #[test]
    fn reunion_abolition_day_is_refused_there_only() {
        let rule = QuietRule::default();
        // Friday 2024-12-20, 10:00 in both places.
        let reunion = local(Zone::Reunion, 2024, 12, 20, 10, 0);
        assert!(!rule.allows(reunion, Zone::Reunion));
        assert_eq!(rule.next_allowed(reunion, Zone::Reunion), local(Zone::Reunion, 2024, 12, 21, 8, 0));
        assert!(rule.allows(paris(2024, 12, 20, 10, 0), Zone::Metropole));
    }

    #[test]
    fn sundays_allowed_when_the_rule_says_so() {
        let rule = QuietRule { no_sundays: false, ..QuietRule::default() };
        assert!(rule.allows(paris(2026, 12, 6, 10, 0), Zone::Metropole));
        assert!(!rule.allows(paris(2026, 12, 6, 7, 0), Zone::Metropole));
    }

    #[test]
    fn dst_changes_keep_local_opening_time() {
        let rule = QuietRule::default();
        // Spring forward on Sunday 2026-03-29, fall back on Sunday 2026-10-25.
        assert_eq!(rule.next_allowed(paris(2026, 3, 28, 23, 0), Zone::Metropole), utc(2026, 3, 30, 6, 0));
        // Spring forward on Easter Sunday 2027-03-28: Easter Monday is a holiday too.
        assert_eq!(rule.next_allowed(paris(2027, 3, 27, 23, 0), Zone::Metropole), utc(2027, 3, 30, 6, 0));
        assert_eq!(rule.next_allowed(paris(2026, 10, 24, 23, 0), Zone::Metropole), utc(2026, 10, 26, 7, 0));
    }

    #[test]
    fn skipped_opening_time_starts_after_the_gap() {
        // Paris skips 02:00-03:00 on 2027-03-28; a window opening at 02:30 starts at 03:00.
        let rule = QuietRule {
            allowed_from: NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
            no_sundays: false,
            ..QuietRule::default()
        };
        assert_eq!(rule.next_allowed(paris(2027, 3, 28, 1, 0), Zone::Metropole), utc(2027, 3, 28, 1, 0));
    }

    #[test]
    fn empty_window_terminates() {
        let rule = QuietRule { allowed_from: NaiveTime::from_hms_opt(22, 0, 0).unwrap(), ..QuietRule::default() };
        let at = paris(2026, 12, 1, 10, 0);
        assert!(!rule.allows(at, Zone::Metropole));
        assert_eq!(rule.next_allowed(at, Zone::Metropole), at + Duration::days(30));
    }

    #[test]
    fn rule_serde_round_trip() {
        let rule = QuietRule::default();
        let json = serde_json::to_string(&rule).unwrap();
        assert!(json.contains("\"allowed_from\":\"08:00:00\""), "{json}");
        let back: QuietRule = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rule);
    }
}

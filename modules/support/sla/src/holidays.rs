//! French public holidays, computed for any year (no table to keep up to date).
//!
//! The eleven national holidays of the Code du travail (art. L3133-1). Local ones
//! (Good Friday and 26 December in Alsace-Moselle) are not included: operators add
//! them to a calendar as extra closed days.

use chrono::{Datelike, Duration, NaiveDate};

/// Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm,
/// Meeus/Jones/Butcher). `None` only outside chrono's date range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c.div_euclid(4), c.rem_euclid(4));
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    // n / 31 is 3 or 4 and n % 31 + 1 is at most 31: the casts cannot wrap.
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// The French public holidays of `year`, in date order, with their French names.
pub fn french_public_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let fixed = [
        (1, 1, "Jour de l'an"),
        (5, 1, "Fête du Travail"),
        (5, 8, "Victoire 1945"),
        (7, 14, "Fête nationale"),
        (8, 15, "Assomption"),
        (11, 1, "Toussaint"),
        (11, 11, "Armistice"),
        (12, 25, "Noël"),
    ];
    let mut days: Vec<(NaiveDate, &'static str)> =
        fixed.iter().filter_map(|&(m, d, name)| NaiveDate::from_ymd_opt(year, m, d).map(|date| (date, name))).collect();
    if let Some(easter) = easter_sunday(year) {
        for (offset, name) in EASTER_BASED {
            if let Some(date) = easter.checked_add_signed(Duration::days(offset)) {
                days.push((date, name));
            }
        }
    }
    // Stable, so that when Ascension falls on 1 or 8 May (2008: 1 May) the fixed
    // holiday comes first; both entries are kept.
    days.sort_by_key(|(date, _)| *date);
    days
}

const EASTER_BASED: [(i64, &str); 3] = [(1, "Lundi de Pâques"), (39, "Ascension"), (50, "Lundi de Pentecôte")];

/// The French name of the public holiday on `date`, if it is one (the fixed-date
/// name when Ascension coincides with 1 or 8 May).
///
/// Cheaper than [`french_public_holidays`]: the calendar asks this for every day it walks.
pub fn french_holiday_name(date: NaiveDate) -> Option<&'static str> {
    let fixed = match (date.month(), date.day()) {
        (1, 1) => Some("Jour de l'an"),
        (5, 1) => Some("Fête du Travail"),
        (5, 8) => Some("Victoire 1945"),
        (7, 14) => Some("Fête nationale"),
        (8, 15) => Some("Assomption"),
        (11, 1) => Some("Toussaint"),
        (11, 11) => Some("Armistice"),
        (12, 25) => Some("Noël"),
        _ => None,
    };
    // Easter-based holidays fall between 23 March and 14 June.
    if fixed.is_some() || !(3..=6).contains(&date.month()) {
        return fixed;
    }
    let easter = easter_sunday(date.year())?;
    let offset = (date - easter).num_days();
    EASTER_BASED.iter().find(|(o, _)| *o == offset).map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn easter_matches_known_dates() {
        // Published dates, not computed here.
        let known = [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2038, 4, 25),
        ];
        for (y, m, d) in known {
            assert_eq!(easter_sunday(y), Some(date(y, m, d)), "Easter {y}");
        }
    }

    #[test]
    fn name_lookup_agrees_with_the_list_every_day() {
        for year in 1990..=2060 {
            let list = french_public_holidays(year);
            assert_eq!(list.len(), 11, "{year}");
            let mut day = date(year, 1, 1);
            while day.year() == year {
                let expected = list.iter().find(|(d, _)| *d == day).map(|(_, n)| *n);
                assert_eq!(french_holiday_name(day), expected, "{day}");
                day = day.succ_opt().expect("in range");
            }
        }
    }
}

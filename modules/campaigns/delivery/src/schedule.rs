//! Recurring run plans: 5-field cron expressions evaluated in a campaign's time zone.
//!
//! Parsing and evaluation are croner's; this module adds the campaign rules (no seconds field,
//! at most one run an hour, the plan must run at all) and a French description for the screen.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use croner::Cron;
use croner::errors::CronError;
use croner::parser::{CronParser, Seconds, Year};

/// The shortest gap allowed between two runs of a plan.
const MIN_GAP: Duration = Duration::hours(1);

/// How many consecutive runs parsing inspects for the minimum gap.
const GAP_SAMPLES: usize = 8;

/// French weekday names, indexed like cron (0 = Sunday).
const WEEKDAYS_FR: [&str; 7] = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

/// French month names, indexed from January.
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Why a run plan was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ScheduleError {
    /// The expression is not a 5-field cron expression croner accepts.
    #[error("invalid cron expression: {detail}")]
    InvalidCron {
        /// What is wrong, in croner's words or ours (English).
        detail: String,
    },
    /// The plan would run more often than once an hour.
    #[error("the plan runs more often than once an hour")]
    TooFrequent,
    /// The plan never runs (e.g. 30 February).
    #[error("the plan never runs")]
    NeverRuns,
}

impl ScheduleError {
    /// The error for the user, in French.
    pub fn message_fr(&self) -> String {
        match self {
            ScheduleError::InvalidCron { detail } => format!(
                "L’expression cron est invalide ({detail}) : il faut 5 champs, minute heure jour mois jour-de-semaine, par exemple « 0 9 * * MON » pour chaque lundi à 09:00."
            ),
            ScheduleError::TooFrequent => {
                "Cette planification s’exécuterait plus d’une fois par heure : une campagne peut partir au plus une fois par heure.".to_string()
            }
            ScheduleError::NeverRuns => {
                "Cette planification ne s’exécute jamais (par exemple un 30 février) : vérifiez le jour et le mois.".to_string()
            }
        }
    }
}

/// A recurring run plan: a parsed cron expression, its source and the time zone it reads in.
#[derive(Clone, Debug)]
pub struct Recurrence {
    cron: Cron,
    source: String,
    zone: Tz,
}

impl Recurrence {
    /// Parses a 5-field cron expression (`"0 9 * * MON"` = Mondays at 09:00), evaluated in
    /// `zone` (Europe/Paris for campaigns). croner's `@daily`-style nicknames are accepted.
    ///
    /// Refuses a seconds (or years) field, a plan running more often than once an hour and a
    /// plan that never runs (30 February).
    pub fn parse(expression: &str, zone: Tz) -> Result<Recurrence, ScheduleError> {
        let source = expression.trim();
        // croner would take 6 or 7 fields as seconds and years; say so plainly instead.
        let fields = source.split_whitespace().count();
        if !source.starts_with('@') && fields != 5 {
            return Err(ScheduleError::InvalidCron {
                detail: format!("expected 5 fields (minute hour day-of-month month day-of-week), found {fields}"),
            });
        }
        let cron = CronParser::builder()
            .seconds(Seconds::Disallowed)
            .year(Year::Disallowed)
            .build()
            .parse(source)
            .map_err(|error| ScheduleError::InvalidCron { detail: error.to_string() })?;
        let recurrence = Recurrence { cron, source: source.to_string(), zone };
        recurrence.check_runs()?;
        Ok(recurrence)
    }

    /// The next run strictly after `after`, `None` if there is none.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut from = after.with_timezone(&self.zone);
        // croner works in whole seconds; a sub-second `after` could in theory yield itself.
        for _ in 0..3 {
            let next = self.cron.find_next_occurrence(&from, false).ok()?;
            if next.with_timezone(&Utc) > after {
                return Some(next.with_timezone(&Utc));
            }
            from = next;
        }
        None
    }

    /// The next `n` runs strictly after `after`, in order (for the screen's preview).
    pub fn upcoming(&self, after: DateTime<Utc>, n: usize) -> Vec<DateTime<Utc>> {
        let mut runs = Vec::with_capacity(n.min(64));
        let mut from = after;
        while runs.len() < n {
            let Some(next) = self.next_after(from) else { break };
            runs.push(next);
            from = next;
        }
        runs
    }

    /// The expression as given (trimmed).
    pub fn expression(&self) -> &str {
        &self.source
    }

    /// The time zone the expression is read in.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// A short French description for the common shapes ("chaque lundi à 09:00",
    /// "chaque jour à 08:30", "le 1er de chaque mois à 10:00"), or the expression itself.
    pub fn describe_fr(&self) -> String {
        describe_fr(&self.cron).unwrap_or_else(|| self.source.clone())
    }

    /// Refuses plans that never run or run more than once an hour.
    fn check_runs(&self) -> Result<(), ScheduleError> {
        if never_runs(&self.cron) {
            return Err(ScheduleError::NeverRuns);
        }
        // Two minute values always fall in the same hour somewhere.
        if self.cron.pattern.minutes.values().len() != 1 {
            return Err(ScheduleError::TooFrequent);
        }
        // Without a year field a plan repeats with the 400-year calendar, so any fixed
        // reference tells whether it runs; a fixed one keeps parsing deterministic.
        let reference = self.zone.from_utc_datetime(&DateTime::UNIX_EPOCH.naive_utc());
        let mut previous = match self.cron.find_next_occurrence(&reference, false) {
            Ok(first) => first,
            Err(CronError::TimeSearchLimitExceeded) => return Err(ScheduleError::NeverRuns),
            Err(error) => return Err(ScheduleError::InvalidCron { detail: error.to_string() }),
        };
        // Hours and days can still bring runs closer than an hour (e.g. around DST changes).
        for _ in 1..GAP_SAMPLES {
            let Ok(next) = self.cron.find_next_occurrence(&previous, false) else { break };
            if next.signed_duration_since(previous) < MIN_GAP {
                return Err(ScheduleError::TooFrequent);
            }
            previous = next;
        }
        Ok(())
    }
}

/// Whether the day fields can never match, decided without a search for the plain shapes:
/// a day of month that no chosen month has (30 February, 31 April). croner would otherwise
/// walk day by day up to its year 5000 limit.
fn never_runs(cron: &Cron) -> bool {
    let pattern = &cron.pattern;
    // A weekday matches in every month, unless both fields must match together.
    let days_only = !pattern.is_dom_wildcard() && pattern.is_dow_wildcard();
    if !days_only || pattern.days.has_modifiers() || pattern.months.has_modifiers() {
        return false;
    }
    let days = pattern.days.values();
    pattern.months.values().into_iter().all(|month| {
        let longest = match month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        days.iter().all(|&day| day > longest)
    })
}

/// The French description of the common shapes, `None` for the others.
fn describe_fr(cron: &Cron) -> Option<String> {
    let pattern = &cron.pattern;
    let components = [&pattern.minutes, &pattern.hours, &pattern.days, &pattern.months, &pattern.days_of_week];
    if components.iter().any(|component| component.has_modifiers()) {
        return None;
    }
    let [minute] = pattern.minutes.values()[..] else { return None };
    let days = describe_days_fr(cron)?;
    let hours = pattern.hours.values();
    if hours.len() == 24 {
        let every_hour = format!("toutes les heures, à la minute {minute:02}");
        return Some(if days == "chaque jour" { every_hour } else { format!("{days}, {every_hour}") });
    }
    if hours.len() > 6 {
        return None;
    }
    let times: Vec<String> = hours.iter().map(|hour| format!("{hour:02}:{minute:02}")).collect();
    Some(format!("{days} à {}", join_fr(&times)))
}

/// The French description of the days a plan runs on, `None` for the uncommon shapes.
fn describe_days_fr(cron: &Cron) -> Option<String> {
    let pattern = &cron.pattern;
    let every_month = pattern.months.values().len() == 12;
    let weekdays = pattern.days_of_week.values();
    match (pattern.is_dom_wildcard(), pattern.is_dow_wildcard()) {
        (true, true) if every_month => Some("chaque jour".to_string()),
        (true, false) if every_month => {
            if weekdays.len() == 7 {
                Some("chaque jour".to_string())
            } else if weekdays == [1, 2, 3, 4, 5] {
                Some("du lundi au vendredi".to_string())
            } else {
                let names: Vec<String> = weekdays
                    .iter()
                    .filter_map(|&day| WEEKDAYS_FR.get(usize::from(day)))
                    .map(|n| n.to_string())
                    .collect();
                Some(format!("chaque {}", join_fr(&names)))
            }
        }
        (false, true) => {
            let days: Vec<String> = pattern.days.values().iter().map(|&day| day_fr(day)).collect();
            let article = if days.len() == 1 { "le" } else { "les" };
            let months = pattern.months.values();
            if every_month {
                Some(format!("{article} {} de chaque mois", join_fr(&days)))
            } else if let ([month], [_]) = (&months[..], &days[..]) {
                let name = MONTHS_FR.get(usize::from(*month).checked_sub(1)?)?;
                Some(format!("le {} {name} de chaque année", days[0]))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A day of month as French writes it: "1er", then plain numbers.
fn day_fr(day: u16) -> String {
    if day == 1 { "1er".to_string() } else { day.to_string() }
}

/// Joins words the French way: "a", "a et b", "a, b et c".
fn join_fr(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [only] => only.clone(),
        [head @ .., last] => format!("{} et {last}", head.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use chrono_tz::Europe::Paris;

    fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Paris.with_ymd_and_hms(y, m, d, h, min, 0).earliest().unwrap().with_timezone(&Utc)
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn plan(expression: &str) -> Recurrence {
        Recurrence::parse(expression, Paris).unwrap()
    }

    #[test]
    fn mondays_at_nine() {
        let mondays = plan("0 9 * * MON");
        assert_eq!(mondays.expression(), "0 9 * * MON");
        // From Tuesday 2026-12-01 10:00 Paris.
        assert_eq!(mondays.next_after(paris(2026, 12, 1, 10, 0)), Some(utc(2026, 12, 7, 8, 0)));
    }

    #[test]
    fn next_is_strictly_after() {
        let daily = plan("0 9 * * *");
        let nine = paris(2026, 12, 1, 9, 0);
        assert_eq!(daily.next_after(nine), Some(paris(2026, 12, 2, 9, 0)));
        let just_before = nine - Duration::milliseconds(500);
        assert_eq!(daily.next_after(just_before), Some(nine));
    }

    #[test]
    fn daily_keeps_local_time_across_dst() {
        let daily = plan("0 9 * * *");
        // Spring forward on 2027-03-28, fall back on 2026-10-25.
        for (start, first_utc_hour) in [(paris(2027, 3, 26, 12, 0), 8), (paris(2026, 10, 23, 12, 0), 7)] {
            let runs = daily.upcoming(start, 4);
            assert_eq!(runs.len(), 4);
            assert!(runs.iter().all(|run| run.with_timezone(&Paris).hour() == 9), "{runs:?}");
            assert_eq!(runs[0].hour(), first_utc_hour);
            assert_ne!(runs[0].hour(), runs[3].hour(), "the UTC hour moves with the offset");
        }
    }

    #[test]
    fn upcoming_lists_in_order() {
        let runs = plan("0 10 1 * *").upcoming(paris(2026, 12, 15, 0, 0), 3);
        assert_eq!(runs, vec![paris(2027, 1, 1, 10, 0), paris(2027, 2, 1, 10, 0), paris(2027, 3, 1, 10, 0)]);
        assert!(plan("0 10 1 * *").upcoming(paris(2026, 12, 15, 0, 0), 0).is_empty());
    }

    #[test]
    fn too_frequent_plans_are_refused() {
        for expression in ["* * * * *", "*/30 9 * * *", "0,59 * * * *", "*/5 * * * MON"] {
            assert_eq!(Recurrence::parse(expression, Paris).unwrap_err(), ScheduleError::TooFrequent, "{expression}");
        }
        // Once an hour is the limit, and it is allowed.
        assert!(Recurrence::parse("0 * * * *", Paris).is_ok());
        assert!(Recurrence::parse("@hourly", Paris).is_ok());
        assert!(Recurrence::parse("15 9-10 * * *", Paris).is_ok());
    }

    #[test]
    fn plans_that_never_run_are_refused() {
        for expression in ["0 9 30 2 *", "0 9 31 4,6,9,11 *", "0 9 30-31 2 *"] {
            assert_eq!(Recurrence::parse(expression, Paris).unwrap_err(), ScheduleError::NeverRuns, "{expression}");
        }
        // 29 February runs in leap years.
        assert_eq!(plan("0 9 29 2 *").next_after(paris(2026, 12, 1, 0, 0)), Some(paris(2028, 2, 29, 9, 0)));
        // A weekday in the day-of-week field makes 30 February run ("or" semantics).
        assert!(Recurrence::parse("0 9 30 2 MON", Paris).is_ok());
    }

    #[test]
    fn invalid_expressions_are_refused() {
        for expression in ["bonjour", "", "0 0 9 * * MON", "0 9 * * MON 2027", "61 9 * * *", "0 9 * * LUNDI", "@reboot"]
        {
            let error = Recurrence::parse(expression, Paris).unwrap_err();
            assert!(matches!(error, ScheduleError::InvalidCron { .. }), "{expression}: {error:?}");
        }
        let six = Recurrence::parse("0 0 9 * * MON", Paris).unwrap_err();
        assert!(six.to_string().contains("found 6"), "{six}");
    }

    #[test]
    fn errors_speak_french() {
        let invalid = ScheduleError::InvalidCron { detail: "x".to_string() };
        assert!(invalid.message_fr().starts_with("L’expression cron est invalide"));
        assert!(ScheduleError::TooFrequent.message_fr().contains("une fois par heure"));
        assert!(ScheduleError::NeverRuns.message_fr().contains("30 février"));
    }

    #[test]
    fn french_descriptions() {
        assert_eq!(plan("0 9 * * MON").describe_fr(), "chaque lundi à 09:00");
        assert_eq!(plan("30 8 * * *").describe_fr(), "chaque jour à 08:30");
        assert_eq!(plan("0 10 1 * *").describe_fr(), "le 1er de chaque mois à 10:00");
        assert_eq!(plan("0 9 * * 1-5").describe_fr(), "du lundi au vendredi à 09:00");
        assert_eq!(plan("0 9,14 * * MON,THU").describe_fr(), "chaque lundi et jeudi à 09:00 et 14:00");
        assert_eq!(plan("0 9 1,15 * *").describe_fr(), "les 1er et 15 de chaque mois à 09:00");
        assert_eq!(plan("0 10 14 7 *").describe_fr(), "le 14 juillet de chaque année à 10:00");
        assert_eq!(plan("0 12 * * 0").describe_fr(), "chaque dimanche à 12:00");
        assert_eq!(plan("5 * * * *").describe_fr(), "toutes les heures, à la minute 05");
        // Uncommon shapes fall back to the expression.
        assert_eq!(plan("0 9 L * *").describe_fr(), "0 9 L * *");
        assert_eq!(plan("0 9 1 * MON").describe_fr(), "0 9 1 * MON");
    }
}

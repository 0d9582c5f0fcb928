//! Time comes from a clock the tests can set (sessions, billing months, SLA hours, retention),
//! and calendar dates from the platform's time zone (`Europe/Paris` by default): a day, a
//! month or an age is the one the platform's users live in, not UTC's.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use std::sync::{Arc, RwLock};

/// The platform's time zone unless configured otherwise.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Europe::Paris;

/// The platform clock. Cheap to clone; every clone shares the same time source and zone.
#[derive(Clone, Debug)]
pub struct Clock {
    source: Arc<Source>,
    zone: Tz,
}

#[derive(Debug)]
enum Source {
    System,
    Manual(RwLock<DateTime<Utc>>),
}

impl Clock {
    /// The real time, in the default time zone.
    pub fn system() -> Clock {
        Clock { source: Arc::new(Source::System), zone: DEFAULT_TIME_ZONE }
    }

    /// A clock that only moves when told, starting at `start`.
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Clock { source: Arc::new(Source::Manual(RwLock::new(start))), zone: DEFAULT_TIME_ZONE }
    }

    /// The same time source read in another time zone (configuration: `time_zone`).
    pub fn in_zone(self, zone: Tz) -> Clock {
        Clock { source: self.source, zone }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &*self.source {
            Source::System => Utc::now(),
            Source::Manual(at) => *at.read().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// The platform's time zone.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// Now, on the platform's wall clock.
    pub fn local_now(&self) -> DateTime<Tz> {
        self.now().with_timezone(&self.zone)
    }

    /// Today's date on the platform's calendar.
    pub fn today(&self) -> NaiveDate {
        self.local_now().date_naive()
    }

    /// The calendar date of an instant on the platform's calendar.
    pub fn date_of(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.zone).date_naive()
    }

    /// The instant a local date and time of the platform's calendar names: the earlier one
    /// when clocks go back, the first instant after the gap when they go forward.
    pub fn from_local(&self, local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
        use chrono::TimeZone;
        let in_zone = |at| self.zone.from_local_datetime(&at).earliest();
        in_zone(local).or_else(|| in_zone(local + Duration::hours(1))).map(|at| at.with_timezone(&Utc))
    }

    /// The first day of the current calendar month.
    pub fn first_of_month(&self) -> NaiveDate {
        let today = self.today();
        today.with_day(1).unwrap_or(today)
    }

    /// Moves a manual clock forward; a system clock ignores it.
    pub fn advance(&self, by: Duration) {
        if let Source::Manual(at) = &*self.source {
            let mut at = at.write().unwrap_or_else(|poisoned| poisoned.into_inner());
            *at += by;
        }
    }

    /// Sets a manual clock; a system clock ignores it.
    pub fn set(&self, to: DateTime<Utc>) {
        if let Source::Manual(at) = &*self.source {
            *at.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let start = Utc::now();
        let clock = Clock::manual(start);
        let other = clock.clone();
        assert_eq!(clock.now(), start);
        other.advance(Duration::minutes(21));
        assert_eq!(clock.now(), start + Duration::minutes(21));
    }

    #[test]
    fn calendar_dates_are_the_platforms_not_utcs() {
        // 23:30 UTC on 31 December is already New Year's Day in Paris (UTC+1 in winter).
        let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap());
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(clock.first_of_month(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        // 22:30 UTC on 30 June is 00:30 on 1 July in Paris (UTC+2 in summer).
        clock.set(Utc.with_ymd_and_hms(2026, 6, 30, 22, 30, 0).unwrap());
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
        let utc = clock.clone().in_zone(chrono_tz::UTC);
        assert_eq!(utc.today(), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
    }
}

//! The support desk's business-hours calendar and its clock.
//!
//! Open time is counted on the wall clock of the calendar's zone, one day at a time:
//! each business day contributes the UTC interval between its opening and closing
//! instants, so a day keeps its 9 h 30 whatever the UTC offset, and the clock skips
//! whole days instead of stepping through minutes.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::SlaError;
use crate::holidays::french_holiday_name;
use crate::local_time::resolve;

/// A day the desk is closed although it is a working weekday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClosedDay {
    pub date: NaiveDate,
    /// Shown to users, e.g. "Pont de l'Ascension".
    pub label: String,
}

/// When the support desk is open: versioned data, stored as JSON.
///
/// ```json
/// {"version":1,"timeZone":"Europe/Paris","opens":"09:00","closes":"18:30",
///  "weekdays":["Mon","Tue","Wed","Thu","Fri"],"publicHolidays":true,
///  "extraClosedDays":[],"removedHolidays":[]}
/// ```
///
/// Deserializing validates (see [`Calendar::validate`]); a calendar built in code
/// should be validated before it is stored. A day is a business day when its weekday
/// is listed, it is not an extra closed day, and it is not a public holiday (when
/// `publicHolidays` is on) unless listed in `removedHolidays`. Removing a holiday
/// never opens a weekend; an extra closed day wins over everything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "CalendarData")]
pub struct Calendar {
    /// Bumped by whoever edits the calendar, so a deadline can name the rules it used.
    pub version: u32,
    /// An IANA zone; a `Tz` cannot hold an unknown one.
    #[serde(serialize_with = "zone::serialize")]
    pub time_zone: Tz,
    #[serde(serialize_with = "wall_time::serialize")]
    pub opens: NaiveTime,
    #[serde(serialize_with = "wall_time::serialize")]
    pub closes: NaiveTime,
    pub weekdays: Vec<Weekday>,
    /// Whether the French public holidays (computed) close the desk.
    pub public_holidays: bool,
    pub extra_closed_days: Vec<ClosedDay>,
    /// Public holidays worked anyway (e.g. Whit Monday as "journée de solidarité").
    pub removed_holidays: Vec<NaiveDate>,
}

const OPENS: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => panic!("09:00 is a valid time"),
};
const CLOSES: NaiveTime = match NaiveTime::from_hms_opt(18, 30, 0) {
    Some(t) => t,
    None => panic!("18:30 is a valid time"),
};

impl Calendar {
    /// Version 1 of the contract's calendar (Annex 2): 9:00 to 18:30, Monday to
    /// Friday, Europe/Paris, French public holidays closed.
    pub fn standard() -> Self {
        Self {
            version: 1,
            time_zone: chrono_tz::Europe::Paris,
            opens: OPENS,
            closes: CLOSES,
            weekdays: vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri],
            public_holidays: true,
            extra_closed_days: Vec::new(),
            removed_holidays: Vec::new(),
        }
    }

    /// Reads and validates calendar JSON.
    pub fn from_json(json: &str) -> Result<Self, SlaError> {
        serde_json::from_str(json).map_err(|e| SlaError::InvalidCalendarData(e.to_string()))
    }

    /// The zone named `name`, or [`SlaError::UnknownTimeZone`].
    pub fn parse_time_zone(name: &str) -> Result<Tz, SlaError> {
        name.parse().map_err(|_| SlaError::UnknownTimeZone(name.to_owned()))
    }

    /// Checks the rules a stored calendar must satisfy: opens before closes, at least
    /// one weekday, labelled extra days, and worked holidays that are holidays. (The
    /// zone is checked when it is parsed, see [`Calendar::parse_time_zone`].)
    pub fn validate(&self) -> Result<(), SlaError> {
        if self.opens >= self.closes {
            return Err(SlaError::OpensNotBeforeCloses { opens: self.opens, closes: self.closes });
        }
        if self.weekdays.is_empty() {
            return Err(SlaError::NoWeekday);
        }
        if let Some(day) = self.extra_closed_days.iter().find(|d| d.label.trim().is_empty()) {
            return Err(SlaError::BlankLabel(day.date));
        }
        if let Some(date) = self.removed_holidays.iter().find(|d| french_holiday_name(**d).is_none()) {
            return Err(SlaError::NotAPublicHoliday(*date));
        }
        Ok(())
    }

    /// Whether the desk works on `date` (a calendar date in the calendar's zone).
    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        self.weekdays.contains(&date.weekday())
            && !self.extra_closed_days.iter().any(|d| d.date == date)
            && !self.closed_for_holiday(date)
    }

    /// Why `date` is closed although it may be a weekday: an extra closed day's label,
    /// else the French name of the public holiday (unless it is worked). Weekends
    /// have no name.
    pub fn holiday_name(&self, date: NaiveDate) -> Option<String> {
        if let Some(day) = self.extra_closed_days.iter().find(|d| d.date == date) {
            return Some(day.label.clone());
        }
        if !self.public_holidays || self.removed_holidays.contains(&date) {
            return None;
        }
        french_holiday_name(date).map(str::to_owned)
    }

    /// Whether the desk is open at `at` (opening instant included, closing excluded).
    pub fn is_open(&self, at: DateTime<Utc>) -> bool {
        let day = self.local_date(at);
        [day.pred_opt(), Some(day)]
            .into_iter()
            .flatten()
            .filter_map(|d| self.open_hours(d))
            .any(|(open, close)| open <= at && at < close)
    }

    /// The opening and closing instants of `date`, or `None` if the desk does not
    /// open that day. A wall-clock time in a DST gap moves to the gap's end; one in
    /// a fold takes its first occurrence.
    pub fn open_hours(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if !self.is_business_day(date) {
            return None;
        }
        let open = resolve(self.time_zone, date.and_time(self.opens))?;
        let close = resolve(self.time_zone, date.and_time(self.closes))?;
        (open < close).then_some((open, close))
    }

    /// `at` if the desk is open then, else its next opening.
    pub fn next_open(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        if self.is_open(at) {
            return at;
        }
        self.walk_days(at, |open, close| (at < close).then(|| open.max(at)))
    }

    /// The instant when `business` of open time has elapsed after `start`; a start
    /// outside opening hours counts from the next opening. A deadline that is used up
    /// exactly at closing time is that closing instant. A zero or negative duration
    /// returns `start`; a calendar that never opens (not valid) returns
    /// `DateTime::<Utc>::MAX_UTC`.
    pub fn add_business_time(&self, start: DateTime<Utc>, business: Duration) -> DateTime<Utc> {
        if business <= Duration::zero() {
            return start;
        }
        let mut remaining = business;
        self.walk_days(start, |open, close| {
            let from = open.max(start);
            if from >= close {
                return None;
            }
            let available = close - from;
            if remaining <= available {
                return Some(from + remaining);
            }
            remaining -= available;
            None
        })
    }

    /// Open time between `from` and `to` (zero if `to` is not after `from`).
    pub fn business_time_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        if to <= from || !self.ever_opens() {
            return Duration::zero();
        }
        let mut total = Duration::zero();
        let last = self.local_date(to);
        let mut day = self.local_date(from);
        day = day.pred_opt().unwrap_or(day);
        while day <= last {
            if let Some((open, close)) = self.open_hours(day) {
                let (s, e) = (open.max(from), close.min(to));
                if s < e {
                    total += e - s;
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        total
    }

    /// Calls `visit` with the opening hours of each business day from the one around
    /// `start` on, until it returns an instant.
    fn walk_days(
        &self,
        start: DateTime<Utc>,
        mut visit: impl FnMut(DateTime<Utc>, DateTime<Utc>) -> Option<DateTime<Utc>>,
    ) -> DateTime<Utc> {
        if !self.ever_opens() {
            return DateTime::<Utc>::MAX_UTC;
        }
        let day = self.local_date(start);
        // The day before too: in a far-east zone its hours may end after `start`'s midnight.
        let mut day = day.pred_opt().unwrap_or(day);
        loop {
            if let Some(found) = self.open_hours(day).and_then(|(o, c)| visit(o, c)) {
                return found;
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => return DateTime::<Utc>::MAX_UTC,
            }
        }
    }

    /// Guards the day loops against an unvalidated calendar that would never open.
    fn ever_opens(&self) -> bool {
        !self.weekdays.is_empty() && self.opens < self.closes
    }

    fn closed_for_holiday(&self, date: NaiveDate) -> bool {
        self.public_holidays && french_holiday_name(date).is_some() && !self.removed_holidays.contains(&date)
    }

    fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.time_zone).date_naive()
    }
}

impl Default for Calendar {
    fn default() -> Self {
        Self::standard()
    }
}

/// The stored shape, validated into a [`Calendar`].
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CalendarData {
    version: u32,
    time_zone: String,
    opens: String,
    closes: String,
    weekdays: Vec<Weekday>,
    public_holidays: bool,
    #[serde(default)]
    extra_closed_days: Vec<ClosedDay>,
    #[serde(default)]
    removed_holidays: Vec<NaiveDate>,
}

impl TryFrom<CalendarData> for Calendar {
    type Error = SlaError;

    fn try_from(data: CalendarData) -> Result<Self, SlaError> {
        let calendar = Calendar {
            version: data.version,
            time_zone: Calendar::parse_time_zone(&data.time_zone)?,
            opens: wall_time::parse(&data.opens)?,
            closes: wall_time::parse(&data.closes)?,
            weekdays: data.weekdays,
            public_holidays: data.public_holidays,
            extra_closed_days: data.extra_closed_days,
            removed_holidays: data.removed_holidays,
        };
        calendar.validate()?;
        Ok(calendar)
    }
}

mod zone {
    use chrono_tz::Tz;
    use serde::Serializer;

    pub(super) fn serialize<S: Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(tz.name())
    }
}

/// Times of day as "09:00" (seconds only when there are some).
mod wall_time {
    use chrono::{NaiveTime, Timelike};
    use serde::Serializer;

    use crate::error::SlaError;

    pub(super) fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        let format = if t.second() == 0 { "%H:%M" } else { "%H:%M:%S" };
        s.collect_str(&t.format(format))
    }

    pub(super) fn parse(text: &str) -> Result<NaiveTime, SlaError> {
        NaiveTime::parse_from_str(text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
            .map_err(|_| SlaError::InvalidTimeOfDay(text.to_owned()))
    }
}

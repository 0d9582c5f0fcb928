//! The crate's one error type.

use chrono::{NaiveDate, NaiveTime};
use thiserror::Error;

/// Why a calendar, a command-line argument or a report input was refused.
///
/// Messages are written for the operator who typed the value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SlaError {
    /// The calendar closes before (or when) it opens.
    #[error("the support desk must open before it closes (opens {opens}, closes {closes})")]
    OpensNotBeforeCloses { opens: NaiveTime, closes: NaiveTime },
    /// The calendar has no working weekday at all.
    #[error("the calendar needs at least one working weekday")]
    NoWeekday,
    /// The zone is not an IANA name known to the compiled-in database.
    #[error("unknown time zone \"{0}\": expected an IANA name such as Europe/Paris")]
    UnknownTimeZone(String),
    /// An opening or closing time is not `HH:MM` (or `HH:MM:SS`).
    #[error("invalid time of day \"{0}\": expected HH:MM such as 09:00")]
    InvalidTimeOfDay(String),
    /// A date listed as a worked holiday is not a French public holiday (a typo, most likely).
    #[error("{0} is listed in removedHolidays but is not a French public holiday")]
    NotAPublicHoliday(NaiveDate),
    /// An extra closed day has an empty label.
    #[error("the extra closed day {0} needs a label")]
    BlankLabel(NaiveDate),
    /// Calendar JSON that does not have the expected shape.
    #[error("invalid calendar data: {0}")]
    InvalidCalendarData(String),
    /// A priority other than P1, P2 or P3.
    #[error("unknown priority \"{0}\": expected P1, P2 or P3")]
    UnknownPriority(String),
    /// A date-time that is not RFC 3339.
    #[error(
        "invalid date-time \"{input}\": expected RFC 3339 with an offset, such as 2026-11-30T17:00:00+01:00 ({reason})"
    )]
    InvalidDateTime { input: String, reason: String },
    /// Histogram buckets whose upper bounds do not strictly increase.
    #[error("histogram bucket bounds must strictly increase ({previous} ms then {next} ms)")]
    BucketsNotIncreasing { previous: u64, next: u64 },
    /// A latency objective's threshold is not one of the histogram's bucket bounds.
    #[error("the histogram needs a bucket bound at exactly {0} ms")]
    MissingBucketBound(u64),
    /// The histogram does not end with the overflow bucket, so slow requests could be lost.
    #[error("the histogram must end with the overflow bucket (upper bound u64::MAX)")]
    MissingOverflowBucket,
    /// Cumulative counts that decrease.
    #[error("cumulative bucket counts must not decrease (at {0} ms)")]
    CountsDecreasing(u64),
    /// Counts too large to add up.
    #[error("bucket counts overflow")]
    CountOverflow,
}

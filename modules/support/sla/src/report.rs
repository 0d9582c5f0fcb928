//! The arithmetic of the monthly service-level report (Annex 2, "Tableau des
//! engagements de services"). Percentages are `f64` in 0–100, for display; whether an
//! objective is met is decided on integers, so 99 % exactly meets 99 %.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::deadline::Priority;
use crate::error::SlaError;
use crate::intervals::{Span, clip, merge, overlap};
use crate::local_time::start_of_day;

/// Availability objective of the web interface and of the API, per month.
pub const AVAILABILITY_OBJECTIVE_PERCENT: u32 = 99;
/// Share of API requests under 500 ms, per 7-day period.
pub const UNDER_500MS_OBJECTIVE_PERCENT: u32 = 98;
/// Share of API requests under 1 s, per 7-day period.
pub const UNDER_1S_OBJECTIVE_PERCENT: u32 = 99;
/// Share of tickets answered in time, per priority and month.
pub const IN_TIME_OBJECTIVE_PERCENT: u32 = 95;

/// Availability measured over a period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AvailabilityFigure {
    /// Time covered by a probe result, excluded windows removed: the denominator.
    pub measured: Duration,
    /// Part of `measured` covered by a "down" result.
    pub down: Duration,
    /// Time of the period (outside excluded windows) that no probe covered: neither up
    /// nor down, reported so that a monitoring gap is visible.
    pub unknown: Duration,
    /// Time of the period inside excluded windows (planned maintenance).
    pub excluded: Duration,
    /// `(measured - down) / measured` in percent; `None` when nothing was measured.
    pub percent: Option<f64>,
    /// At least 99 % (false when nothing was measured: compliance cannot be shown).
    pub meets_objective: bool,
}

/// Availability "24/7 hors période de maintenance planifiée".
pub struct Availability;

impl Availability {
    /// Availability over `period` (`[start, end)`) from periodic probes.
    ///
    /// Each probe result stands for the time from its instant to the next probe,
    /// but for at most `probe_interval`; time no probe stands for is `unknown`, not
    /// down. Of two results at the same instant, "down" counts. Probes before the
    /// period count for the part of their interval inside it. `excluded` windows
    /// (maintenance; they may overlap or stick out of the period) are removed from
    /// both the numerator and the denominator. A non-positive `probe_interval` makes
    /// everything unknown.
    pub fn compute(
        period: (DateTime<Utc>, DateTime<Utc>),
        probes: &[(DateTime<Utc>, bool)],
        excluded: &[(DateTime<Utc>, DateTime<Utc>)],
        probe_interval: Duration,
    ) -> AvailabilityFigure {
        let span_len = if period.1 > period.0 { period.1 - period.0 } else { Duration::zero() };
        let excluded: Vec<Span> = merge(excluded.iter().filter_map(|&window| clip(window, period)).collect());
        let excluded_total: Duration = excluded.iter().map(|(s, e)| *e - *s).sum();

        let mut probes = probes.to_vec();
        // Same instant: "up" sorts first, so the "down" after it is the one that counts.
        probes.sort_unstable_by_key(|&(at, up)| (at, !up));
        let (mut measured, mut down) = (Duration::zero(), Duration::zero());
        for (i, &(at, up)) in probes.iter().enumerate() {
            let mut until =
                at.checked_add_signed(probe_interval.max(Duration::zero())).unwrap_or(DateTime::<Utc>::MAX_UTC);
            if let Some(&(next, _)) = probes.get(i + 1) {
                until = until.min(next);
            }
            let Some(stretch) = clip((at, until), period) else {
                continue;
            };
            let counted = (stretch.1 - stretch.0) - overlap(stretch, &excluded);
            measured += counted;
            if !up {
                down += counted;
            }
        }

        let millis = |d: Duration| i128::from(d.num_milliseconds());
        let up_time = measured - down;
        let measured_any = measured > Duration::zero();
        AvailabilityFigure {
            measured,
            down,
            unknown: span_len - excluded_total - measured,
            excluded: excluded_total,
            percent: measured_any.then(|| percent(millis(up_time), millis(measured))),
            meets_objective: measured_any
                && millis(up_time) * 100 >= millis(measured) * i128::from(AVAILABILITY_OBJECTIVE_PERCENT),
        }
    }
}

fn percent(part: i128, whole: i128) -> f64 {
    // Precision loss is irrelevant for display.
    part as f64 * 100.0 / whole as f64
}

fn meets(part: u64, whole: u64, objective: u32) -> bool {
    u128::from(part) * 100 >= u128::from(whole) * u128::from(objective)
}

/// The upper bound that stands for "slower than every other bucket".
pub const OVERFLOW_BUCKET: u64 = u64::MAX;

/// API requests of a 7-day period, by latency.
///
/// "98 % des requêtes < 500 ms, 99 % < 1 s". With histogram buckets the bound is
/// inclusive (a Prometheus `le` bucket): a request of exactly 500 ms counts as under
/// 500 ms. At millisecond resolution this is the one boundary value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LatencyShare {
    pub total: u64,
    pub under_500ms: u64,
    pub under_1s: u64,
}

impl LatencyShare {
    /// From per-bucket counts: `(upper_bound_ms, count)` where `count` is the number
    /// of requests above the previous bound and up to this one. Bounds strictly
    /// increase, include 500 and 1000, and end with [`OVERFLOW_BUCKET`] so that no
    /// slow request is left out.
    pub fn from_buckets(buckets: &[(u64, u64)]) -> Result<Self, SlaError> {
        check_bounds(buckets)?;
        let sum_up_to = |limit: u64| {
            buckets
                .iter()
                .filter(|(bound, _)| *bound <= limit)
                .try_fold(0u64, |acc, (_, count)| acc.checked_add(*count))
                .ok_or(SlaError::CountOverflow)
        };
        Ok(Self { total: sum_up_to(OVERFLOW_BUCKET)?, under_500ms: sum_up_to(500)?, under_1s: sum_up_to(1000)? })
    }

    /// From cumulative counts, as a Prometheus histogram exposes them: `count` is the
    /// number of requests up to `upper_bound_ms`; the last (overflow) one is the total.
    pub fn from_cumulative_buckets(buckets: &[(u64, u64)]) -> Result<Self, SlaError> {
        check_bounds(buckets)?;
        let mut previous = 0;
        for &(bound, count) in buckets {
            if count < previous {
                return Err(SlaError::CountsDecreasing(bound));
            }
            previous = count;
        }
        let at = |limit: u64| buckets.iter().find(|(bound, _)| *bound == limit).map_or(0, |(_, count)| *count);
        Ok(Self { total: previous, under_500ms: at(500), under_1s: at(1000) })
    }

    /// Percentage of requests under 500 ms; `None` without requests.
    pub fn share_under_500(&self) -> Option<f64> {
        (self.total > 0).then(|| percent(self.under_500ms.into(), self.total.into()))
    }

    /// Percentage of requests under 1 s; `None` without requests.
    pub fn share_under_1s(&self) -> Option<f64> {
        (self.total > 0).then(|| percent(self.under_1s.into(), self.total.into()))
    }

    /// At least 98 % under 500 ms and 99 % under 1 s (true without requests: none was slow).
    pub fn meets_objectives(&self) -> bool {
        meets(self.under_500ms, self.total, UNDER_500MS_OBJECTIVE_PERCENT)
            && meets(self.under_1s, self.total, UNDER_1S_OBJECTIVE_PERCENT)
    }
}

fn check_bounds(buckets: &[(u64, u64)]) -> Result<(), SlaError> {
    for pair in buckets.windows(2) {
        if pair[1].0 <= pair[0].0 {
            return Err(SlaError::BucketsNotIncreasing { previous: pair[0].0, next: pair[1].0 });
        }
    }
    for required in [500, 1000] {
        if !buckets.iter().any(|(bound, _)| *bound == required) {
            return Err(SlaError::MissingBucketBound(required));
        }
    }
    if buckets.last().map(|(bound, _)| *bound) != Some(OVERFLOW_BUCKET) {
        return Err(SlaError::MissingOverflowBucket);
    }
    Ok(())
}

/// The month containing `month` (any day of it), from the 1st at 00:00 Paris time to
/// the next 1st at 00:00.
pub fn month_bounds(month: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    month_bounds_in(month, chrono_tz::Europe::Paris)
}

/// [`month_bounds`] in another zone.
pub fn month_bounds_in(month: NaiveDate, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let first = month.with_day(1).unwrap_or(month);
    let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
    (midnight(tz, first), midnight(tz, next))
}

/// How a month is cut into the 7-day periods of the latency objective.
///
/// Periods start on the month's 1st at 00:00 Paris time and last seven calendar days
/// (local midnights, so a period holding a DST change lasts 167 or 169 hours); the
/// last one runs from the 29th to the end of the month and is shorter (1 to 3 days;
/// none in a 28-day February). Each request thus belongs to exactly one period of
/// exactly one month.
pub fn seven_day_periods(month: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    seven_day_periods_in(month, chrono_tz::Europe::Paris)
}

/// [`seven_day_periods`] in another zone.
pub fn seven_day_periods_in(month: NaiveDate, tz: Tz) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let first = month.with_day(1).unwrap_or(month);
    let Some(next_month) = first.checked_add_months(Months::new(1)) else {
        return Vec::new();
    };
    let mut periods = Vec::with_capacity(5);
    let mut start = first;
    while start < next_month {
        let end = (start + Duration::days(7)).min(next_month);
        periods.push((midnight(tz, start), midnight(tz, end)));
        start = end;
    }
    periods
}

fn midnight(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    start_of_day(tz, date).unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// Tickets of one priority taken in hand within their target, over a month.
///
/// Which priority a ticket counts under (the final one, after requalification) and
/// whether a ticket still waiting past its deadline counts as late are the caller's
/// choices; [`Calendar::in_time`](crate::Calendar::in_time) decides each ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InTimeShare {
    pub priority: Priority,
    pub total: u64,
    pub in_time: u64,
}

impl InTimeShare {
    /// Counts `(priority, answered in time)` outcomes: one entry per priority, P1 first.
    pub fn per_priority(outcomes: impl IntoIterator<Item = (Priority, bool)>) -> [InTimeShare; 3] {
        let mut shares = Priority::ALL.map(|priority| InTimeShare { priority, total: 0, in_time: 0 });
        for (priority, in_time) in outcomes {
            let share = &mut shares[priority as usize];
            share.total += 1;
            share.in_time += u64::from(in_time);
        }
        shares
    }

    /// Percentage answered in time; `None` without tickets.
    pub fn share(&self) -> Option<f64> {
        (self.total > 0).then(|| percent(self.in_time.into(), self.total.into()))
    }

    /// At least 95 % in time (true without tickets).
    pub fn meets_objective(&self) -> bool {
        meets(self.in_time, self.total, IN_TIME_OBJECTIVE_PERCENT)
    }
}

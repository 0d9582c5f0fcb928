//! The arithmetic of the service-level report.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{date, hours, minutes, paris, utc};
use crm360_sla::{
    Availability, InTimeShare, LatencyShare, OVERFLOW_BUCKET, Priority, SlaError, month_bounds, seven_day_periods,
};

fn probes_every_minute(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    down: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Vec<(DateTime<Utc>, bool)> {
    let mut probes = Vec::new();
    let mut at = from;
    while at < to {
        let up = !down.iter().any(|(s, e)| *s <= at && at < *e);
        probes.push((at, up));
        at += Duration::minutes(1);
    }
    probes
}

#[test]
fn availability_with_maintenance_and_a_gap_without_probes() {
    let t0 = utc("2026-07-16T00:00:00Z");
    let period = (t0, t0 + hours(10));
    // Probes 00:00–06:00 and 07:00–10:00 (06:00–07:00: monitoring down, unknown).
    // Down 01:00–01:30, and 02:10–02:20 inside the maintenance window 02:00–03:00.
    let down = [(t0 + hours(1), t0 + minutes(90)), (t0 + minutes(130), t0 + minutes(140))];
    let mut probes = probes_every_minute(t0, t0 + hours(6), &down);
    probes.extend(probes_every_minute(t0 + hours(7), t0 + hours(10), &down));
    let excluded = [(t0 + hours(2), t0 + hours(3))];

    let figure = Availability::compute(period, &probes, &excluded, Duration::minutes(1));
    // Covered 9 h, minus 1 h of maintenance: 8 h measured, 30 min down.
    assert_eq!(figure.measured, hours(8));
    assert_eq!(figure.down, minutes(30));
    assert_eq!(figure.unknown, hours(1));
    assert_eq!(figure.excluded, hours(1));
    assert_eq!(figure.percent, Some(93.75));
    assert!(!figure.meets_objective);
}

#[test]
fn availability_objective_boundary_and_sparse_probes() {
    let t0 = utc("2026-07-01T00:00:00Z");
    let period = (t0, t0 + minutes(100));
    let down = [(t0 + minutes(50), t0 + minutes(51))];
    let probes = probes_every_minute(t0, t0 + minutes(100), &down);
    let figure = Availability::compute(period, &probes, &[], Duration::minutes(1));
    assert_eq!(figure.percent, Some(99.0));
    assert!(figure.meets_objective, "99 % exactly meets 99 %");

    // Probes every 5 min read with a 1-min interval: each stands for 1 min only.
    let sparse: Vec<_> = probes.iter().copied().step_by(5).collect();
    let figure = Availability::compute(period, &sparse, &[], Duration::minutes(1));
    assert_eq!(figure.measured, minutes(20));
    assert_eq!(figure.unknown, minutes(80));

    // No probe at all: nothing measured, objective not shown.
    let figure = Availability::compute(period, &[], &[], Duration::minutes(1));
    assert_eq!(figure.percent, None);
    assert_eq!(figure.unknown, minutes(100));
    assert!(!figure.meets_objective);
}

#[test]
fn availability_probes_outside_the_period_and_simultaneous_results() {
    let t0 = utc("2026-07-01T00:00:00Z");
    let period = (t0, t0 + minutes(10));
    let probes = [
        (t0 - minutes(2), true),             // stands for [-2, -1): outside
        (t0 - Duration::seconds(30), false), // stands for [-30 s, 30 s): 30 s inside
        (t0 + Duration::seconds(30), true),
        (t0 + minutes(5), true),
        (t0 + minutes(5), false), // same instant: down counts
        (t0 + minutes(6), true),
        (t0 + minutes(9), true),
        (t0 + minutes(12), false), // after the period
    ];
    // Maintenance sticking out of the period on the right.
    let excluded = [(t0 + minutes(9), t0 + minutes(20))];
    let figure = Availability::compute(period, &probes, &excluded, Duration::minutes(1));
    // Covered: [0, 30 s) down, [30 s, 1:30) up, [5, 6) down, [6, 7) up; [9, 10) excluded.
    assert_eq!(figure.measured, Duration::seconds(30 + 60 + 60 + 60));
    assert_eq!(figure.down, Duration::seconds(90));
    assert_eq!(figure.excluded, minutes(1));
    assert_eq!(figure.unknown, minutes(9) - Duration::seconds(210));
}

#[test]
fn latency_shares_from_buckets() {
    // Per-bucket counts of one 7-day period (hand-computed expectation):
    // under 500 ms = 6000 + 2500 + 1300 = 9800 of 10 000 = 98 %;
    // under 1 s = 9800 + 150 = 9950 = 99.5 %.
    let buckets = [(100, 6000), (250, 2500), (500, 1300), (1000, 150), (2500, 40), (OVERFLOW_BUCKET, 10)];
    let share = LatencyShare::from_buckets(&buckets).expect("valid buckets");
    assert_eq!(share, LatencyShare { total: 10_000, under_500ms: 9800, under_1s: 9950 });
    assert_eq!(share.share_under_500(), Some(98.0));
    assert_eq!(share.share_under_1s(), Some(99.5));
    assert!(share.meets_objectives());

    // The same histogram as Prometheus exposes it (cumulative).
    let cumulative = [(100, 6000), (250, 8500), (500, 9800), (1000, 9950), (2500, 9990), (OVERFLOW_BUCKET, 10_000)];
    assert_eq!(LatencyShare::from_cumulative_buckets(&cumulative), Ok(share));

    // One more slow request: 9800 of 10 001 is under 98 %.
    let mut slower = buckets;
    slower[5].1 = 11;
    let share = LatencyShare::from_buckets(&slower).expect("valid buckets");
    assert!(!share.meets_objectives());

    // 99 % under 1 s failing alone: 9800 + 90 = 9890 of 10 000.
    let share = LatencyShare::from_buckets(&[(500, 9800), (1000, 90), (OVERFLOW_BUCKET, 110)]).expect("valid buckets");
    assert_eq!(share.share_under_1s(), Some(98.9));
    assert!(!share.meets_objectives());

    let empty = LatencyShare::default();
    assert_eq!(empty.share_under_500(), None);
    assert!(empty.meets_objectives());
}

#[test]
fn latency_bucket_errors() {
    assert_eq!(
        LatencyShare::from_buckets(&[(250, 1), (1000, 1), (OVERFLOW_BUCKET, 1)]),
        Err(SlaError::MissingBucketBound(500))
    );
    assert_eq!(
        LatencyShare::from_buckets(&[(500, 1), (2000, 1), (OVERFLOW_BUCKET, 1)]),
        Err(SlaError::MissingBucketBound(1000))
    );
    assert_eq!(LatencyShare::from_buckets(&[(500, 1), (1000, 1)]), Err(SlaError::MissingOverflowBucket));
    assert_eq!(
        LatencyShare::from_buckets(&[(1000, 1), (500, 1), (OVERFLOW_BUCKET, 1)]),
        Err(SlaError::BucketsNotIncreasing { previous: 1000, next: 500 })
    );
    assert_eq!(
        LatencyShare::from_cumulative_buckets(&[(500, 5), (1000, 4), (OVERFLOW_BUCKET, 6)]),
        Err(SlaError::CountsDecreasing(1000))
    );
    assert_eq!(
        LatencyShare::from_buckets(&[(500, u64::MAX), (1000, 1), (OVERFLOW_BUCKET, 0)]),
        Err(SlaError::CountOverflow)
    );
}

#[test]
fn seven_day_periods_of_a_month() {
    // March 2026: 1–7, 8–14, 15–21, 22–28, 29–31 (the last one holds the spring change).
    let periods = seven_day_periods(date(2026, 3, 17));
    let starts: Vec<_> = periods.iter().map(|(s, _)| *s).collect();
    assert_eq!(starts, [1, 8, 15, 22, 29].map(|d| paris(2026, 3, d, 0, 0)));
    assert_eq!(periods[0].1 - periods[0].0, hours(7 * 24));
    assert_eq!(periods[4], (utc("2026-03-28T23:00:00Z"), utc("2026-03-31T22:00:00Z")));
    assert_eq!(periods[4].1 - periods[4].0, hours(71));
    // Contiguous and covering the month.
    assert!(periods.windows(2).all(|w| w[0].1 == w[1].0));
    assert_eq!((periods[0].0, periods[4].1), month_bounds(date(2026, 3, 1)));

    // October 2026: the fall-back week lasts 169 h.
    let october = seven_day_periods(date(2026, 10, 1));
    assert_eq!(october[3].1 - october[3].0, hours(169));
    // A 28-day February: four full weeks.
    assert_eq!(seven_day_periods(date(2026, 2, 28)).len(), 4);
    assert_eq!(seven_day_periods(date(2028, 2, 1)).len(), 5);
}

#[test]
fn tickets_answered_in_time_per_priority() {
    let outcomes = std::iter::repeat_n((Priority::P1, true), 19).chain([
        (Priority::P1, false),
        (Priority::P2, true),
        (Priority::P2, false),
    ]);
    let [p1, p2, p3] = InTimeShare::per_priority(outcomes);
    assert_eq!((p1.priority, p1.total, p1.in_time), (Priority::P1, 20, 19));
    assert_eq!(p1.share(), Some(95.0));
    assert!(p1.meets_objective());
    assert_eq!(p2.share(), Some(50.0));
    assert!(!p2.meets_objective());
    assert_eq!((p3.total, p3.share()), (0, None));
    assert!(p3.meets_objective());
}

//! Service levels measured by the product itself (Annex 2): every API request's latency is
//! counted into histogram buckets per tenant and hour, in memory, and each instance adds its
//! counts to the shared table every few seconds, so that several instances make one
//! measurement; the report reads the share of requests under 500 ms and under 1 s per 7-day
//! period (objectives 98 % and 99 %), and the share of tickets answered in time per level.

use crate::error::SupportResult;
use crate::model::{Priority, latency_bucket, ticket};
use chrono::{DateTime, DurationRound, NaiveDate, Utc};
use crm360_kernel::{Platform, TenantScope, Why};
use crm360_sla::{InTimeShare, LatencyShare, OVERFLOW_BUCKET};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, QueryFilter};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use uuid::Uuid;

/// The buckets' upper bounds in milliseconds (inclusive); 500 and 1 000 are the objectives'.
pub const BUCKETS_MS: [u64; 8] = [50, 100, 250, 500, 1_000, 2_500, 5_000, OVERFLOW_BUCKET];

fn stored_bound(bound: u64) -> i64 {
    i64::try_from(bound).unwrap_or(i64::MAX)
}

fn read_bound(stored: i64) -> u64 {
    if stored == i64::MAX { OVERFLOW_BUCKET } else { stored as u64 }
}

/// The bucket a latency falls in.
pub fn bucket_of(elapsed: Duration) -> u64 {
    let ms = elapsed.as_millis();
    BUCKETS_MS.into_iter().find(|bound| u128::from(*bound) >= ms).unwrap_or(OVERFLOW_BUCKET)
}

/// The counts of this process not yet added to the shared table: bounded by tenants × hours
/// × buckets between two flushes, whatever the traffic.
#[derive(Debug, Default)]
pub struct LatencyRecorder {
    counts: Mutex<HashMap<(Uuid, DateTime<Utc>, u64), i64>>,
}

impl LatencyRecorder {
    pub fn record(&self, tenant_id: Option<Uuid>, at: DateTime<Utc>, elapsed: Duration) {
        let hour = at.duration_trunc(chrono::Duration::hours(1)).unwrap_or(at);
        let key = (tenant_id.unwrap_or(Uuid::nil()), hour, bucket_of(elapsed));
        let mut counts = self.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *counts.entry(key).or_default() += 1;
    }

    /// Adds the counts to the shared table (`count = count + n`); on failure they are kept
    /// for the next flush.
    pub async fn flush(&self, platform: &Platform) -> SupportResult<usize> {
        let taken: Vec<((Uuid, DateTime<Utc>, u64), i64)> = {
            let mut counts = self.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            counts.drain().collect()
        };
        if taken.is_empty() {
            return Ok(0);
        }
        let db = platform.unscoped(Why::ServiceLevels);
        let result = async {
            let txn = db.begin().await?;
            for ((tenant_id, hour, bound), n) in &taken {
                let row = latency_bucket::ActiveModel {
                    tenant_id: sea_orm::Set(*tenant_id),
                    hour: sea_orm::Set(*hour),
                    le_ms: sea_orm::Set(stored_bound(*bound)),
                    count: sea_orm::Set(*n),
                };
                txn.insert_statement(row)
                    .on_conflict(
                        OnConflict::columns([
                            latency_bucket::Column::TenantId,
                            latency_bucket::Column::Hour,
                            latency_bucket::Column::LeMs,
                        ])
                        .value(latency_bucket::Column::Count, Expr::cust("latency_bucket.count + excluded.count"))
                        .to_owned(),
                    )
                    .exec_without_returning(&txn)
                    .await?;
            }
            txn.commit().await
        }
        .await;
        if let Err(err) = result {
            let mut counts = self.counts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            for (key, n) in taken {
                *counts.entry(key).or_default() += n;
            }
            return Err(err.into());
        }
        Ok(taken.len())
    }
}

/// One 7-day period of the latency report.
#[derive(Clone, Debug, PartialEq)]
pub struct LatencyPeriod {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub share: LatencyShare,
}

/// The month's report of a tenant: latency per 7-day period, tickets answered in time.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceLevels {
    pub month: NaiveDate,
    pub latency: Vec<LatencyPeriod>,
    pub tickets_in_time: [InTimeShare; 3],
}

/// The tenant's service levels for the month of `month` (any day of it).
pub async fn report(scope: &TenantScope, month: NaiveDate) -> SupportResult<ServiceLevels> {
    let month = crm360_sla::month_bounds_in(month, scope.clock().zone()).0;
    let month_day = scope.clock().date_of(month);
    let periods = crm360_sla::seven_day_periods_in(month_day, scope.clock().zone());
    let (start, end) = crm360_sla::month_bounds_in(month_day, scope.clock().zone());
    let txn = scope.begin().await?;
    let rows = txn
        .find::<latency_bucket::Entity>()
        .filter(latency_bucket::Column::Hour.gte(start))
        .filter(latency_bucket::Column::Hour.lt(end))
        .all(&txn)
        .await?;
    let tickets = txn
        .find::<ticket::Entity>()
        .filter(ticket::Column::OpenedAt.gte(start))
        .filter(ticket::Column::OpenedAt.lt(end))
        .all(&txn)
        .await?;
    txn.commit().await?;
    let mut latency = Vec::new();
    for (from, to) in periods {
        let mut buckets: Vec<(u64, u64)> = BUCKETS_MS.iter().map(|b| (*b, 0)).collect();
        for row in rows.iter().filter(|r| r.hour >= from && r.hour < to) {
            let bound = read_bound(row.le_ms);
            if let Some(slot) = buckets.iter_mut().find(|(b, _)| *b == bound) {
                slot.1 += row.count.max(0) as u64;
            }
        }
        let share =
            LatencyShare::from_buckets(&buckets).map_err(|err| crate::error::SupportError::Storage(err.to_string()))?;
        latency.push(LatencyPeriod { from, to, share });
    }
    // A ticket counts under its qualified level: answered by its deadline, or late (also
    // when still unanswered past it).
    let now = scope.now();
    let outcomes = tickets.iter().filter_map(|t| {
        let in_time = match (t.responded_at, t.due_at) {
            (Some(at), Some(due)) => at <= due,
            (Some(_), None) => true,
            (None, Some(due)) if due < now => false,
            _ => return None,
        };
        let level = match t.priority {
            Priority::P1 => crm360_sla::Priority::P1,
            Priority::P2 => crm360_sla::Priority::P2,
            Priority::P3 => crm360_sla::Priority::P3,
        };
        Some((level, in_time))
    });
    Ok(ServiceLevels { month: month_day, latency, tickets_in_time: InTimeShare::per_priority(outcomes) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latencies_fall_in_their_inclusive_bucket() {
        assert_eq!(bucket_of(Duration::from_millis(500)), 500);
        assert_eq!(bucket_of(Duration::from_millis(501)), 1_000);
        assert_eq!(bucket_of(Duration::from_secs(60)), OVERFLOW_BUCKET);
        assert_eq!(read_bound(stored_bound(OVERFLOW_BUCKET)), OVERFLOW_BUCKET);
    }
}

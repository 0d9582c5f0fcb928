//! The audience measurement of contract article 12: the operator counts page views, visits,
//! each client's activity and how often visitors come back. With the user's consent only (the
//! web app sends nothing otherwise), and storing only a random visitor id, the page's route
//! pattern, the time and the tenant: never the user, their IP address or their browser.
//!
//! The measurement is the platform's, across tenants: it goes through
//! `platform.unscoped(Why::AudienceMeasurement)`, and its purge through `Why::RetentionPurge`.
//! Days are those of the platform's calendar (the clock's time zone), not UTC's.

use crate::error::{SupportError, SupportResult};
use crate::model::page_view;
use crate::paths::{PagePath, PathError};
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use crm360_identity::service::tenants;
use crm360_kernel::clock::Clock;
use crm360_kernel::context::Platform;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::unscoped::{Unscoped, Why};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Set};
use std::collections::HashMap;
use uuid::Uuid;

/// A visit ends after this long without a page view.
pub const VISIT_GAP: Duration = Duration::minutes(30);
/// At most this many page views a minute from one visitor (a person clicks far less often).
pub const MAX_PAGE_VIEWS_PER_MINUTE: u64 = 60;
/// Page views are kept 13 months (the CNIL's limit for audience measurement), then purged.
pub const RETENTION_MONTHS: u32 = 13;
/// The longest period the operator's figures cover at once.
pub const MAX_RANGE_DAYS: i64 = 366;
/// How many pages the top list shows.
pub const TOP_PAGES: u64 = 10;
/// A cookie's last-visit date further back than this is not believed.
const MAX_PREVIOUS_VISIT_DAYS: i64 = 400;

/// One page view as the web app reports it.
#[derive(Clone, Debug)]
pub struct PageViewReport {
    pub visitor_id: String,
    pub path: String,
    /// The date of the last visit the measurement cookie remembers, if any.
    pub previous_visit_on: Option<NaiveDate>,
}

/// What recording a page view did.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Recorded {
    pub path: String,
    pub new_visit: bool,
    pub days_since_last_visit: Option<i32>,
}

fn parse_visitor(raw: &str) -> SupportResult<Uuid> {
    // The cookie holds the UUID without dashes; both spellings are accepted, nothing else.
    let raw = raw.trim();
    if raw.len() != 32 && raw.len() != 36 {
        return Err(SupportError::InvalidVisitorId);
    }
    Uuid::try_parse(raw).map_err(|_| SupportError::InvalidVisitorId)
}

fn parse_path(raw: &str) -> SupportResult<PagePath> {
    PagePath::parse(raw).map_err(|err| match err {
        PathError::TooLong => SupportError::TooLong { field: "path", max: crate::paths::MAX_RAW_LENGTH },
        PathError::NotAbsolute => SupportError::InvalidPath("it must start with /"),
        PathError::TooDeep => SupportError::InvalidPath("too many segments"),
    })
}

/// Checks a report without recording it (for callers who are not measured).
pub fn validate(report: &PageViewReport) -> SupportResult<()> {
    parse_visitor(&report.visitor_id)?;
    parse_path(&report.path)?;
    Ok(())
}

/// Whole days since the visitor's previous visit, for a page view that starts a visit: from our
/// own records or, failing them, from the cookie's last-visit date (if believable).
fn days_since_previous_visit(
    today: NaiveDate,
    last: Option<&page_view::Model>,
    previous_visit_on: Option<NaiveDate>,
) -> Option<i32> {
    let days = match (last, previous_visit_on) {
        (Some(last), _) => Some((today - last.day).num_days()),
        (None, Some(previous)) => Some((today - previous).num_days()).filter(|d| *d <= MAX_PREVIOUS_VISIT_DAYS),
        (None, None) => None,
    };
    days.map(|days| days as i32)
}

/// Records a page view of a user of `tenant_id`. A new visit starts after [`VISIT_GAP`]
/// without any page view from the visitor; it notes the days since the visitor's previous
/// visit, from our own records or, failing them, from the cookie's last-visit date.
pub async fn record_page_view(platform: &Platform, tenant_id: Uuid, report: PageViewReport) -> SupportResult<Recorded> {
    let visitor_id = parse_visitor(&report.visitor_id)?;
    let path = parse_path(&report.path)?;
    let db = platform.unscoped(Why::AudienceMeasurement);
    let now = db.now();
    let today = platform.clock().date_of(now);
    if report.previous_visit_on.is_some_and(|previous| previous > today) {
        return Err(SupportError::InvalidPreviousVisit);
    }
    let of_visitor = || {
        db.find::<page_view::Entity>()
            .filter(page_view::Column::TenantId.eq(tenant_id))
            .filter(page_view::Column::VisitorId.eq(visitor_id))
    };
    let last_minute = of_visitor().filter(page_view::Column::At.gt(now - Duration::minutes(1))).count(&db).await?;
    if last_minute >= MAX_PAGE_VIEWS_PER_MINUTE {
        return Err(SupportError::Throttled { retry_after_seconds: 60 });
    }
    let last = of_visitor().order_by_desc(page_view::Column::At).one(&db).await?;
    let new_visit = last.as_ref().is_none_or(|last| now - last.at >= VISIT_GAP);
    let days_since_last_visit =
        if new_visit { days_since_previous_visit(today, last.as_ref(), report.previous_visit_on) } else { None };
    db.insert(page_view::ActiveModel {
        tenant_id: Set(tenant_id),
        visitor_id: Set(visitor_id),
        path: Set(path.as_str().to_owned()),
        at: Set(now),
        day: Set(today),
        new_visit: Set(new_visit),
        days_since_last_visit: Set(days_since_last_visit),
        ..Default::default()
    })
    .await?;
    Ok(Recorded { path: path.as_str().to_owned(), new_visit, days_since_last_visit })
}

/// The instant [`RETENTION_MONTHS`] calendar months before now, on the platform's wall clock:
/// page views before it are purged.
fn retention_cutoff(clock: &Clock) -> DateTime<Utc> {
    let months = Months::new(RETENTION_MONTHS);
    // A wall-clock time that does not exist or is ambiguous 13 months back (a change of daylight
    // saving time) falls back on UTC's, at most an hour apart. Nothing is purged, rather than
    // everything, if the date were out of range.
    clock
        .local_now()
        .checked_sub_months(months)
        .map(|cutoff| cutoff.with_timezone(&Utc))
        .or_else(|| clock.now().checked_sub_months(months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Deletes the page views older than [`RETENTION_MONTHS`], across every tenant; returns how
/// many.
pub async fn purge_old_page_views(platform: &Platform) -> SupportResult<u64> {
    let cutoff = retention_cutoff(platform.clock());
    let db = platform.unscoped(Why::RetentionPurge);
    let purged = db.delete_many::<page_view::Entity>().filter(page_view::Column::At.lt(cutoff)).exec(&db).await?;
    Ok(purged.rows_affected)
}

/// Page views, visits and distinct visitors of a group.
#[derive(Clone, Debug, Default, Eq, PartialEq)]
pub struct Counts {
    pub page_views: i64,
    pub visits: i64,
    pub unique_visitors: i64,
}

#[derive(Clone, Debug, Eq, PartialEq)]
pub struct DayUsage {
    pub day: NaiveDate,
    pub counts: Counts,
}

#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PageUsage {
    pub path: String,
    pub page_views: i64,
    pub unique_visitors: i64,
}

#[derive(Clone, Debug, Eq, PartialEq)]
pub struct TenantUsage {
    pub tenant_id: Uuid,
    pub tenant_name: Option<String>,
    pub counts: Counts,
    /// Days of the period with at least one page view.
    pub active_days: i64,
}

/// How many visits came how long after the visitor's previous one.
#[derive(Clone, Debug, Default, Eq, PartialEq)]
pub struct ReturnFrequency {
    /// Visits of a visitor we had not seen before.
    pub first_visits: i64,
    /// Visits after a previous one the same day.
    pub same_day: i64,
    /// 1 to 7 days after the previous visit.
    pub within_week: i64,
    /// 8 to 30 days after.
    pub within_month: i64,
    /// More than 30 days after.
    pub later: i64,
}

impl ReturnFrequency {
    pub fn visits(&self) -> i64 {
        self.first_visits + self.same_day + self.within_week + self.within_month + self.later
    }

    /// Returning visits whose previous visit was at most `days` days before, as a share of all
    /// visits of the period (0 when there were none).
    pub fn share_within(&self, days: i64) -> f64 {
        let returning = match days {
            ..=0 => self.same_day,
            1..=7 => self.same_day + self.within_week,
            _ => self.same_day + self.within_week + self.within_month,
        };
        if self.visits() == 0 { 0.0 } else { returning as f64 / self.visits() as f64 }
    }
}

/// The operator's figures for a period.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Usage {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub tenant_id: Option<Uuid>,
    pub totals: Counts,
    /// Every day of the period, those without page views included.
    pub days: Vec<DayUsage>,
    pub top_pages: Vec<PageUsage>,
    /// Tenants with page views in the period, the most active first.
    pub tenants: Vec<TenantUsage>,
    pub return_frequency: ReturnFrequency,
}

/// The page views the figures cover: the days `from` to `to` included, of one tenant or all.
#[derive(Copy, Clone, Debug)]
struct Period {
    from: NaiveDate,
    to: NaiveDate,
    tenant_id: Option<Uuid>,
}

impl Period {
    fn select(&self, db: &Unscoped) -> Select<page_view::Entity> {
        let select = db
            .find::<page_view::Entity>()
            .filter(page_view::Column::Day.gte(self.from))
            .filter(page_view::Column::Day.lte(self.to));
        match self.tenant_id {
            Some(tenant_id) => select.filter(page_view::Column::TenantId.eq(tenant_id)),
            None => select,
        }
    }

    fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_days().take_while(|day| *day <= self.to)
    }
}

/// Adds the three counts to a grouped selection.
fn with_counts(select: Select<page_view::Entity>) -> Select<page_view::Entity> {
    select
        .column_as(page_view::Column::Id.count(), "page_views")
        .column_as(Expr::cust("COALESCE(SUM(CASE WHEN new_visit THEN 1 ELSE 0 END), 0)"), "visits")
        .column_as(Expr::cust("COUNT(DISTINCT visitor_id)"), "unique_visitors")
}

fn counts((page_views, visits, unique_visitors): (i64, i64, i64)) -> Counts {
    Counts { page_views, visits, unique_visitors }
}

async fn totals(db: &Unscoped, period: Period) -> SupportResult<Counts> {
    let totals: Option<(i64, i64, i64)> = with_counts(period.select(db).select_only()).into_tuple().one(db).await?;
    Ok(totals.map(counts).unwrap_or_default())
}

/// Every day of the period, those without page views included.
async fn per_day(db: &Unscoped, period: Period) -> SupportResult<Vec<DayUsage>> {
    let rows: Vec<(NaiveDate, i64, i64, i64)> =
        with_counts(period.select(db).select_only().column(page_view::Column::Day))
            .group_by(page_view::Column::Day)
            .into_tuple()
            .all(db)
            .await?;
    let by_day: HashMap<NaiveDate, Counts> = rows.into_iter().map(|(day, p, v, u)| (day, counts((p, v, u)))).collect();
    Ok(period.days().map(|day| DayUsage { day, counts: by_day.get(&day).cloned().unwrap_or_default() }).collect())
}

async fn top_pages(db: &Unscoped, period: Period) -> SupportResult<Vec<PageUsage>> {
    let rows: Vec<(String, i64, i64)> = period
        .select(db)
        .select_only()
        .column(page_view::Column::Path)
        .column_as(page_view::Column::Id.count(), "page_views")
        .column_as(Expr::cust("COUNT(DISTINCT visitor_id)"), "unique_visitors")
        .group_by(page_view::Column::Path)
        .order_by_desc(Expr::cust("COUNT(id)"))
        .order_by_asc(page_view::Column::Path)
        .limit(TOP_PAGES)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(path, page_views, unique_visitors)| PageUsage { path, page_views, unique_visitors })
        .collect())
}

/// The tenants with page views in the period, the most active first, named by the identity
/// module.
async fn per_tenant(db: &Unscoped, scope: &OperatorScope, period: Period) -> SupportResult<Vec<TenantUsage>> {
    let rows: Vec<(Uuid, i64, i64, i64, i64)> =
        with_counts(period.select(db).select_only().column(page_view::Column::TenantId))
            .column_as(Expr::cust("COUNT(DISTINCT day)"), "active_days")
            .group_by(page_view::Column::TenantId)
            .into_tuple()
            .all(db)
            .await?;
    let mut tenants = Vec::with_capacity(rows.len());
    for (tenant_id, p, v, u, active_days) in rows {
        let tenant = tenants::find_tenant(scope, tenant_id).await?;
        tenants.push(TenantUsage {
            tenant_id,
            tenant_name: tenant.map(|t| t.name),
            counts: counts((p, v, u)),
            active_days,
        });
    }
    tenants.sort_by(|a, b| b.counts.page_views.cmp(&a.counts.page_views).then(a.tenant_name.cmp(&b.tenant_name)));
    Ok(tenants)
}

async fn return_frequency(db: &Unscoped, period: Period) -> SupportResult<ReturnFrequency> {
    let gaps: Vec<(Option<i32>, i64)> = period
        .select(db)
        .filter(page_view::Column::NewVisit.eq(true))
        .select_only()
        .column(page_view::Column::DaysSinceLastVisit)
        .column_as(page_view::Column::Id.count(), "visits")
        .group_by(page_view::Column::DaysSinceLastVisit)
        .into_tuple()
        .all(db)
        .await?;
    let mut frequency = ReturnFrequency::default();
    for (days, visits) in gaps {
        let bucket = match days {
            None => &mut frequency.first_visits,
            Some(..=0) => &mut frequency.same_day,
            Some(1..=7) => &mut frequency.within_week,
            Some(8..=30) => &mut frequency.within_month,
            Some(_) => &mut frequency.later,
        };
        *bucket += visits;
    }
    Ok(frequency)
}

/// Page views and visits per day, unique visitors, top pages, activity per tenant and return
/// frequency, over the days `from` to `to` included of the platform's calendar, for all
/// tenants or one.
pub async fn usage(
    platform: &Platform,
    scope: &OperatorScope,
    from: NaiveDate,
    to: NaiveDate,
    tenant_id: Option<Uuid>,
) -> SupportResult<Usage> {
    if to < from || (to - from).num_days() + 1 > MAX_RANGE_DAYS {
        return Err(SupportError::InvalidRange { max_days: MAX_RANGE_DAYS });
    }
    let db = platform.unscoped(Why::AudienceMeasurement);
    let period = Period { from, to, tenant_id };
    Ok(Usage {
        from,
        to,
        tenant_id,
        totals: totals(&db, period).await?,
        days: per_day(&db, period).await?,
        top_pages: top_pages(&db, period).await?,
        tenants: per_tenant(&db, scope, period).await?,
        return_frequency: return_frequency(&db, period).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn retention_counts_months_on_the_platforms_wall_clock() {
        let clock = Clock::manual(Utc.with_ymd_and_hms(2027, 12, 26, 8, 0, 0).unwrap());
        assert_eq!(retention_cutoff(&clock), Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap());
        // 10:00 in Paris in summer (UTC+2) is 10:00 in Paris 13 months earlier, in winter (UTC+1).
        clock.set(Utc.with_ymd_and_hms(2027, 4, 15, 8, 0, 0).unwrap());
        assert_eq!(retention_cutoff(&clock), Utc.with_ymd_and_hms(2026, 3, 15, 9, 0, 0).unwrap());
    }

    #[test]
    fn days_since_the_previous_visit_come_from_our_records_first() {
        let today = date(2026, 11, 27);
        let last = page_view::Model {
            tenant_id: Uuid::nil(),
            id: Uuid::nil(),
            visitor_id: Uuid::nil(),
            path: "/contacts".to_owned(),
            at: Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap(),
            day: date(2026, 11, 26),
            new_visit: true,
            days_since_last_visit: None,
        };
        assert_eq!(days_since_previous_visit(today, Some(&last), Some(date(2026, 11, 1))), Some(1));
        assert_eq!(days_since_previous_visit(today, None, Some(date(2026, 11, 20))), Some(7));
        assert_eq!(days_since_previous_visit(today, None, Some(date(2024, 1, 1))), None, "too far back");
        assert_eq!(days_since_previous_visit(today, None, None), None);
    }

    #[test]
    fn visitor_ids_are_uuids_in_either_spelling() {
        let id = Uuid::new_v4();
        assert_eq!(parse_visitor(&id.simple().to_string()).unwrap(), id);
        assert_eq!(parse_visitor(&id.to_string()).unwrap(), id);
        assert!(parse_visitor("probe-value").is_err());
        assert!(parse_visitor(&format!("{{{id}}}")).is_err());
        assert!(parse_visitor(&format!("urn:uuid:{id}")).is_err());
    }

    #[test]
    fn return_shares_count_returning_visits_over_all_visits() {
        let f = ReturnFrequency { first_visits: 2, same_day: 1, within_week: 3, within_month: 2, later: 2 };
        assert_eq!(f.visits(), 10);
        assert!((f.share_within(7) - 0.4).abs() < 1e-9);
        assert!((f.share_within(30) - 0.6).abs() < 1e-9);
        assert_eq!(ReturnFrequency::default().share_within(7), 0.0);
    }
}

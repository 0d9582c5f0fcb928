//! The support module's GraphQL types.

use crate::model::announcement;
use crate::service::analytics::{Counts, Usage};
use async_graphql::{ID, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

// The states are the model's own types, exposed as they are stored.
pub use crate::model::announcement::{AnnouncementSeverity, AnnouncementStatus};

/// A message of the operator shown at the top of the web app while it is active.
#[derive(SimpleObject, Clone, Debug)]
pub struct Announcement {
    pub id: ID,
    pub severity: AnnouncementSeverity,
    /// The text in French (always given).
    pub text_fr: String,
    /// The text in English; the French one is shown when absent.
    pub text_en: Option<String>,
    pub starts_at: DateTime<Utc>,
    /// The planned end; none: until ended by hand.
    pub ends_at: Option<DateTime<Utc>>,
    /// When the operator ended it by hand.
    pub ended_at: Option<DateTime<Utc>>,
    /// The one tenant it is addressed to; null: every tenant.
    pub tenant_id: Option<ID>,
    pub status: AnnouncementStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Announcement {
    pub fn new(a: announcement::Model, now: DateTime<Utc>) -> Announcement {
        Announcement {
            id: ID(a.id.to_string()),
            severity: a.severity,
            status: a.status(now),
            tenant_id: a.tenant_id.map(|id| ID(id.to_string())),
            text_fr: a.text_fr,
            text_en: a.text_en,
            starts_at: a.starts_at,
            ends_at: a.ends_at,
            ended_at: a.ended_at,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

/// Page views, visits (page views after 30 minutes without any) and distinct visitors.
#[derive(SimpleObject, Clone, Debug)]
pub struct UsageCounts {
    pub page_views: i64,
    pub visits: i64,
    pub unique_visitors: i64,
}

impl From<Counts> for UsageCounts {
    fn from(c: Counts) -> UsageCounts {
        UsageCounts { page_views: c.page_views, visits: c.visits, unique_visitors: c.unique_visitors }
    }
}

/// The figures of one day of the platform's calendar (Europe/Paris).
#[derive(SimpleObject, Clone, Debug)]
pub struct UsageDay {
    pub date: NaiveDate,
    pub page_views: i64,
    pub visits: i64,
    pub unique_visitors: i64,
}

/// A page of the web app (a route pattern such as `/contacts/:id`) and its audience.
#[derive(SimpleObject, Clone, Debug)]
pub struct PageUsage {
    pub path: String,
    pub page_views: i64,
    pub unique_visitors: i64,
}

/// The activity of one client company over the period.
#[derive(SimpleObject, Clone, Debug)]
pub struct TenantUsage {
    pub tenant_id: ID,
    /// Absent when the tenant no longer exists.
    pub tenant_name: Option<String>,
    pub page_views: i64,
    pub visits: i64,
    pub unique_visitors: i64,
    /// Days of the period with at least one page view.
    pub active_days: i64,
}

/// How long after their previous visit visitors came back, over the visits of the period.
#[derive(SimpleObject, Clone, Debug)]
pub struct ReturnFrequency {
    /// Every visit of the period.
    pub visits: i64,
    /// Visits of visitors never seen before.
    pub first_visits: i64,
    /// Visits the same day as the previous one.
    pub same_day: i64,
    /// 1 to 7 days after the previous visit.
    pub within_week: i64,
    /// 8 to 30 days after.
    pub within_month: i64,
    /// More than 30 days after.
    pub later: i64,
    /// Share of the visits (0 to 1) coming back at most 7 days after the previous one.
    pub share_within_7_days: f64,
    /// Share of the visits (0 to 1) coming back at most 30 days after the previous one.
    pub share_within_30_days: f64,
}

/// The audience measurement of a period (contract article 12), from consenting users only.
#[derive(SimpleObject, Clone, Debug)]
pub struct UsageAnalytics {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The tenant the figures are restricted to, if any.
    pub tenant_id: Option<ID>,
    pub totals: UsageCounts,
    /// Every day of the period (the platform's calendar), those without page views included.
    pub days: Vec<UsageDay>,
    /// The most viewed pages, at most ten.
    pub top_pages: Vec<PageUsage>,
    /// Clients with page views in the period, the most active first.
    pub tenants: Vec<TenantUsage>,
    pub return_frequency: ReturnFrequency,
}

impl From<Usage> for UsageAnalytics {
    fn from(u: Usage) -> UsageAnalytics {
        let f = &u.return_frequency;
        let return_frequency = ReturnFrequency {
            visits: f.visits(),
            first_visits: f.first_visits,
            same_day: f.same_day,
            within_week: f.within_week,
            within_month: f.within_month,
            later: f.later,
            share_within_7_days: f.share_within(7),
            share_within_30_days: f.share_within(30),
        };
        UsageAnalytics {
            from: u.from,
            to: u.to,
            tenant_id: u.tenant_id.map(|id| ID(id.to_string())),
            totals: u.totals.into(),
            days: u
                .days
                .into_iter()
                .map(|d| UsageDay {
                    date: d.day,
                    page_views: d.counts.page_views,
                    visits: d.counts.visits,
                    unique_visitors: d.counts.unique_visitors,
                })
                .collect(),
            top_pages: u
                .top_pages
                .into_iter()
                .map(|p| PageUsage { path: p.path, page_views: p.page_views, unique_visitors: p.unique_visitors })
                .collect(),
            tenants: u
                .tenants
                .into_iter()
                .map(|t| TenantUsage {
                    tenant_id: ID(t.tenant_id.to_string()),
                    tenant_name: t.tenant_name,
                    page_views: t.counts.page_views,
                    visits: t.counts.visits,
                    unique_visitors: t.counts.unique_visitors,
                    active_days: t.active_days,
                })
                .collect(),
            return_frequency,
        }
    }
}

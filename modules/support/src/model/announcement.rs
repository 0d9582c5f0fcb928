use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;

/// How serious an announcement is: the banner shows the most serious first.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AnnouncementSeverity {
    /// News, a new feature.
    #[sea_orm(string_value = "INFO")]
    Info,
    /// Something the users should act on or know before they work (shown as an alert).
    #[sea_orm(string_value = "WARNING")]
    Warning,
    /// Planned maintenance outside the weekly window (shown as an alert).
    #[sea_orm(string_value = "MAINTENANCE")]
    Maintenance,
}

impl AnnouncementSeverity {
    /// The banner's order: the most serious first.
    pub fn banner_rank(self) -> u8 {
        match self {
            AnnouncementSeverity::Maintenance => 0,
            AnnouncementSeverity::Warning => 1,
            AnnouncementSeverity::Info => 2,
        }
    }
}

// Computed from the announcement's times ([`Model::status`]), never stored.
/// Where an announcement stands now.
#[derive(async_graphql::Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum AnnouncementStatus {
    /// Its start is still to come.
    Scheduled,
    /// Shown in the banner.
    Active,
    /// Past its end, or ended by the operator.
    Ended,
}

/// A message of the operator shown at the top of the web app while it is active. A platform
/// record: `tenant_id` is its audience, `None` for every tenant.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "announcement")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub severity: AnnouncementSeverity,
    pub text_fr: String,
    pub text_en: Option<String>,
    pub starts_at: DateTimeUtc,
    pub ends_at: Option<DateTimeUtc>,
    /// Set when the operator ends it by hand (before its planned end, if any).
    pub ended_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl Model {
    /// Where this announcement stands at `now`.
    pub fn status(&self, now: DateTime<Utc>) -> AnnouncementStatus {
        if self.ended_at.is_some() || self.ends_at.is_some_and(|end| end <= now) {
            AnnouncementStatus::Ended
        } else if self.starts_at > now {
            AnnouncementStatus::Scheduled
        } else {
            AnnouncementStatus::Active
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

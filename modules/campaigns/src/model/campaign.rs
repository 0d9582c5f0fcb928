use super::{AbWinnerBy, CampaignStatus, Channel, RunPlan, Variant};
use sea_orm::entity::prelude::*;

/// A campaign: a template sent to a segment from a sender, on a run plan.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub channel: Channel,
    pub status: CampaignStatus,
    pub segment_id: Uuid,
    pub template_id: Uuid,
    pub sender_id: Uuid,
    /// Prospecting: consent required, SMS opt-out mention and quiet hours.
    pub marketing: bool,
    pub plan: RunPlan,
    pub scheduled_at: Option<DateTimeUtc>,
    pub cron: Option<String>,
    pub next_run_at: Option<DateTimeUtc>,
    pub runs_started: i32,
    /// A/B test: the variant B template, tried on `ab_share_percent` % of the segment (half
    /// each), the winner decided by `ab_winner_by` after `ab_decide_after_minutes`.
    pub ab_template_id: Option<Uuid>,
    pub ab_share_percent: Option<i32>,
    pub ab_winner_by: Option<AbWinnerBy>,
    pub ab_decide_after_minutes: Option<i32>,
    /// Of the latest run's test.
    pub ab_winner: Option<Variant>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

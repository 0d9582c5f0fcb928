use super::RunStatus;
use sea_orm::entity::prelude::*;

/// One run of a campaign: its ledger was built from the segment as it was at `started_at`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign_run")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub campaign_id: Uuid,
    /// 1 for the first run of the campaign.
    pub number: i32,
    pub status: RunStatus,
    /// The plan's occurrence this run answers (one run per occurrence).
    pub due_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    /// How many send batches its ledger is cut into.
    pub batches: i32,
    /// A/B test: the batches from this one wait for the winner.
    pub held_from_batch: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

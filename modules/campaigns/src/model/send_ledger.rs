use super::{Exclusion, LedgerStatus, Variant};
use sea_orm::entity::prelude::*;

/// One message of one run: a contact of the segment, what became of its message and why.
/// The ground truth of a campaign: created when the run starts, then only moved forward.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "send_ledger")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub run_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub contact_id: Uuid,
    pub campaign_id: Uuid,
    /// The send batch (a durable job) this message belongs to.
    pub batch: i32,
    pub status: LedgerStatus,
    pub exclusion: Option<Exclusion>,
    /// SHA-256 of the normalised address or number.
    pub recipient_hash: Option<String>,
    pub attempts: i32,
    /// Not before this time (SMS quiet hours, a retry after a temporary failure).
    pub not_before: Option<DateTimeUtc>,
    /// The A/B variant, when the campaign tests one (none for the rest until the winner is
    /// known, then the winner).
    pub variant: Option<Variant>,
    pub error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub unsubscribed_at: Option<DateTimeUtc>,
    /// The first open (tracking on).
    pub opened_at: Option<DateTimeUtc>,
    /// The first click on a link (tracking on).
    pub clicked_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

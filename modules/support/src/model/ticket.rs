use super::{ClosedReason, Priority, TicketChannel, TicketKind, TicketStatus};
use sea_orm::entity::prelude::*;

/// A support ticket (Annex 2): one number, a kind, the criticality proposed and qualified,
/// a status, the response deadline measured in business hours.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub number: String,
    pub kind: TicketKind,
    pub proposed_priority: Priority,
    pub priority: Priority,
    pub qualified_at: Option<DateTimeUtc>,
    pub status: TicketStatus,
    pub subject: String,
    pub channel: TicketChannel,
    pub opened_by: Option<Uuid>,
    pub requester_email: String,
    pub assigned_to: Option<Uuid>,
    pub opened_at: DateTimeUtc,
    pub responded_at: Option<DateTimeUtc>,
    pub due_at: Option<DateTimeUtc>,
    pub calendar_version: i64,
    pub workaround_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub closed_reason: Option<ClosedReason>,
    pub waiting_since: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

use sea_orm::entity::prelude::*;

/// One change in the audit trail, append-only: the sealing job chains and signs it. `tenant_id` is `None` for platform-wide operator actions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_entry")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub at: DateTimeUtc,
    pub actor_kind: AuditActorKind,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    pub before: Option<Json>,
    pub after: Option<Json>,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    /// The entry's place in its chain (1, 2, ...), set by the sealing job (`crm360-audit`).
    pub chain_position: Option<i64>,
    /// The hashes the seal wrote: of the personal content (before, after, IP), of the
    /// entry's leaf and of the chain up to it, in hex.
    pub content_hash: Option<String>,
    pub leaf_hash: Option<String>,
    pub chain_hash: Option<String>,
    /// When an erasure cleared the personal content (the leaf stays valid).
    pub redacted_at: Option<DateTimeUtc>,
}

/// Who made a change, as the trail stores it: an actor kind, or nobody authenticated (a
/// refused login, say). An unknown stored value is an error when read, never a default.
#[derive(Copy, Clone, Debug, Eq, PartialEq, EnumIter, DeriveActiveEnum, serde::Serialize, serde::Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuditActorKind {
    #[sea_orm(string_value = "OPERATOR_STAFF")]
    OperatorStaff,
    #[sea_orm(string_value = "TENANT_ADMIN")]
    TenantAdmin,
    #[sea_orm(string_value = "TENANT_USER")]
    TenantUser,
    #[sea_orm(string_value = "API_CLIENT")]
    ApiClient,
    #[sea_orm(string_value = "SYSTEM")]
    System,
    #[sea_orm(string_value = "ANONYMOUS")]
    Anonymous,
}

impl AuditActorKind {
    pub fn of(actor: &crate::actor::Actor) -> AuditActorKind {
        use crate::actor::ActorKind;
        match actor.kind() {
            Some(ActorKind::OperatorStaff) => AuditActorKind::OperatorStaff,
            Some(ActorKind::TenantAdmin) => AuditActorKind::TenantAdmin,
            Some(ActorKind::TenantUser) => AuditActorKind::TenantUser,
            Some(ActorKind::ApiClient) => AuditActorKind::ApiClient,
            Some(ActorKind::System) => AuditActorKind::System,
            None => AuditActorKind::Anonymous,
        }
    }

    /// The actor kind of the API (`None` for nobody authenticated).
    pub fn kind(self) -> Option<crate::actor::ActorKind> {
        use crate::actor::ActorKind;
        match self {
            AuditActorKind::OperatorStaff => Some(ActorKind::OperatorStaff),
            AuditActorKind::TenantAdmin => Some(ActorKind::TenantAdmin),
            AuditActorKind::TenantUser => Some(ActorKind::TenantUser),
            AuditActorKind::ApiClient => Some(ActorKind::ApiClient),
            AuditActorKind::System => Some(ActorKind::System),
            AuditActorKind::Anonymous => None,
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
crate::tenant_owned!(Entity, Column::TenantId);

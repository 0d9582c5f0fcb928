use sea_orm::entity::prelude::*;

/// A signed checkpoint of one chain: its size and Merkle root when sealed. `tenant_id` is
/// `None` for the platform's chain.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_checkpoint")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub chain: String,
    pub size: i64,
    pub root: String,
    pub chain_head: String,
    pub frontier: Json,
    pub signature: String,
    pub public_key: String,
    pub sealed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
crm360_kernel::tenant_owned!(Entity, Column::TenantId);

impl Model {
    pub fn signed(&self) -> crm360_audit_ledger::SignedCheckpoint {
        crm360_audit_ledger::SignedCheckpoint {
            checkpoint: crm360_audit_ledger::Checkpoint {
                chain: self.chain.clone(),
                size: self.size as u64,
                root: self.root.clone(),
                sealed_at: crate::service::seal::timestamp(self.sealed_at),
            },
            signature: self.signature.clone(),
            public_key: self.public_key.clone(),
        }
    }
}

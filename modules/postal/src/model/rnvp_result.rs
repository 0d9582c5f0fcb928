use crm360_address::RnvpStatus;
use sea_orm::entity::prelude::*;

/// The outcome of RNVP for an address.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum AddressStatus {
    /// Conforms; only the formatting the norm requires was applied.
    #[sea_orm(string_value = "VALID")]
    Valid,
    /// Corrected: lines moved, locality or postal code fixed.
    #[sea_orm(string_value = "CORRECTED")]
    Corrected,
    /// Cannot be validated without a person: see the reasons.
    #[sea_orm(string_value = "INVALID")]
    Invalid,
}

impl From<RnvpStatus> for AddressStatus {
    fn from(status: RnvpStatus) -> AddressStatus {
        match status {
            RnvpStatus::Valid => AddressStatus::Valid,
            RnvpStatus::Corrected => AddressStatus::Corrected,
            RnvpStatus::Invalid => AddressStatus::Invalid,
        }
    }
}

/// The RNVP of one contact's address in a run.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rnvp_result")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub run_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub contact_id: Uuid,
    pub line1: String,
    pub line2: String,
    pub line3: String,
    pub line4: String,
    pub line5: String,
    pub line6: String,
    pub status: AddressStatus,
    /// Reason codes joined by `|`.
    pub reasons: String,
    /// When the normalised address was written to the contact.
    pub applied_at: Option<DateTimeUtc>,
}

impl Model {
    pub fn lines(&self) -> [&str; 6] {
        [&self.line1, &self.line2, &self.line3, &self.line4, &self.line5, &self.line6]
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

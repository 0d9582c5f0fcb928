use sea_orm::entity::prelude::*;

/// The tenant's identity as a buyer, printed on its invoices (the legal mentions).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "billing_profile")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    pub legal_name: String,
    pub address_lines: String,
    pub postcode: String,
    pub city: String,
    pub country_code: String,
    pub siren: Option<String>,
    pub vat_number: Option<String>,
    pub invoice_email: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

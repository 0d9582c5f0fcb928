use sea_orm::entity::prelude::*;

/// A person of the tenant's consumer database. Fields follow the contract's list; the postal
/// address is kept as the six lines of AFNOR NF Z10-011 plus postal code, city and country.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub external_id: Option<String>,
    pub civility: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company_name: Option<String>,
    pub job_title: Option<String>,
    pub personal_email: Option<String>,
    pub professional_email: Option<String>,
    pub landline_phone: Option<String>,
    pub mobile_phone: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub address_line3: Option<String>,
    pub address_line4: Option<String>,
    pub address_line5: Option<String>,
    pub address_line6: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub birth_date: Option<Date>,
    pub marital_status: Option<String>,
    pub gender: Option<String>,
    pub nationality: Option<String>,
    pub spoken_language: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

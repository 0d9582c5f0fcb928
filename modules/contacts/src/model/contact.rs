use super::consent::ConsentStatus;
use sea_orm::entity::prelude::*;

/// How a contact is addressed.
#[derive(Copy, Clone, Debug, Eq, PartialEq, EnumIter, DeriveActiveEnum, async_graphql::Enum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum Civility {
    /// Monsieur.
    #[sea_orm(string_value = "MR")]
    Mr,
    /// Madame.
    #[sea_orm(string_value = "MRS")]
    Mrs,
    /// Neutral.
    #[sea_orm(string_value = "MX")]
    Mx,
}

/// A contact's gender.
#[derive(Copy, Clone, Debug, Eq, PartialEq, EnumIter, DeriveActiveEnum, async_graphql::Enum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum Gender {
    #[sea_orm(string_value = "FEMALE")]
    Female,
    #[sea_orm(string_value = "MALE")]
    Male,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// A contact's marital status.
#[derive(Copy, Clone, Debug, Eq, PartialEq, EnumIter, DeriveActiveEnum, async_graphql::Enum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum MaritalStatus {
    #[sea_orm(string_value = "SINGLE")]
    Single,
    #[sea_orm(string_value = "MARRIED")]
    Married,
    /// PACS.
    #[sea_orm(string_value = "CIVIL_PARTNERSHIP")]
    CivilPartnership,
    #[sea_orm(string_value = "DIVORCED")]
    Divorced,
    #[sea_orm(string_value = "WIDOWED")]
    Widowed,
    #[sea_orm(string_value = "SEPARATED")]
    Separated,
}

/// A person of the tenant's consumer database. Fields follow the contract's list; the postal
/// address is kept as the six lines of AFNOR NF Z10-011 plus postal code, city and country.
///
/// Each free-text column that segments, search and sort compare has a folded copy,
/// `<column>_folded` ([`crm360_kernel::text::fold`] of it, NULL when it is): computed in Rust
/// and stored by every writer through [`fill_folded`] (or [`crate::fields::ContactField::set`],
/// which keeps the pair together), so that the comparison is the same on SQLite and PostgreSQL.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub external_id: Option<String>,
    pub civility: Option<Civility>,
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
    pub marital_status: Option<MaritalStatus>,
    pub gender: Option<Gender>,
    pub nationality: Option<String>,
    pub spoken_language: Option<String>,
    pub external_id_folded: Option<String>,
    pub first_name_folded: Option<String>,
    pub last_name_folded: Option<String>,
    pub company_name_folded: Option<String>,
    pub job_title_folded: Option<String>,
    pub personal_email_folded: Option<String>,
    pub professional_email_folded: Option<String>,
    pub address_line1_folded: Option<String>,
    pub address_line2_folded: Option<String>,
    pub address_line3_folded: Option<String>,
    pub address_line4_folded: Option<String>,
    pub address_line5_folded: Option<String>,
    pub address_line6_folded: Option<String>,
    pub city_folded: Option<String>,
    /// The current e-mail consent (NULL without one): a summary of
    /// `contact_consent` kept by `service::consents` for segment counts, not a field.
    pub consent_email: Option<ConsentStatus>,
    /// The current SMS consent, likewise.
    pub consent_sms: Option<ConsentStatus>,
    /// The current postal consent, likewise.
    pub consent_post: Option<ConsentStatus>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Each folded column after the text column it folds (migration
/// `m20261202_100000_contact_folded_columns` adds them; keep both lists equal).
pub const FOLDED: [(Column, Column); 14] = [
    (Column::ExternalId, Column::ExternalIdFolded),
    (Column::FirstName, Column::FirstNameFolded),
    (Column::LastName, Column::LastNameFolded),
    (Column::CompanyName, Column::CompanyNameFolded),
    (Column::JobTitle, Column::JobTitleFolded),
    (Column::PersonalEmail, Column::PersonalEmailFolded),
    (Column::ProfessionalEmail, Column::ProfessionalEmailFolded),
    (Column::AddressLine1, Column::AddressLine1Folded),
    (Column::AddressLine2, Column::AddressLine2Folded),
    (Column::AddressLine3, Column::AddressLine3Folded),
    (Column::AddressLine4, Column::AddressLine4Folded),
    (Column::AddressLine5, Column::AddressLine5Folded),
    (Column::AddressLine6, Column::AddressLine6Folded),
    (Column::City, Column::CityFolded),
];

/// The folded copy of a text column, if it has one.
pub fn folded_of(column: Column) -> Option<Column> {
    use sea_orm::IdenStatic;
    FOLDED.iter().find(|(raw, _)| raw.as_str() == column.as_str()).map(|(_, folded)| *folded)
}

/// Sets `folded` to the fold of `value` (NULL for NULL).
pub(crate) fn set_folded(active: &mut ActiveModel, folded: Column, value: Option<&str>) {
    active.set(folded, crm360_kernel::text::fold_opt(value).into());
}

/// Brings the folded columns of a contact being written in line with its text columns: for
/// each text column of [`FOLDED`] that is `Set` (a value being written, NULL included), its
/// `<column>_folded` is set to [`crm360_kernel::text::fold`] of it; a text column `Unchanged`
/// (read from the database) sets its folded copy only if that one is `NotSet`; a text column
/// `NotSet` leaves its folded copy as it is. Call it on every contact row written, after its
/// text columns are set and before the insert or update.
pub fn fill_folded(active: &mut ActiveModel) {
    use sea_orm::ActiveValue;
    for (raw, folded) in FOLDED {
        let value = match active.get(raw) {
            ActiveValue::Set(value) => value,
            ActiveValue::Unchanged(value) if active.get(folded).is_not_set() => value,
            _ => continue,
        };
        let text = <Option<String> as sea_orm::sea_query::ValueType>::try_from(value).ok().flatten();
        set_folded(active, folded, text.as_deref());
    }
}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

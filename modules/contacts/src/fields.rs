//! The contract's contact fields, in one table: their key, column, validation, and how to read
//! and write them on a contact. Imports, the API, segments and exports all go through it.

use crate::model::contact;
use crate::values::{self, Parsed, Refusal};
use async_graphql::Enum;
use chrono::NaiveDate;
use sea_orm::{ActiveEnum, ActiveValue::Set, sea_query::Value as SqlValue};
use serde::{Deserialize, Serialize};

/// A standard field of a contact (the contract's list, plus the tenant's external id).
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Hash, Ord, PartialOrd, Serialize, Deserialize)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContactField {
    /// The tenant's own identifier of the contact (its key for imports).
    ExternalId,
    Civility,
    FirstName,
    LastName,
    CompanyName,
    JobTitle,
    PersonalEmail,
    ProfessionalEmail,
    /// Landline phone, E.164.
    LandlinePhone,
    /// Mobile phone, E.164.
    MobilePhone,
    /// Postal address line 1 (AFNOR NF Z10-011: recipient).
    AddressLine1,
    /// Postal address line 2 (additional recipient details).
    AddressLine2,
    /// Postal address line 3 (additional delivery point details).
    AddressLine3,
    /// Postal address line 4 (number and street).
    AddressLine4,
    /// Postal address line 5 (additional distribution details, lieu-dit).
    AddressLine5,
    /// Postal address line 6 (postal code and locality, as printed).
    AddressLine6,
    PostalCode,
    City,
    /// ISO 3166-1 alpha-2 country code.
    Country,
    BirthDate,
    MaritalStatus,
    Gender,
    /// ISO 3166-1 alpha-2 country code.
    Nationality,
    /// ISO 639-1 language code.
    SpokenLanguage,
}

/// What the rest of a contact tells about one of its values (see [`ContactField::parse_in`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct FieldContext<'a> {
    /// ISO 3166-1 alpha-2; `None` is France.
    pub country: Option<&'a str>,
    pub postal_code: Option<&'a str>,
    pub city: Option<&'a str>,
}

/// A validated value of a standard field.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Text(String),
    Date(NaiveDate),
}

impl FieldValue {
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            FieldValue::Text(t) => serde_json::Value::String(t.clone()),
            FieldValue::Date(d) => serde_json::Value::String(d.to_string()),
        }
    }

    pub fn display(&self) -> String {
        match self {
            FieldValue::Text(t) => t.clone(),
            FieldValue::Date(d) => d.to_string(),
        }
    }

    pub fn sql(&self) -> SqlValue {
        match self {
            FieldValue::Text(t) => t.clone().into(),
            FieldValue::Date(d) => (*d).into(),
        }
    }
}

/// How a field's values are checked.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum FieldKind {
    Text(usize),
    Email,
    Phone,
    PostalCode,
    Country,
    Language,
    BirthDate,
    Code(&'static str, &'static [(&'static str, &'static [&'static str])]),
}

impl ContactField {
    pub const ALL: [ContactField; 24] = [
        ContactField::ExternalId,
        ContactField::Civility,
        ContactField::FirstName,
        ContactField::LastName,
        ContactField::CompanyName,
        ContactField::JobTitle,
        ContactField::PersonalEmail,
        ContactField::ProfessionalEmail,
        ContactField::LandlinePhone,
        ContactField::MobilePhone,
        ContactField::AddressLine1,
        ContactField::AddressLine2,
        ContactField::AddressLine3,
        ContactField::AddressLine4,
        ContactField::AddressLine5,
        ContactField::AddressLine6,
        ContactField::PostalCode,
        ContactField::City,
        ContactField::Country,
        ContactField::BirthDate,
        ContactField::MaritalStatus,
        ContactField::Gender,
        ContactField::Nationality,
        ContactField::SpokenLanguage,
    ];

    /// The camelCase key, as the API spells the field.
    pub fn key(self) -> &'static str {
        use ContactField::*;
        match self {
            ExternalId => "externalId",
            Civility => "civility",
            FirstName => "firstName",
            LastName => "lastName",
            CompanyName => "companyName",
            JobTitle => "jobTitle",
            PersonalEmail => "personalEmail",
            ProfessionalEmail => "professionalEmail",
            LandlinePhone => "landlinePhone",
            MobilePhone => "mobilePhone",
            AddressLine1 => "addressLine1",
            AddressLine2 => "addressLine2",
            AddressLine3 => "addressLine3",
            AddressLine4 => "addressLine4",
            AddressLine5 => "addressLine5",
            AddressLine6 => "addressLine6",
            PostalCode => "postalCode",
            City => "city",
            Country => "country",
            BirthDate => "birthDate",
            MaritalStatus => "maritalStatus",
            Gender => "gender",
            Nationality => "nationality",
            SpokenLanguage => "spokenLanguage",
        }
    }

    pub fn from_key(key: &str) -> Option<ContactField> {
        ContactField::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn column(self) -> contact::Column {
        use ContactField::*;
        use contact::Column as C;
        match self {
            ExternalId => C::ExternalId,
            Civility => C::Civility,
            FirstName => C::FirstName,
            LastName => C::LastName,
            CompanyName => C::CompanyName,
            JobTitle => C::JobTitle,
            PersonalEmail => C::PersonalEmail,
            ProfessionalEmail => C::ProfessionalEmail,
            LandlinePhone => C::LandlinePhone,
            MobilePhone => C::MobilePhone,
            AddressLine1 => C::AddressLine1,
            AddressLine2 => C::AddressLine2,
            AddressLine3 => C::AddressLine3,
            AddressLine4 => C::AddressLine4,
            AddressLine5 => C::AddressLine5,
            AddressLine6 => C::AddressLine6,
            PostalCode => C::PostalCode,
            City => C::City,
            Country => C::Country,
            BirthDate => C::BirthDate,
            MaritalStatus => C::MaritalStatus,
            Gender => C::Gender,
            Nationality => C::Nationality,
            SpokenLanguage => C::SpokenLanguage,
        }
    }

    /// The column holding the folded form of the field ([`crm360_kernel::text::fold`]), for
    /// the free-text fields that segments, search and sort compare the French way.
    pub fn folded_column(self) -> Option<contact::Column> {
        contact::folded_of(self.column())
    }

    pub fn kind(self) -> FieldKind {
        use ContactField::*;
        match self {
            ExternalId => FieldKind::Text(100),
            Civility => FieldKind::Code("INVALID_CIVILITY", values::CIVILITIES),
            FirstName | LastName => FieldKind::Text(100),
            CompanyName | JobTitle | City => FieldKind::Text(200),
            PersonalEmail | ProfessionalEmail => FieldKind::Email,
            LandlinePhone | MobilePhone => FieldKind::Phone,
            // AFNOR NF Z10-011 allows 38 characters a line once normalised; raw lines may be
            // longer before RNVP, so keep a looser bound here.
            AddressLine1 | AddressLine2 | AddressLine3 | AddressLine4 | AddressLine5 | AddressLine6 => {
                FieldKind::Text(200)
            }
            PostalCode => FieldKind::PostalCode,
            Country | Nationality => FieldKind::Country,
            BirthDate => FieldKind::BirthDate,
            MaritalStatus => FieldKind::Code("INVALID_MARITAL_STATUS", values::MARITAL_STATUSES),
            Gender => FieldKind::Code("INVALID_GENDER", values::GENDERS),
            SpokenLanguage => FieldKind::Language,
        }
    }

    /// Parses a raw value (an empty one clears the field). `country` is the contact's country,
    /// which decides the postal code's form.
    pub fn parse(self, raw: &str, country: Option<&str>, today: NaiveDate) -> Parsed<Option<FieldValue>> {
        let context = FieldContext { country, ..FieldContext::default() };
        self.parse_in(raw, &context, today).map(|(value, _)| value)
    }

    /// Parses a raw value knowing the rest of the contact: its country decides the postal
    /// code's form, its city confirms a French postal code shortened by a spreadsheet (padded
    /// back, the correction returned), its postal code the overseas region of a national
    /// phone number. An empty value clears the field.
    pub fn parse_in(
        self,
        raw: &str,
        context: &FieldContext,
        today: NaiveDate,
    ) -> Parsed<(Option<FieldValue>, Option<values::Correction>)> {
        match self.kind() {
            FieldKind::PostalCode if !raw.trim().is_empty() => {
                let (code, correction) = values::postal_code_in(raw, context.country, context.city)?;
                Ok((Some(FieldValue::Text(code)), correction))
            }
            FieldKind::Phone if !raw.trim().is_empty() => {
                Ok((Some(FieldValue::Text(values::phone_near(raw, context.postal_code)?)), None))
            }
            _ => self.parse_alone(raw, context.country, today).map(|value| (value, None)),
        }
    }

    fn parse_alone(self, raw: &str, country: Option<&str>, today: NaiveDate) -> Parsed<Option<FieldValue>> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        let text = |s: String| Ok(Some(FieldValue::Text(s)));
        match self.kind() {
            FieldKind::Text(max) => text(values::text(raw, max)?),
            FieldKind::Email => text(values::email(raw)?),
            FieldKind::Phone => text(values::phone(raw)?),
            FieldKind::PostalCode => text(values::postal_code(raw, country)?),
            FieldKind::Country => text(values::country(raw)?),
            FieldKind::Language => text(values::language(raw)?),
            FieldKind::BirthDate => Ok(Some(FieldValue::Date(values::birth_date(raw, today)?))),
            FieldKind::Code(reason, table) => text(values::code(raw, reason, table)?),
        }
    }

    /// The field's value on a contact.
    pub fn get(self, c: &contact::Model) -> Option<FieldValue> {
        use ContactField::*;
        let t = |v: &Option<String>| v.clone().map(FieldValue::Text);
        match self {
            ExternalId => t(&c.external_id),
            Civility => code_of(c.civility),
            FirstName => t(&c.first_name),
            LastName => t(&c.last_name),
            CompanyName => t(&c.company_name),
            JobTitle => t(&c.job_title),
            PersonalEmail => t(&c.personal_email),
            ProfessionalEmail => t(&c.professional_email),
            LandlinePhone => t(&c.landline_phone),
            MobilePhone => t(&c.mobile_phone),
            AddressLine1 => t(&c.address_line1),
            AddressLine2 => t(&c.address_line2),
            AddressLine3 => t(&c.address_line3),
            AddressLine4 => t(&c.address_line4),
            AddressLine5 => t(&c.address_line5),
            AddressLine6 => t(&c.address_line6),
            PostalCode => t(&c.postal_code),
            City => t(&c.city),
            Country => t(&c.country),
            BirthDate => c.birth_date.map(FieldValue::Date),
            MaritalStatus => code_of(c.marital_status),
            Gender => code_of(c.gender),
            Nationality => t(&c.nationality),
            SpokenLanguage => t(&c.spoken_language),
        }
    }

    /// Sets the field's value on a contact being written.
    pub fn set(self, c: &mut contact::ActiveModel, value: Option<FieldValue>) -> Result<(), Refusal> {
        use ContactField::*;
        let text = match (&value, self) {
            (Some(FieldValue::Date(d)), BirthDate) => {
                c.birth_date = Set(Some(*d));
                return Ok(());
            }
            (None, BirthDate) => {
                c.birth_date = Set(None);
                return Ok(());
            }
            (Some(FieldValue::Text(t)), _) => Some(t.clone()),
            (None, _) => None,
            (Some(FieldValue::Date(_)), _) => return Err(Refusal::new("INVALID_VALUE", "a date is not a text")),
        };
        // A text column and its folded copy are written together.
        if let Some(folded) = self.folded_column() {
            contact::set_folded(c, folded, text.as_deref());
        }
        match self {
            ExternalId => c.external_id = Set(text),
            Civility => c.civility = Set(coded(text)?),
            FirstName => c.first_name = Set(text),
            LastName => c.last_name = Set(text),
            CompanyName => c.company_name = Set(text),
            JobTitle => c.job_title = Set(text),
            PersonalEmail => c.personal_email = Set(text),
            ProfessionalEmail => c.professional_email = Set(text),
            LandlinePhone => c.landline_phone = Set(text),
            MobilePhone => c.mobile_phone = Set(text),
            AddressLine1 => c.address_line1 = Set(text),
            AddressLine2 => c.address_line2 = Set(text),
            AddressLine3 => c.address_line3 = Set(text),
            AddressLine4 => c.address_line4 = Set(text),
            AddressLine5 => c.address_line5 = Set(text),
            AddressLine6 => c.address_line6 = Set(text),
            PostalCode => c.postal_code = Set(text),
            City => c.city = Set(text),
            Country => c.country = Set(text),
            BirthDate => return Err(Refusal::new("INVALID_VALUE", "a birth date is a date")),
            MaritalStatus => c.marital_status = Set(coded(text)?),
            Gender => c.gender = Set(coded(text)?),
            Nationality => c.nationality = Set(text),
            SpokenLanguage => c.spoken_language = Set(text),
        }
        Ok(())
    }
}

/// A coded field's value (civility, gender, marital status) as its stored code.
fn code_of<E: ActiveEnum<Value = String>>(value: Option<E>) -> Option<FieldValue> {
    value.map(|v| FieldValue::Text(v.to_value()))
}

/// A code (as [`values::code`] gives it) as the field's enum.
fn coded<E: ActiveEnum<Value = String>>(text: Option<String>) -> Result<Option<E>, Refusal> {
    text.map(|code| {
        E::try_from_value(&code).map_err(|_| Refusal::new("INVALID_VALUE", format!("{code:?} is not a known code")))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_distinct_key_that_round_trips() {
        let mut keys: Vec<&str> = ContactField::ALL.iter().map(|f| f.key()).collect();
        for field in ContactField::ALL {
            assert_eq!(ContactField::from_key(field.key()), Some(field));
        }
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), ContactField::ALL.len());
    }

    #[test]
    fn parsing_normalises_or_refuses() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(
            ContactField::MobilePhone.parse("06 12 34 56 78", None, today).unwrap(),
            Some(FieldValue::Text("+33612345678".into()))
        );
        assert_eq!(ContactField::FirstName.parse("  ", None, today).unwrap(), None);
        assert_eq!(ContactField::PostalCode.parse("750", Some("FR"), today).unwrap_err().reason, "INVALID_POSTAL_CODE");
        assert_eq!(ContactField::Civility.parse("Madame", None, today).unwrap(), Some(FieldValue::Text("MRS".into())));
    }

    #[test]
    fn coded_fields_are_stored_as_their_enum_and_read_back_as_their_code() {
        let mut active = contact::ActiveModel::default();
        let code = Some(FieldValue::Text("CIVIL_PARTNERSHIP".into()));
        ContactField::MaritalStatus.set(&mut active, code.clone()).unwrap();
        assert_eq!(active.marital_status, Set(Some(contact::MaritalStatus::CivilPartnership)));
        let refused = ContactField::Gender.set(&mut active, Some(FieldValue::Text("F".into()))).unwrap_err();
        assert_eq!(refused.reason, "INVALID_VALUE");
        for (field, table) in [
            (ContactField::Civility, values::CIVILITIES),
            (ContactField::Gender, values::GENDERS),
            (ContactField::MaritalStatus, values::MARITAL_STATUSES),
        ] {
            for (code, _) in table {
                assert!(field.set(&mut active, Some(FieldValue::Text((*code).into()))).is_ok(), "{code}");
            }
        }
    }
}

//! Export of a segment's contacts to CSV (`;`, UTF-8 with BOM), page by page so that memory
//! stays flat whatever the segment's size. Every export is in the audit trail.
//!
//! The file is for French spreadsheets: headers are French labels (English ones for a user
//! whose language is English), values are French (`M.`, `Mme`, dates `JJ/MM/AAAA`, times in
//! the platform's time zone), and each channel's consent comes with its date and source.
//! Every cell is neutralised against formula injection ([`crm360_kernel::csv::safe_cell`]).

use crate::error::{ContactsError, ContactsResult};
use crate::fields::{ContactField, FieldValue};
use crate::model::contact::{self, Civility, Gender, MaritalStatus};
use crate::service::consents::{self, ConsentChannel, ConsentStatus};
use crate::service::segments::{self, Compiler};
use chrono::{DateTime, NaiveDate, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::csv::safe_cell;
use crm360_kernel::{Clock, TenantScope};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

const PAGE: u64 = 1000;

/// The language of an export's headers.
#[derive(Copy, Clone, Debug, Default, Eq, PartialEq)]
pub enum Language {
    #[default]
    French,
    English,
}

impl Language {
    /// From an HTTP `Accept-Language` header: English when its first choice is English,
    /// French otherwise (and without one).
    pub fn from_accept_language(header: Option<&str>) -> Language {
        let first = header.and_then(|h| h.split(',').next()).map(|l| l.trim().to_ascii_lowercase());
        match first {
            Some(tag) if tag == "en" || tag.starts_with("en-") => Language::English,
            _ => Language::French,
        }
    }
}

/// An export being written: the segment's compiled condition and where it got to.
pub struct Export {
    condition: Condition,
    after: Option<Uuid>,
    done: bool,
    clock: Clock,
}

fn csv_bytes(rows: impl IntoIterator<Item = Vec<String>>) -> ContactsResult<Vec<u8>> {
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    for row in rows {
        out.write_record(row.iter().map(|cell| safe_cell(cell).into_owned()))
            .map_err(|err| ContactsError::Internal(err.to_string()))?;
    }
    out.into_inner().map_err(|err| ContactsError::Internal(err.to_string()))
}

/// A field's column header.
pub fn field_label(field: ContactField, language: Language) -> &'static str {
    use ContactField::*;
    let (fr, en) = match field {
        ExternalId => ("Identifiant externe", "External id"),
        Civility => ("Civilité", "Title"),
        FirstName => ("Prénom", "First name"),
        LastName => ("Nom", "Last name"),
        CompanyName => ("Société", "Company"),
        JobTitle => ("Fonction", "Job title"),
        PersonalEmail => ("E-mail personnel", "Personal email"),
        ProfessionalEmail => ("E-mail professionnel", "Professional email"),
        LandlinePhone => ("Téléphone fixe", "Landline phone"),
        MobilePhone => ("Téléphone mobile", "Mobile phone"),
        AddressLine1 => ("Adresse ligne 1", "Address line 1"),
        AddressLine2 => ("Adresse ligne 2", "Address line 2"),
        AddressLine3 => ("Adresse ligne 3", "Address line 3"),
        AddressLine4 => ("Adresse ligne 4", "Address line 4"),
        AddressLine5 => ("Adresse ligne 5", "Address line 5"),
        AddressLine6 => ("Adresse ligne 6", "Address line 6"),
        PostalCode => ("Code postal", "Postal code"),
        City => ("Ville", "City"),
        Country => ("Pays", "Country"),
        BirthDate => ("Date de naissance", "Birth date"),
        MaritalStatus => ("Situation familiale", "Marital status"),
        Gender => ("Genre", "Gender"),
        Nationality => ("Nationalité", "Nationality"),
        SpokenLanguage => ("Langue parlée", "Spoken language"),
    };
    if language == Language::English { en } else { fr }
}

fn channel_name(channel: ConsentChannel, language: Language) -> &'static str {
    match (channel, language) {
        (ConsentChannel::Email, Language::French) => "e-mail",
        (ConsentChannel::Sms, Language::French) => "SMS",
        (ConsentChannel::Post, Language::French) => "courrier",
        (ConsentChannel::Email, Language::English) => "email",
        (ConsentChannel::Sms, Language::English) => "SMS",
        (ConsentChannel::Post, Language::English) => "post",
    }
}

/// The header row: id, the contract's fields, the creation time, then per channel the
/// consent's status, date and source.
pub fn header(language: Language) -> Vec<String> {
    let english = language == Language::English;
    let mut columns = vec![if english { "Id" } else { "Identifiant" }.to_owned()];
    columns.extend(ContactField::ALL.iter().map(|f| field_label(*f, language).to_owned()));
    columns.push(if english { "Created at" } else { "Date de création" }.to_owned());
    for channel in ConsentChannel::ALL {
        let name = channel_name(channel, language);
        if english {
            columns.extend([
                format!("Consent {name}"),
                format!("Consent {name} date"),
                format!("Consent {name} source"),
            ]);
        } else {
            columns.extend([
                format!("Consentement {name}"),
                format!("Date consentement {name}"),
                format!("Source consentement {name}"),
            ]);
        }
    }
    columns
}

fn french_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn french_time(clock: &Clock, at: DateTime<Utc>) -> String {
    at.with_timezone(&clock.zone()).format("%d/%m/%Y %H:%M").to_string()
}

/// A field's value as a French reader expects it.
pub fn french_value(field: ContactField, c: &contact::Model) -> String {
    match field {
        ContactField::Civility => match c.civility {
            Some(Civility::Mr) => "M.".to_owned(),
            Some(Civility::Mrs) => "Mme".to_owned(),
            Some(Civility::Mx) => "Mx".to_owned(),
            None => String::new(),
        },
        ContactField::Gender => match c.gender {
            Some(Gender::Female) => "Femme".to_owned(),
            Some(Gender::Male) => "Homme".to_owned(),
            Some(Gender::Other) => "Autre".to_owned(),
            None => String::new(),
        },
        ContactField::MaritalStatus => match c.marital_status {
            Some(MaritalStatus::Single) => "Célibataire".to_owned(),
            Some(MaritalStatus::Married) => "Marié(e)".to_owned(),
            Some(MaritalStatus::CivilPartnership) => "Pacsé(e)".to_owned(),
            Some(MaritalStatus::Divorced) => "Divorcé(e)".to_owned(),
            Some(MaritalStatus::Widowed) => "Veuf, veuve".to_owned(),
            Some(MaritalStatus::Separated) => "Séparé(e)".to_owned(),
            None => String::new(),
        },
        _ => match field.get(c) {
            Some(FieldValue::Date(date)) => french_date(date),
            Some(value) => value.display(),
            None => String::new(),
        },
    }
}

fn status_label(status: ConsentStatus) -> &'static str {
    match status {
        ConsentStatus::Granted => "Accordé",
        ConsentStatus::Denied => "Refusé",
    }
}

/// Starts the export of a saved segment, recording it in the audit trail.
pub async fn start(scope: &TenantScope, segment_id: Uuid) -> ContactsResult<(Export, Vec<u8>, String)> {
    start_in(scope, segment_id, Language::French).await
}

/// [`start`] with headers in `language`.
pub async fn start_in(
    scope: &TenantScope,
    segment_id: Uuid,
    language: Language,
) -> ContactsResult<(Export, Vec<u8>, String)> {
    let txn = scope.begin().await?;
    let segment = segments::get_in(&txn, segment_id).await?;
    let node = segments::definition_of(&segment)?;
    let condition = Compiler::within(&txn).await?.compile(&node, "definition")?;
    let count = txn.find::<contact::Entity>().filter(condition.clone()).count(&txn).await?;
    let change = AuditChange::new("segment.export", "segment", segment_id)
        .after(serde_json::json!({ "name": segment.name, "contacts": count }));
    txn.audit(change).await?;
    txn.commit().await?;
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(csv_bytes([header(language)])?);
    let export = Export { condition, after: None, done: false, clock: scope.clock().clone() };
    Ok((export, bytes, segment.name))
}

impl Export {
    /// The next chunk of CSV, or `None` when every contact was written.
    pub async fn next_chunk(&mut self, scope: &TenantScope) -> ContactsResult<Option<Vec<u8>>> {
        if self.done {
            return Ok(None);
        }
        let txn = scope.begin().await?;
        let mut query = txn.find::<contact::Entity>().filter(self.condition.clone());
        if let Some(after) = self.after {
            query = query.filter(contact::Column::Id.gt(after));
        }
        let page = query.order_by_asc(contact::Column::Id).limit(PAGE).all(&txn).await?;
        let ids: Vec<Uuid> = page.iter().map(|c| c.id).collect();
        let consents = consents::of_contacts(&txn, &ids).await?;
        txn.commit().await?;
        if (page.len() as u64) < PAGE {
            self.done = true;
        }
        let Some(last) = page.last() else { return Ok(None) };
        self.after = Some(last.id);
        let rows = page.iter().map(|c| {
            let mut row = vec![c.id.to_string()];
            row.extend(ContactField::ALL.iter().map(|f| french_value(*f, c)));
            row.push(french_time(&self.clock, c.created_at));
            for channel in ConsentChannel::ALL {
                let consent = consents.get(&c.id).and_then(|all| all.iter().find(|k| k.channel == channel));
                match consent {
                    Some(k) => row.extend([
                        status_label(k.status).to_owned(),
                        french_time(&self.clock, k.collected_at),
                        k.source.clone().unwrap_or_default(),
                    ]),
                    None => row.extend([String::new(), String::new(), String::new()]),
                }
            }
            row
        });
        Ok(Some(csv_bytes(rows)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_french_unless_the_reader_asks_for_english() {
        assert_eq!(Language::from_accept_language(None), Language::French);
        assert_eq!(Language::from_accept_language(Some("fr-FR,fr;q=0.9,en;q=0.8")), Language::French);
        assert_eq!(Language::from_accept_language(Some("en-GB,en;q=0.9")), Language::English);
        let french = header(Language::French);
        assert_eq!(&french[..3], ["Identifiant", "Identifiant externe", "Civilité"]);
        assert!(french.contains(&"Date consentement e-mail".to_owned()));
        assert_eq!(header(Language::English)[4], "Last name");
        assert_eq!(french.len(), header(Language::English).len());
    }
}

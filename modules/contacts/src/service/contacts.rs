//! Contacts: validation of every field, create, edit, delete, list with search and filters,
//! and each contact's change history (its entries in the audit trail).

use crate::error::{ContactsError, ContactsResult};
use crate::fields::{ContactField, FieldContext, FieldValue};
use crate::model::{consent, contact, custom_field, custom_value};
use crate::service::contact_sort::ContactPage;
use crate::service::custom_fields::{self, CustomValue};
use crate::service::segments::{Compiler, Node, escape_like};
use crate::values::{self, Refusal};
use chrono::NaiveDate;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::error::UniqueKey;
use crm360_kernel::model::audit_entry;
use crm360_kernel::pagination::Page;
use crm360_kernel::text::fold;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, PaginatorTrait, QueryFilter, Set};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// One external id per contact of a tenant (migration `m20261127_090000_contacts_tables`).
const EXTERNAL_ID_KEY: UniqueKey =
    UniqueKey { name: "contact_external_id", table: "contact", columns: &["tenant_id", "external_id"] };

/// Raw changes to a contact: `None` clears a field, an absent field is left as it is.
#[derive(Clone, Debug, Default)]
pub struct ContactChanges {
    pub fields: Vec<(ContactField, Option<String>)>,
    /// By custom field key.
    pub custom: Vec<(String, Option<String>)>,
}

/// A value refused, with the input field it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub reason: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, refusal: Refusal) -> FieldError {
        FieldError { field: field.into(), reason: refusal.reason, message: refusal.message }
    }

    pub fn into_error(self) -> ContactsError {
        ContactsError::Invalid {
            field: self.field.clone(),
            reason: self.reason,
            message: format!("{}: {}", self.field, self.message),
        }
    }
}

/// Changes that passed validation.
#[derive(Clone, Debug, Default)]
pub struct Validated {
    pub fields: Vec<(ContactField, Option<FieldValue>)>,
    pub custom: Vec<(custom_field::Model, Option<CustomValue>)>,
    /// What validation corrected (a postal code padded back to five digits...), by input
    /// field: to report, as the import reports errors.
    pub corrections: Vec<FieldError>,
}

/// Validates every change; all refusals are reported, none is dropped. `current_country` is
/// the contact's country as stored (`None` for a new contact, or none).
pub fn validate(
    changes: &ContactChanges,
    current_country: Option<&str>,
    definitions: &HashMap<String, custom_field::Model>,
    today: NaiveDate,
) -> Result<Validated, Vec<FieldError>> {
    let current = FieldContext { country: current_country, ..FieldContext::default() };
    validate_in(changes, current, definitions, today)
}

/// [`validate`] knowing the contact as stored (`current`: its country, postal code and city,
/// each overridden by the changes): the country decides the postal code's form, the city
/// confirms a French postal code shortened by a spreadsheet, the postal code the overseas
/// region of a national phone number.
pub fn validate_in(
    changes: &ContactChanges,
    current: FieldContext,
    definitions: &HashMap<String, custom_field::Model>,
    today: NaiveDate,
) -> Result<Validated, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut valid = Validated::default();
    // The country, city and postal code decide how other fields read: take them first.
    let changed = |field: ContactField| -> Option<Option<&str>> {
        changes
            .fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, raw)| raw.as_deref().map(str::trim).filter(|v| !v.is_empty()))
    };
    let country = match changed(ContactField::Country) {
        Some(raw) => raw.and_then(|raw| values::country(raw).ok()),
        None => current.country.map(str::to_owned),
    };
    let context = FieldContext {
        country: country.as_deref(),
        city: changed(ContactField::City).unwrap_or(current.city),
        postal_code: changed(ContactField::PostalCode).unwrap_or(current.postal_code),
    };
    for (field, raw) in &changes.fields {
        match raw {
            None => valid.fields.push((*field, None)),
            Some(raw) => match field.parse_in(raw, &context, today) {
                Ok((value, correction)) => {
                    valid.fields.push((*field, value));
                    if let Some(correction) = correction {
                        valid
                            .corrections
                            .push(FieldError::new(field.key(), Refusal::new(correction.reason, correction.message)));
                    }
                }
                Err(refusal) => errors.push(FieldError::new(field.key(), refusal)),
            },
        }
    }
    for (key, raw) in &changes.custom {
        let Some(definition) = definitions.get(key) else {
            errors.push(FieldError::new(
                format!("customValues.{key}"),
                Refusal::new("UNKNOWN_CUSTOM_FIELD", format!("no custom field has the key {key:?}")),
            ));
            continue;
        };
        match raw {
            None => valid.custom.push((definition.clone(), None)),
            Some(raw) => match custom_fields::parse_value(definition, raw) {
                Ok(value) => valid.custom.push((definition.clone(), value)),
                Err(refusal) => errors.push(FieldError::new(format!("customValues.{key}"), refusal)),
            },
        }
    }
    if errors.is_empty() { Ok(valid) } else { Err(errors) }
}

/// A contact as the audit trail records it: its set fields and custom values.
pub fn snapshot(c: &contact::Model, custom: &BTreeMap<String, String>) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for field in ContactField::ALL {
        if let Some(value) = field.get(c) {
            object.insert(field.key().to_owned(), value.to_json());
        }
    }
    if !custom.is_empty() {
        object.insert("customValues".to_owned(), serde_json::json!(custom));
    }
    serde_json::Value::Object(object)
}

/// What a write did.
#[derive(Clone, Debug)]
pub enum Written {
    Created(contact::Model),
    Updated(contact::Model),
    Unchanged(contact::Model),
}

impl Written {
    pub fn contact(&self) -> &contact::Model {
        match self {
            Written::Created(c) | Written::Updated(c) | Written::Unchanged(c) => c,
        }
    }
}

async fn custom_values_of(
    txn: &TenantTxn,
    contact_id: Uuid,
    definitions: &HashMap<Uuid, String>,
) -> ContactsResult<(HashMap<Uuid, CustomValue>, BTreeMap<String, String>)> {
    let rows =
        txn.find::<custom_value::Entity>().filter(custom_value::Column::ContactId.eq(contact_id)).all(txn).await?;
    let mut by_field = HashMap::new();
    let mut by_key = BTreeMap::new();
    for row in rows {
        if let Some(value) = CustomValue::of(&row) {
            if let Some(key) = definitions.get(&row.field_id) {
                by_key.insert(key.clone(), value.display());
            }
            by_field.insert(row.field_id, value);
        }
    }
    Ok((by_field, by_key))
}

/// The tenant's custom field keys, by field id.
async fn keys_by_field(txn: &TenantTxn) -> ContactsResult<HashMap<Uuid, String>> {
    Ok(custom_fields::list_on(txn).await?.into_iter().map(|d| (d.id, d.key)).collect())
}

/// Creates (`existing` is `None`) or updates a contact within `txn`, with its audit entry.
/// A write that changes nothing writes nothing (imports are idempotent). An external id
/// another contact has is a `CONFLICT` (`EXTERNAL_ID_TAKEN`).
pub async fn write(
    txn: &TenantTxn,
    existing: Option<contact::Model>,
    valid: &Validated,
    action_suffix: &'static str,
) -> ContactsResult<Written> {
    let key_of: HashMap<Uuid, String> = valid.custom.iter().map(|(d, _)| (d.id, d.key.clone())).collect();
    let (old_custom, old_custom_keys) = match &existing {
        Some(c) => custom_values_of(txn, c.id, &keys_by_field(txn).await?).await?,
        None => (HashMap::new(), BTreeMap::new()),
    };
    // A new contact gets its tenant, id and creation time from the transaction.
    let mut active: contact::ActiveModel = match &existing {
        Some(c) => c.clone().into(),
        None => contact::ActiveModel::default(),
    };
    let mut changed = existing.is_none();
    for (field, value) in &valid.fields {
        let before = existing.as_ref().and_then(|c| field.get(c));
        if existing.is_none() || before != *value {
            field.set(&mut active, value.clone()).map_err(|r| FieldError::new(field.key(), r).into_error())?;
            changed = true;
        }
    }
    let mut custom_changes = Vec::new();
    for (definition, value) in &valid.custom {
        if old_custom.get(&definition.id) != value.as_ref() {
            custom_changes.push((definition, value));
        }
    }
    if !changed && custom_changes.is_empty() {
        let contact = existing.ok_or_else(|| ContactsError::Internal("no contact".into()))?;
        return Ok(Written::Unchanged(contact));
    }
    contact::fill_folded(&mut active);
    let saved = if existing.is_some() {
        active.updated_at = Set(txn.now());
        txn.update(active).await
    } else {
        txn.insert(active).await
    };
    let saved = saved.map_err(|err| external_id_taken(err, valid))?;
    for (definition, value) in &custom_changes {
        match value {
            Some(value) => {
                txn.insert_statement(value.row(saved.id, definition.id))
                    .on_conflict(
                        OnConflict::columns([
                            custom_value::Column::TenantId,
                            custom_value::Column::ContactId,
                            custom_value::Column::FieldId,
                        ])
                        .update_columns([
                            custom_value::Column::ValueText,
                            custom_value::Column::ValueFolded,
                            custom_value::Column::ValueNumber,
                            custom_value::Column::ValueDate,
                            custom_value::Column::ValueBool,
                        ])
                        .to_owned(),
                    )
                    .exec_without_returning(txn)
                    .await?;
            }
            None => {
                txn.delete_many::<custom_value::Entity>()
                    .filter(custom_value::Column::ContactId.eq(saved.id))
                    .filter(custom_value::Column::FieldId.eq(definition.id))
                    .exec(txn)
                    .await?;
            }
        }
    }
    let mut new_custom_keys = old_custom_keys.clone();
    for (definition, value) in &custom_changes {
        match value {
            Some(v) => new_custom_keys.insert(key_of[&definition.id].clone(), v.display()),
            None => new_custom_keys.remove(&definition.key),
        };
    }
    let written = match existing {
        Some(before) => {
            let action = if action_suffix == "import" { "contact.import.update" } else { "contact.update" };
            let change = AuditChange::new(action, "contact", saved.id)
                .before(snapshot(&before, &old_custom_keys))
                .after(snapshot(&saved, &new_custom_keys));
            txn.audit(change).await?;
            Written::Updated(saved)
        }
        None => {
            let action = if action_suffix == "import" { "contact.import.create" } else { "contact.create" };
            let change = AuditChange::new(action, "contact", saved.id).after(snapshot(&saved, &new_custom_keys));
            txn.audit(change).await?;
            Written::Created(saved)
        }
    };
    Ok(written)
}

/// The `CONFLICT` of an external id another contact of the tenant has, or the error itself.
fn external_id_taken(err: DbErr, valid: &Validated) -> ContactsError {
    if !EXTERNAL_ID_KEY.violated_by(&err) {
        return err.into();
    }
    let external =
        valid.fields.iter().find_map(|(f, v)| (*f == ContactField::ExternalId).then_some(v.as_ref()).flatten());
    let shown = external.map(FieldValue::display).unwrap_or_default();
    ContactsError::Conflict {
        reason: "EXTERNAL_ID_TAKEN",
        message: format!("another contact has the external id {shown:?}"),
    }
}

fn definitions_by_key(list: Vec<custom_field::Model>) -> HashMap<String, custom_field::Model> {
    list.into_iter().map(|d| (d.key.clone(), d)).collect()
}

pub async fn create(scope: &TenantScope, changes: ContactChanges) -> ContactsResult<contact::Model> {
    Ok(create_corrected(scope, changes).await?.0)
}

/// [`create`], with what validation corrected (a postal code padded back...).
pub async fn create_corrected(
    scope: &TenantScope,
    changes: ContactChanges,
) -> ContactsResult<(contact::Model, Vec<FieldError>)> {
    let txn = scope.begin().await?;
    let definitions = definitions_by_key(custom_fields::list_on(&txn).await?);
    let valid = validate(&changes, None, &definitions, scope.clock().today()).map_err(first_error)?;
    let written = write(&txn, None, &valid, "api").await?;
    txn.commit().await?;
    Ok((written.contact().clone(), valid.corrections))
}

pub async fn update(scope: &TenantScope, id: Uuid, changes: ContactChanges) -> ContactsResult<contact::Model> {
    Ok(update_corrected(scope, id, changes).await?.0)
}

/// [`update`], with what validation corrected.
pub async fn update_corrected(
    scope: &TenantScope,
    id: Uuid,
    changes: ContactChanges,
) -> ContactsResult<(contact::Model, Vec<FieldError>)> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, id).await?;
    let definitions = definitions_by_key(custom_fields::list_on(&txn).await?);
    let current = FieldContext {
        country: before.country.as_deref(),
        postal_code: before.postal_code.as_deref(),
        city: before.city.as_deref(),
    };
    let valid = validate_in(&changes, current, &definitions, scope.clock().today()).map_err(first_error)?;
    let written = write(&txn, Some(before), &valid, "api").await?;
    txn.commit().await?;
    Ok((written.contact().clone(), valid.corrections))
}

fn first_error(errors: Vec<FieldError>) -> ContactsError {
    match errors.into_iter().next() {
        Some(error) => error.into_error(),
        None => ContactsError::Internal("validation failed without an error".into()),
    }
}

/// Deletes a contact with its consents and custom values; the audit entry keeps its last state.
pub async fn delete(scope: &TenantScope, id: Uuid) -> ContactsResult<contact::Model> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, id).await?;
    let (_, custom) = custom_values_of(&txn, id, &keys_by_field(&txn).await?).await?;
    txn.delete_many::<custom_value::Entity>().filter(custom_value::Column::ContactId.eq(id)).exec(&txn).await?;
    txn.delete_many::<consent::Entity>().filter(consent::Column::ContactId.eq(id)).exec(&txn).await?;
    txn.delete_many::<contact::Entity>().filter(contact::Column::Id.eq(id)).exec(&txn).await?;
    txn.audit(AuditChange::new("contact.delete", "contact", id).before(snapshot(&before, &custom))).await?;
    txn.commit().await?;
    Ok(before)
}

pub async fn find(scope: &TenantScope, id: Uuid) -> ContactsResult<Option<contact::Model>> {
    let txn = scope.begin().await?;
    let found = find_in(&txn, id).await?;
    txn.commit().await?;
    Ok(found)
}

pub async fn find_in(txn: &TenantTxn, id: Uuid) -> ContactsResult<Option<contact::Model>> {
    Ok(txn.find::<contact::Entity>().filter(contact::Column::Id.eq(id)).one(txn).await?)
}

/// Many contacts by id, in one query (those that no longer exist are missing).
pub async fn find_many_in(txn: &TenantTxn, ids: &[Uuid]) -> ContactsResult<Vec<contact::Model>> {
    Ok(txn.find::<contact::Entity>().filter(contact::Column::Id.is_in(ids.iter().copied())).all(txn).await?)
}

pub async fn get(scope: &TenantScope, id: Uuid) -> ContactsResult<contact::Model> {
    find(scope, id).await?.ok_or(ContactsError::NotFound("contact"))
}

pub async fn get_in(txn: &TenantTxn, id: Uuid) -> ContactsResult<contact::Model> {
    find_in(txn, id).await?.ok_or(ContactsError::NotFound("contact"))
}

/// The search condition: the start of a name, a company, an e-mail or a city (compared
/// folded, like segments: `LEFÈVRE` finds `Lefèvre`, `saint-etienne` finds `Saint-Étienne`),
/// a phone number, or the start of a postal code. `%` and `_` are plain characters; a control
/// character (a NUL byte included) is refused. `None` for an empty search.
pub fn search_condition(raw: &str) -> ContactsResult<Option<Condition>> {
    if raw.chars().any(char::is_control) {
        return Err(ContactsError::invalid(
            "search",
            "CONTROL_CHARACTERS",
            "a search cannot contain control characters (a NUL byte, a line break...)",
        ));
    }
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let term = fold(raw);
    if term.is_empty() {
        // Only separators (hyphens, apostrophes...): no text starts with them once folded.
        return Ok(Some(Condition::all().add(Expr::val(false))));
    }
    let starts = || LikeExpr::new(format!("{}%", escape_like(&term))).escape('\\');
    let mut any = Condition::any();
    for field in [
        ContactField::LastName,
        ContactField::FirstName,
        ContactField::CompanyName,
        ContactField::PersonalEmail,
        ContactField::ProfessionalEmail,
        ContactField::City,
    ] {
        if let Some(folded) = field.folded_column() {
            any = any.add(Expr::col((contact::Entity, folded)).like(starts()));
        }
    }
    if term.chars().all(|c| c.is_ascii_digit()) && term.len() <= 5 {
        any = any.add(Expr::col((contact::Entity, contact::Column::PostalCode)).like(starts()));
    }
    if let Ok(phone) = values::phone(raw) {
        for column in [contact::Column::MobilePhone, contact::Column::LandlinePhone] {
            any = any.add(Expr::col((contact::Entity, column)).eq(phone.clone()));
        }
    }
    Ok(Some(any))
}

/// A page of contacts matching a search and a filter (a segment tree), in the page's order
/// (see [`crate::service::contact_sort`]), with one row more than the page when a next page exists.
pub async fn list(
    scope: &TenantScope,
    page: impl Into<ContactPage>,
    search: Option<&str>,
    filter: Option<&Node>,
) -> ContactsResult<Vec<contact::Model>> {
    let txn = scope.begin().await?;
    let rows = list_in(&txn, page, search, filter).await?;
    txn.commit().await?;
    Ok(rows)
}

/// [`list`] within the caller's transaction (a page read with its related data).
pub async fn list_in(
    txn: &TenantTxn,
    page: impl Into<ContactPage>,
    search: Option<&str>,
    filter: Option<&Node>,
) -> ContactsResult<Vec<contact::Model>> {
    let page = page.into();
    let mut query = txn.find::<contact::Entity>();
    if let Some(condition) = search.map(search_condition).transpose()?.flatten() {
        query = query.filter(condition);
    }
    if let Some(node) = filter {
        let condition = Compiler::within(txn).await?.compile(node, "filter")?;
        query = query.filter(condition);
    }
    Ok(page.apply(query, txn.get_database_backend()).all(txn).await?)
}

/// A contact's entries in the audit trail, newest first.
pub async fn history(scope: &TenantScope, id: Uuid, page: &Page) -> ContactsResult<Vec<audit_entry::Model>> {
    let txn = scope.begin().await?;
    let query = txn
        .find::<audit_entry::Entity>()
        .filter(audit_entry::Column::TargetType.eq("contact"))
        .filter(audit_entry::Column::TargetId.eq(id.to_string()));
    let entries = page.apply(query, audit_entry::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(entries)
}

/// The custom values of many contacts with their fields, in one query.
pub async fn custom_values_of_contacts(
    txn: &TenantTxn,
    contact_ids: &[Uuid],
) -> ContactsResult<HashMap<Uuid, Vec<(custom_field::Model, CustomValue)>>> {
    let rows = txn
        .find::<custom_value::Entity>()
        .find_also_related(custom_field::Entity)
        .filter(custom_value::Column::ContactId.is_in(contact_ids.iter().copied()))
        .all(txn)
        .await?;
    let mut by_contact: HashMap<Uuid, Vec<(custom_field::Model, CustomValue)>> = HashMap::new();
    for (row, field) in rows {
        if let (Some(field), Some(value)) = (field, CustomValue::of(&row)) {
            by_contact.entry(row.contact_id).or_default().push((field, value));
        }
    }
    for values in by_contact.values_mut() {
        values.sort_by(|a, b| a.0.key.cmp(&b.0.key));
    }
    Ok(by_contact)
}

/// How many contacts the tenant has.
pub async fn count_all(scope: &TenantScope) -> ContactsResult<u64> {
    let txn = scope.begin().await?;
    let count = txn.find::<contact::Entity>().count(&txn).await?;
    txn.commit().await?;
    Ok(count)
}

//! Custom fields ("data referentials"): typed fields the tenant administrator defines for its
//! contacts, and the parsing of their values.

use crate::error::{ContactsError, ContactsResult};
use crate::model::{custom_field, custom_value};
use crate::values;
use chrono::NaiveDate;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::error::UniqueKey;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ColumnTrait, DbErr, PaginatorTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

pub use crate::model::custom_field::CustomFieldKind;

/// One key per custom field of a tenant (migration `m20261127_090000_contacts_tables`).
const FIELD_KEY: UniqueKey =
    UniqueKey { name: "custom_field_key", table: "custom_field", columns: &["tenant_id", "key"] };

/// A parsed custom value.
#[derive(Clone, Debug, PartialEq)]
pub enum CustomValue {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl CustomValue {
    pub fn display(&self) -> String {
        match self {
            CustomValue::Text(t) => t.clone(),
            CustomValue::Number(n) => n.to_string(),
            CustomValue::Date(d) => d.to_string(),
            CustomValue::Bool(b) => b.to_string(),
        }
    }

    pub fn of(row: &custom_value::Model) -> Option<CustomValue> {
        if let Some(t) = &row.value_text {
            return Some(CustomValue::Text(t.clone()));
        }
        if let Some(n) = row.value_number {
            return Some(CustomValue::Number(n));
        }
        if let Some(d) = row.value_date {
            return Some(CustomValue::Date(d));
        }
        row.value_bool.map(CustomValue::Bool)
    }

    /// The value's row (its tenant is stamped by the transaction that writes it).
    pub fn row(&self, contact_id: Uuid, field_id: Uuid) -> custom_value::ActiveModel {
        let (text, number, date, boolean) = match self {
            CustomValue::Text(t) => (Some(t.clone()), None, None, None),
            CustomValue::Number(n) => (None, Some(*n), None, None),
            CustomValue::Date(d) => (None, None, Some(*d), None),
            CustomValue::Bool(b) => (None, None, None, Some(*b)),
        };
        custom_value::ActiveModel {
            contact_id: Set(contact_id),
            field_id: Set(field_id),
            value_folded: Set(crm360_kernel::text::fold_opt(text.as_deref())),
            value_text: Set(text),
            value_number: Set(number),
            value_date: Set(date),
            value_bool: Set(boolean),
            ..Default::default()
        }
    }
}

pub fn options_of(field: &custom_field::Model) -> Vec<String> {
    serde_json::from_value(field.options.clone()).unwrap_or_default()
}

/// Parses a raw value for a field (an empty one clears it).
pub fn parse_value(field: &custom_field::Model, raw: &str) -> values::Parsed<Option<CustomValue>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(match field.kind {
        CustomFieldKind::Text => CustomValue::Text(values::text(raw, 500)?),
        CustomFieldKind::Number => CustomValue::Number(values::number(raw)?),
        CustomFieldKind::Date => CustomValue::Date(values::date(raw)?),
        CustomFieldKind::Boolean => CustomValue::Bool(values::boolean(raw)?),
        CustomFieldKind::ValueList => {
            let folded = values::fold(raw);
            let options = options_of(field);
            match options.iter().find(|o| values::fold(o) == folded) {
                Some(option) => CustomValue::Text(option.clone()),
                None => {
                    return Err(values::Refusal::new(
                        "NOT_IN_LIST",
                        format!("{raw:?} is not one of {}", options.join(", ")),
                    ));
                }
            }
        }
    }))
}

pub struct CustomFieldDraft {
    pub key: String,
    pub label: String,
    pub kind: CustomFieldKind,
    pub options: Vec<String>,
}

fn check_key(key: &str) -> ContactsResult<String> {
    let key = key.trim();
    let ok = key.len() <= 50
        && key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        return Err(ContactsError::invalid(
            "key",
            "INVALID_KEY",
            "a key is 1 to 50 characters: lower-case letters, digits and _, starting with a letter",
        ));
    }
    Ok(key.to_owned())
}

fn check_label(label: &str) -> ContactsResult<String> {
    let label = values::text(label, 100).map_err(|r| ContactsError::invalid("label", r.reason, r.message))?;
    if label.is_empty() {
        return Err(ContactsError::invalid("label", "REQUIRED", "a custom field needs a label"));
    }
    Ok(label)
}

fn check_options(kind: CustomFieldKind, options: &[String]) -> ContactsResult<Vec<String>> {
    if kind != CustomFieldKind::ValueList {
        if !options.is_empty() {
            return Err(ContactsError::invalid("options", "OPTIONS_NOT_ALLOWED", "only value lists have options"));
        }
        return Ok(vec![]);
    }
    let mut clean: Vec<String> = Vec::new();
    for (i, option) in options.iter().enumerate() {
        let option = values::text(option, 100)
            .map_err(|r| ContactsError::invalid(format!("options[{i}]"), r.reason, r.message))?;
        if option.is_empty() || clean.iter().any(|o| values::fold(o) == values::fold(&option)) {
            return Err(ContactsError::invalid(
                format!("options[{i}]"),
                "DUPLICATE_OR_EMPTY",
                "options are distinct and not empty",
            ));
        }
        clean.push(option);
    }
    if clean.is_empty() {
        return Err(ContactsError::invalid("options", "REQUIRED", "a value list needs options"));
    }
    Ok(clean)
}

fn snapshot(f: &custom_field::Model) -> serde_json::Value {
    serde_json::json!({ "key": f.key, "label": f.label, "kind": f.kind, "options": f.options })
}

pub async fn list(scope: &TenantScope) -> ContactsResult<Vec<custom_field::Model>> {
    let txn = scope.begin().await?;
    let fields = list_on(&txn).await?;
    txn.commit().await?;
    Ok(fields)
}

/// The tenant's custom fields by key, within the caller's transaction.
pub async fn list_on(txn: &TenantTxn) -> ContactsResult<Vec<custom_field::Model>> {
    Ok(txn.find::<custom_field::Entity>().order_by_asc(custom_field::Column::Key).all(txn).await?)
}

pub async fn get(scope: &TenantScope, id: Uuid) -> ContactsResult<custom_field::Model> {
    let txn = scope.begin().await?;
    let field = get_in(&txn, id).await?;
    txn.commit().await?;
    Ok(field)
}

pub async fn get_in(txn: &TenantTxn, id: Uuid) -> ContactsResult<custom_field::Model> {
    txn.find::<custom_field::Entity>()
        .filter(custom_field::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(ContactsError::NotFound("custom field"))
}

/// The `CONFLICT` of a key another field of the tenant has, or the error itself.
fn key_taken(err: DbErr, key: &str) -> ContactsError {
    if !FIELD_KEY.violated_by(&err) {
        return err.into();
    }
    ContactsError::Conflict { reason: "KEY_TAKEN", message: format!("a custom field already has the key {key:?}") }
}

pub async fn create(scope: &TenantScope, draft: CustomFieldDraft) -> ContactsResult<custom_field::Model> {
    let key = check_key(&draft.key)?;
    let label = check_label(&draft.label)?;
    let options = check_options(draft.kind, &draft.options)?;
    let txn = scope.begin().await?;
    let field = custom_field::ActiveModel {
        key: Set(key.clone()),
        label: Set(label),
        kind: Set(draft.kind),
        options: Set(serde_json::json!(options)),
        ..Default::default()
    };
    let field = txn.insert(field).await.map_err(|err| key_taken(err, &key))?;
    txn.audit(AuditChange::new("custom_field.create", "custom_field", field.id).after(snapshot(&field))).await?;
    txn.commit().await?;
    Ok(field)
}

/// Changes a field's label and options; an option still used by a contact cannot go.
pub async fn update(
    scope: &TenantScope,
    id: Uuid,
    label: Option<String>,
    options: Option<Vec<String>>,
) -> ContactsResult<custom_field::Model> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, id).await?;
    let mut update: custom_field::ActiveModel = before.clone().into();
    if let Some(label) = label {
        update.label = Set(check_label(&label)?);
    }
    if let Some(options) = options {
        let options = check_options(before.kind, &options)?;
        for removed in options_of(&before).into_iter().filter(|o| !options.contains(o)) {
            let used = txn
                .find::<custom_value::Entity>()
                .filter(custom_value::Column::FieldId.eq(id))
                .filter(custom_value::Column::ValueText.eq(&removed))
                .count(&txn)
                .await?;
            if used > 0 {
                return Err(ContactsError::Conflict {
                    reason: "OPTION_IN_USE",
                    message: format!("{used} contacts still have the option {removed:?}"),
                });
            }
        }
        update.options = Set(serde_json::json!(options));
    }
    update.updated_at = Set(txn.now());
    let after = txn.update(update).await?;
    let change =
        AuditChange::new("custom_field.update", "custom_field", id).before(snapshot(&before)).after(snapshot(&after));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a field and every contact's value of it.
pub async fn delete(scope: &TenantScope, id: Uuid) -> ContactsResult<custom_field::Model> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, id).await?;
    let values =
        txn.delete_many::<custom_value::Entity>().filter(custom_value::Column::FieldId.eq(id)).exec(&txn).await?;
    txn.delete_many::<custom_field::Entity>().filter(custom_field::Column::Id.eq(id)).exec(&txn).await?;
    let change = AuditChange::new("custom_field.delete", "custom_field", id)
        .before(snapshot(&before))
        .after(serde_json::json!({ "valuesDeleted": values.rows_affected }));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(before)
}

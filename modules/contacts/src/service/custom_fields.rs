//! Custom fields ("data referentials"): typed fields the tenant administrator defines for its
//! contacts, and the parsing of their values.

use crate::error::{ContactsError, ContactsResult};
use crate::model::{custom_field, custom_value};
use crate::values;
use async_graphql::Enum;
use chrono::NaiveDate;
use crm360_kernel::TenantScope;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::ids::new_id;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use uuid::Uuid;

/// The type of a custom field's values.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum CustomFieldKind {
    Text,
    Number,
    Date,
    Boolean,
    /// One value of a closed list (`options`).
    ValueList,
}

impl CustomFieldKind {
    pub fn code(self) -> &'static str {
        match self {
            CustomFieldKind::Text => "TEXT",
            CustomFieldKind::Number => "NUMBER",
            CustomFieldKind::Date => "DATE",
            CustomFieldKind::Boolean => "BOOLEAN",
            CustomFieldKind::ValueList => "VALUE_LIST",
        }
    }

    pub fn from_code(code: &str) -> CustomFieldKind {
        match code {
            "NUMBER" => CustomFieldKind::Number,
            "DATE" => CustomFieldKind::Date,
            "BOOLEAN" => CustomFieldKind::Boolean,
            "VALUE_LIST" => CustomFieldKind::ValueList,
            _ => CustomFieldKind::Text,
        }
    }
}

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

    pub fn row(&self, tenant_id: Uuid, contact_id: Uuid, field_id: Uuid) -> custom_value::ActiveModel {
        let (text, number, date, boolean) = match self {
            CustomValue::Text(t) => (Some(t.clone()), None, None, None),
            CustomValue::Number(n) => (None, Some(*n), None, None),
            CustomValue::Date(d) => (None, None, Some(*d), None),
            CustomValue::Bool(b) => (None, None, None, Some(*b)),
        };
        custom_value::ActiveModel {
            tenant_id: Set(tenant_id),
            contact_id: Set(contact_id),
            field_id: Set(field_id),
            value_text: Set(text),
            value_number: Set(number),
            value_date: Set(date),
            value_bool: Set(boolean),
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
    Ok(Some(match CustomFieldKind::from_code(&field.kind) {
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
    Ok(scope.find::<custom_field::Entity>().order_by_asc(custom_field::Column::Key).all(scope.db()).await?)
}

pub async fn list_on(db: &impl ConnectionTrait, tenant_id: Uuid) -> ContactsResult<Vec<custom_field::Model>> {
    Ok(custom_field::Entity::find().filter(custom_field::Column::TenantId.eq(tenant_id)).all(db).await?)
}

pub async fn get(scope: &TenantScope, id: Uuid) -> ContactsResult<custom_field::Model> {
    scope
        .find::<custom_field::Entity>()
        .filter(custom_field::Column::Id.eq(id))
        .one(scope.db())
        .await?
        .ok_or(ContactsError::NotFound("custom field"))
}

pub async fn create(scope: &TenantScope, draft: CustomFieldDraft) -> ContactsResult<custom_field::Model> {
    let key = check_key(&draft.key)?;
    let label = check_label(&draft.label)?;
    let options = check_options(draft.kind, &draft.options)?;
    let now = scope.now();
    let txn = scope.db().begin().await?;
    let taken = scope.find::<custom_field::Entity>().filter(custom_field::Column::Key.eq(&key)).count(&txn).await?;
    if taken > 0 {
        return Err(ContactsError::Conflict {
            reason: "KEY_TAKEN",
            message: format!("a custom field already has the key {key:?}"),
        });
    }
    let field = custom_field::ActiveModel {
        tenant_id: Set(scope.tenant_id()),
        id: Set(new_id()),
        key: Set(key),
        label: Set(label),
        kind: Set(draft.kind.code().to_owned()),
        options: Set(serde_json::json!(options)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    scope
        .audit(&txn, AuditChange::new("custom_field.create", "custom_field", field.id).after(snapshot(&field)))
        .await?;
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
    let before = get(scope, id).await?;
    let kind = CustomFieldKind::from_code(&before.kind);
    let txn = scope.db().begin().await?;
    let mut update: custom_field::ActiveModel = before.clone().into();
    if let Some(label) = label {
        update.label = Set(check_label(&label)?);
    }
    if let Some(options) = options {
        let options = check_options(kind, &options)?;
        for removed in options_of(&before).into_iter().filter(|o| !options.contains(o)) {
            let used = scope
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
    update.updated_at = Set(scope.now());
    let after = update.update(&txn).await?;
    scope
        .audit(
            &txn,
            AuditChange::new("custom_field.update", "custom_field", id)
                .before(snapshot(&before))
                .after(snapshot(&after)),
        )
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a field and every contact's value of it.
pub async fn delete(scope: &TenantScope, id: Uuid) -> ContactsResult<custom_field::Model> {
    let before = get(scope, id).await?;
    let txn = scope.db().begin().await?;
    let values =
        scope.delete_many::<custom_value::Entity>().filter(custom_value::Column::FieldId.eq(id)).exec(&txn).await?;
    scope.delete_many::<custom_field::Entity>().filter(custom_field::Column::Id.eq(id)).exec(&txn).await?;
    let change = AuditChange::new("custom_field.delete", "custom_field", id)
        .before(snapshot(&before))
        .after(serde_json::json!({ "valuesDeleted": values.rows_affected }));
    scope.audit(&txn, change).await?;
    txn.commit().await?;
    Ok(before)
}

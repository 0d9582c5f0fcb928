//! Counting and targeting: a segment is a tree of AND / OR / NOT over conditions on contact
//! fields, computed fields (age, creation and update times), custom fields and consent. The
//! compiler turns a tree into ONE SQL condition on `contact` (custom fields as correlated
//! `EXISTS` subqueries; consent as a test of the contact's consent summary columns; text
//! compared case-insensitively on the `<column>_folded` copies where the table has one),
//! portable across SQLite and PostgreSQL.

use crate::error::{ContactsError, ContactsResult};
use crate::fields::{ContactField, FieldKind};
use crate::model::{contact, custom_field, custom_value, segment};
use crate::service::consents::{ConsentChannel, ConsentStatus};
use crate::service::custom_fields::{self, CustomFieldKind};
use crate::values;
use async_graphql::Enum;
use chrono::{DateTime, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::pagination::Page;
use crm360_kernel::{Clock, TenantScope, TenantTxn};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Func, Query, SimpleExpr, Value as SqlValue};
use sea_orm::{ActiveEnum, ColumnTrait, PaginatorTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// A computed property of a contact.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Serialize, Deserialize)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ComputedField {
    /// Age in whole years today, from the birth date.
    Age,
    /// When the contact was created (a date `YYYY-MM-DD` or an ISO 8601 time).
    CreatedAt,
    /// When the contact was last changed.
    UpdatedAt,
}

/// How a condition compares.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Serialize, Deserialize)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SegmentOperator {
    /// Equal to `value` (text ignores case).
    Equals,
    /// Not equal to `value`; empty values match.
    NotEquals,
    /// Equal to one of `values`.
    In,
    /// Contains `value` (text, case ignored).
    Contains,
    /// Starts with `value` (text, case ignored).
    StartsWith,
    /// Has no value.
    IsEmpty,
    /// Has a value.
    IsNotEmpty,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
    /// Between `from` and `to`, both included.
    Between,
}

/// One condition of a segment: exactly one of `field`, `computed`, `customFieldKey`,
/// `consentChannel` says what it tests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionSpec {
    pub field: Option<ContactField>,
    pub computed: Option<ComputedField>,
    pub custom_field_key: Option<String>,
    pub consent_channel: Option<ConsentChannel>,
    pub operator: SegmentOperator,
    pub value: Option<String>,
    #[serde(default)]
    pub values: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A node of a segment tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Condition(ConditionSpec),
}

pub const MAX_DEPTH: usize = 12;
pub const MAX_CONDITIONS: usize = 200;

/// What the compiler needs to know: the tenant's custom fields, and the platform's clock
/// for today's date and the calendar days of its time zone.
pub struct Compiler {
    fields: HashMap<String, custom_field::Model>,
    clock: Clock,
    conditions: usize,
}

impl Compiler {
    /// The compiler of the transaction's tenant (its custom fields read within `txn`).
    pub async fn within(txn: &TenantTxn) -> ContactsResult<Compiler> {
        Ok(Compiler::new(custom_fields::list_on(txn).await?, txn.scope().clock().clone()))
    }

    pub fn new(fields: Vec<custom_field::Model>, clock: Clock) -> Compiler {
        Compiler { fields: fields.into_iter().map(|f| (f.key.clone(), f)).collect(), clock, conditions: 0 }
    }

    /// The SQL condition of a tree; `path` names the input for error messages.
    pub fn compile(&mut self, node: &Node, path: &str) -> ContactsResult<Condition> {
        self.compile_at(node, path, 0)
    }

    fn compile_at(&mut self, node: &Node, path: &str, depth: usize) -> ContactsResult<Condition> {
        if depth > MAX_DEPTH {
            return Err(ContactsError::invalid(
                path,
                "TOO_DEEP",
                format!("a segment nests at most {MAX_DEPTH} levels"),
            ));
        }
        match node {
            Node::And(children) | Node::Or(children) => {
                let mut condition = if matches!(node, Node::And(_)) { Condition::all() } else { Condition::any() };
                let key = if matches!(node, Node::And(_)) { "and" } else { "or" };
                if children.is_empty() {
                    return Err(ContactsError::invalid(
                        format!("{path}.{key}"),
                        "EMPTY_GROUP",
                        "a group needs conditions",
                    ));
                }
                for (i, child) in children.iter().enumerate() {
                    condition = condition.add(self.compile_at(child, &format!("{path}.{key}[{i}]"), depth + 1)?);
                }
                Ok(condition)
            }
            Node::Not(child) => Ok(self.compile_at(child, &format!("{path}.not"), depth + 1)?.not()),
            Node::Condition(spec) => {
                self.conditions += 1;
                if self.conditions > MAX_CONDITIONS {
                    return Err(ContactsError::invalid(
                        path,
                        "TOO_MANY_CONDITIONS",
                        format!("a segment has at most {MAX_CONDITIONS} conditions"),
                    ));
                }
                let path = format!("{path}.condition");
                Ok(Condition::all().add(self.condition(spec, &path)?))
            }
        }
    }

    fn condition(&self, spec: &ConditionSpec, path: &str) -> ContactsResult<SimpleExpr> {
        let chosen = [
            spec.field.is_some(),
            spec.computed.is_some(),
            spec.custom_field_key.is_some(),
            spec.consent_channel.is_some(),
        ];
        if chosen.iter().filter(|c| **c).count() != 1 {
            return Err(ContactsError::invalid(
                path,
                "ONE_SUBJECT",
                "a condition tests exactly one of field, computed, customFieldKey, consentChannel",
            ));
        }
        let ops = Operands { spec, path };
        if let Some(field) = spec.field {
            return self.on_field(field, &ops);
        }
        if let Some(computed) = spec.computed {
            return self.on_computed(computed, &ops);
        }
        if let Some(channel) = spec.consent_channel {
            return on_consent(channel, &ops);
        }
        let key = spec.custom_field_key.as_deref().unwrap_or_default();
        let Some(def) = self.fields.get(key) else {
            return Err(ContactsError::invalid(
                format!("{path}.customFieldKey"),
                "UNKNOWN_CUSTOM_FIELD",
                format!("no custom field has the key {key:?}"),
            ));
        };
        on_custom(def, &ops)
    }

    fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// When a calendar day of the platform's time zone starts.
    fn start_of(&self, day: NaiveDate) -> DateTime<Utc> {
        let midnight = day.and_time(NaiveTime::MIN);
        // Midnight always exists in Europe/Paris (its clocks change at 2 or 3 a.m.).
        self.clock.zone().from_local_datetime(&midnight).earliest().map_or(midnight.and_utc(), |at| at.to_utc())
    }

    fn on_field(&self, field: ContactField, ops: &Operands) -> ContactsResult<SimpleExpr> {
        let col = Expr::col((contact::Entity, field.column()));
        let op = ops.spec.operator;
        if field.kind() == FieldKind::BirthDate {
            let parse = |raw: &str, name: &str| values::date(raw).map(SqlValue::from).map_err(|r| ops.refused(name, r));
            return compare(col, op, ops, &parse);
        }
        // Exact operators compare normalised values ("Mme" is MRS, "06 12 ..." is +336...);
        // patterns compare the raw text, case ignored.
        let normalised = |raw: &str, name: &str| {
            let value = match field.kind() {
                FieldKind::Text(_) => Ok(raw.trim().to_lowercase()),
                _ => field
                    .parse(raw, None, self.today())
                    .map(|v| v.map(|v| v.display()).unwrap_or_default())
                    .map_err(|r| ops.refused(name, r)),
            }?;
            Ok(SqlValue::from(value))
        };
        match (field.kind(), op) {
            (FieldKind::Text(_), SegmentOperator::Equals | SegmentOperator::NotEquals | SegmentOperator::In) => {
                compare(field_lowered(field, !ops.caseless()), op, ops, &normalised).map(|e| null_aware(e, col, op))
            }
            (_, SegmentOperator::Equals | SegmentOperator::NotEquals | SegmentOperator::In) => {
                compare(col.clone(), op, ops, &normalised).map(|e| null_aware(e, col, op))
            }
            (_, SegmentOperator::Contains | SegmentOperator::StartsWith) => {
                let raw = ops.value()?;
                Ok(field_lowered(field, !ops.caseless()).like(pattern(raw, op)))
            }
            _ => {
                let plain = |raw: &str, _: &str| Ok(SqlValue::from(raw.trim().to_owned()));
                compare(col, op, ops, &plain)
            }
        }
    }

    fn on_computed(&self, computed: ComputedField, ops: &Operands) -> ContactsResult<SimpleExpr> {
        let op = ops.spec.operator;
        match computed {
            ComputedField::Age => {
                let birth = Expr::col((contact::Entity, contact::Column::BirthDate));
                if matches!(op, SegmentOperator::IsEmpty | SegmentOperator::IsNotEmpty) {
                    return compare(birth, op, ops, &|_, _| Ok(SqlValue::from(0)));
                }
                let age = |raw: &str, name: &str| -> ContactsResult<u32> {
                    raw.trim().parse::<u32>().ok().filter(|a| *a < 150).ok_or_else(|| {
                        ContactsError::invalid(
                            format!("{}.{name}", ops.path),
                            "INVALID_AGE",
                            "an age is a whole number of years",
                        )
                    })
                };
                // Born on or before `today - n years` <=> at least n years old.
                let born_by = |n: u32| self.today().checked_sub_months(Months::new(n * 12)).unwrap_or(NaiveDate::MIN);
                let at_least = |n: u32| birth.clone().lte(born_by(n));
                let at_most = |n: u32| birth.clone().gt(born_by(n + 1));
                Ok(match op {
                    SegmentOperator::Equals => {
                        at_least(age(ops.value()?, "value")?).and(at_most(age(ops.value()?, "value")?))
                    }
                    SegmentOperator::NotEquals => {
                        let n = age(ops.value()?, "value")?;
                        at_least(n).and(at_most(n)).not()
                    }
                    SegmentOperator::GreaterOrEqual => at_least(age(ops.value()?, "value")?),
                    SegmentOperator::GreaterThan => at_least(age(ops.value()?, "value")? + 1),
                    SegmentOperator::LessOrEqual => at_most(age(ops.value()?, "value")?),
                    SegmentOperator::LessThan => {
                        let n = age(ops.value()?, "value")?;
                        if n == 0 { Expr::val(false) } else { at_most(n - 1) }
                    }
                    SegmentOperator::Between => {
                        at_least(age(ops.bound("from")?, "from")?).and(at_most(age(ops.bound("to")?, "to")?))
                    }
                    SegmentOperator::In => {
                        let mut any = Condition::any();
                        for (i, raw) in ops.values()?.iter().enumerate() {
                            let n = age(raw, &format!("values[{i}]"))?;
                            any = any.add(at_least(n).and(at_most(n)));
                        }
                        any.into()
                    }
                    _ => return Err(ops.unsupported()),
                })
            }
            ComputedField::CreatedAt | ComputedField::UpdatedAt => {
                let column = if computed == ComputedField::CreatedAt {
                    contact::Column::CreatedAt
                } else {
                    contact::Column::UpdatedAt
                };
                let col = Expr::col((contact::Entity, column));
                let instant = |raw: &str, name: &str| -> ContactsResult<(DateTime<Utc>, DateTime<Utc>)> {
                    if let Ok(at) = DateTime::parse_from_rfc3339(raw.trim()) {
                        let at = at.with_timezone(&Utc);
                        return Ok((at, at));
                    }
                    let day = values::date(raw).map_err(|r| ops.refused(name, r))?;
                    let next = day.succ_opt().map_or(DateTime::<Utc>::MAX_UTC, |next| self.start_of(next));
                    Ok((self.start_of(day), next - chrono::Duration::microseconds(1)))
                };
                Ok(match op {
                    SegmentOperator::Equals => {
                        let (start, end) = instant(ops.value()?, "value")?;
                        col.clone().gte(start).and(col.lte(end))
                    }
                    SegmentOperator::GreaterOrEqual => col.gte(instant(ops.value()?, "value")?.0),
                    SegmentOperator::GreaterThan => col.gt(instant(ops.value()?, "value")?.1),
                    SegmentOperator::LessOrEqual => col.lte(instant(ops.value()?, "value")?.1),
                    SegmentOperator::LessThan => col.lt(instant(ops.value()?, "value")?.0),
                    SegmentOperator::Between => {
                        let start = instant(ops.bound("from")?, "from")?.0;
                        let end = instant(ops.bound("to")?, "to")?.1;
                        col.clone().gte(start).and(col.lte(end))
                    }
                    _ => return Err(ops.unsupported()),
                })
            }
        }
    }
}

/// The operands of one condition, with the input path for errors.
struct Operands<'a> {
    spec: &'a ConditionSpec,
    path: &'a str,
}

impl Operands<'_> {
    fn value(&self) -> ContactsResult<&str> {
        self.spec.value.as_deref().filter(|v| !v.trim().is_empty()).ok_or_else(|| {
            ContactsError::invalid(format!("{}.value", self.path), "REQUIRED", "this operator needs a value")
        })
    }

    fn bound(&self, name: &str) -> ContactsResult<&str> {
        let value = if name == "from" { &self.spec.from } else { &self.spec.to };
        value.as_deref().filter(|v| !v.trim().is_empty()).ok_or_else(|| {
            ContactsError::invalid(format!("{}.{name}", self.path), "REQUIRED", "BETWEEN needs from and to")
        })
    }

    fn values(&self) -> ContactsResult<&[String]> {
        if self.spec.values.is_empty() {
            return Err(ContactsError::invalid(format!("{}.values", self.path), "REQUIRED", "IN needs values"));
        }
        Ok(&self.spec.values)
    }

    /// Whether the operands are [`caseless`], so that the column needs no `lower()`.
    fn caseless(&self) -> bool {
        match self.spec.operator {
            SegmentOperator::In => !self.spec.values.is_empty() && self.spec.values.iter().all(|v| caseless(v)),
            _ => self.spec.value.as_deref().is_some_and(caseless),
        }
    }

    fn refused(&self, name: &str, refusal: values::Refusal) -> ContactsError {
        ContactsError::invalid(format!("{}.{name}", self.path), refusal.reason, refusal.message)
    }

    fn unsupported(&self) -> ContactsError {
        ContactsError::invalid(
            format!("{}.operator", self.path),
            "UNSUPPORTED_OPERATOR",
            format!("{:?} does not apply to this subject", self.spec.operator),
        )
    }
}

type Convert<'a> = dyn Fn(&str, &str) -> ContactsResult<SqlValue> + 'a;

/// The generic comparison of `expr` by `op`, with values converted by `convert`.
fn compare(expr: SimpleExpr, op: SegmentOperator, ops: &Operands, convert: &Convert) -> ContactsResult<SimpleExpr> {
    let one = |name: &str, raw: &str| convert(raw, name);
    Ok(match op {
        SegmentOperator::Equals => expr.eq(one("value", ops.value()?)?),
        SegmentOperator::NotEquals => expr.ne(one("value", ops.value()?)?),
        SegmentOperator::In => {
            let mut list = Vec::new();
            for (i, raw) in ops.values()?.iter().enumerate() {
                list.push(one(&format!("values[{i}]"), raw)?);
            }
            expr.is_in(list)
        }
        SegmentOperator::IsEmpty => expr.is_null(),
        SegmentOperator::IsNotEmpty => expr.is_not_null(),
        SegmentOperator::LessThan => expr.lt(one("value", ops.value()?)?),
        SegmentOperator::LessOrEqual => expr.lte(one("value", ops.value()?)?),
        SegmentOperator::GreaterThan => expr.gt(one("value", ops.value()?)?),
        SegmentOperator::GreaterOrEqual => expr.gte(one("value", ops.value()?)?),
        SegmentOperator::Between => expr.between(one("from", ops.bound("from")?)?, one("to", ops.bound("to")?)?),
        SegmentOperator::Contains | SegmentOperator::StartsWith => return Err(ops.unsupported()),
    })
}

/// `NOT EQUALS` also matches contacts without a value (SQL's `<>` would leave them out).
fn null_aware(expr: SimpleExpr, col: SimpleExpr, op: SegmentOperator) -> SimpleExpr {
    if op == SegmentOperator::NotEquals { col.is_null().or(expr) } else { expr }
}

/// Whether a case-insensitive test against `value` needs no `lower()` on the column side:
/// `value` (trimmed) holds only characters that lower-case to themselves and that no other
/// character lower-cases to, or into a sequence starting with (ASCII digits, space, some
/// punctuation). Then `lower(col) = v`, `lower(col) LIKE 'v%'` and `lower(col) LIKE '%v%'`
/// hold exactly when the same test on `col` does, with SQLite's ASCII `lower` as with
/// PostgreSQL's (libc or ICU, which maps one character to one or more, never to a digit or
/// to these signs). Postal codes, phone numbers and numeric external ids are tested this way,
/// which saves PostgreSQL a `lower()` call per row (about 150 ns on a multi-byte database).
fn caseless(value: &str) -> bool {
    value.trim().chars().all(|c| c.is_ascii_digit() || " +-./@,:#()".contains(c))
}

/// A LIKE pattern for `contains` or `starts with`, lower-cased, with `%` and `_` taken literally.
fn pattern(raw: &str, op: SegmentOperator) -> String {
    let escaped: String = raw.trim().to_lowercase().chars().filter(|c| *c != '%' && *c != '_').collect();
    if op == SegmentOperator::Contains { format!("%{escaped}%") } else { format!("{escaped}%") }
}

/// A consent condition tests the contact's summary column of the channel (its current status,
/// kept by `service::consents`; NULL without a consent), never NULL itself, so that `NOT`
/// keeps the meaning the `EXISTS` over `contact_consent` had: `NOT (status = GRANTED)` holds
/// for contacts without a consent on the channel.
fn on_consent(channel: ConsentChannel, ops: &Operands) -> ContactsResult<SimpleExpr> {
    let col = Expr::col((contact::Entity, channel.summary_column()));
    let has = |status: Option<Vec<ConsentStatus>>| -> SimpleExpr {
        match status {
            Some(statuses) => col.clone().is_not_null().and(col.clone().is_in(statuses)),
            None => col.clone().is_not_null(),
        }
    };
    let status = |raw: &str, name: &str| -> ContactsResult<ConsentStatus> {
        ConsentStatus::try_from_value(&raw.trim().to_uppercase()).map_err(|_| {
            ContactsError::invalid(
                format!("{}.{name}", ops.path),
                "INVALID_CONSENT_STATUS",
                "a consent status is GRANTED or DENIED",
            )
        })
    };
    Ok(match ops.spec.operator {
        SegmentOperator::Equals => has(Some(vec![status(ops.value()?, "value")?])),
        SegmentOperator::NotEquals => has(Some(vec![status(ops.value()?, "value")?])).not(),
        SegmentOperator::In => {
            let mut list = Vec::new();
            for (i, raw) in ops.values()?.iter().enumerate() {
                list.push(status(raw, &format!("values[{i}]"))?);
            }
            has(Some(list))
        }
        SegmentOperator::IsEmpty => has(None).not(),
        SegmentOperator::IsNotEmpty => has(None),
        _ => return Err(ops.unsupported()),
    })
}

fn on_custom(def: &custom_field::Model, ops: &Operands) -> ContactsResult<SimpleExpr> {
    let kind = def.kind;
    let exists = |test: Option<SimpleExpr>| {
        let mut sub = Query::select();
        sub.expr(Expr::val(1))
            .from(custom_value::Entity)
            .and_where(
                Expr::col((custom_value::Entity, custom_value::Column::TenantId))
                    .equals((contact::Entity, contact::Column::TenantId)),
            )
            .and_where(
                Expr::col((custom_value::Entity, custom_value::Column::ContactId))
                    .equals((contact::Entity, contact::Column::Id)),
            )
            .and_where(Expr::col((custom_value::Entity, custom_value::Column::FieldId)).eq(def.id));
        if let Some(test) = test {
            sub.and_where(test);
        }
        Expr::exists(sub.to_owned())
    };
    let op = ops.spec.operator;
    match op {
        SegmentOperator::IsEmpty => return Ok(exists(None).not()),
        SegmentOperator::IsNotEmpty => return Ok(exists(None)),
        _ => {}
    }
    let column = match kind {
        CustomFieldKind::Text | CustomFieldKind::ValueList => custom_value::Column::ValueText,
        CustomFieldKind::Number => custom_value::Column::ValueNumber,
        CustomFieldKind::Date => custom_value::Column::ValueDate,
        CustomFieldKind::Boolean => custom_value::Column::ValueBool,
    };
    let col: SimpleExpr = Expr::col((custom_value::Entity, column));
    let convert = |raw: &str, name: &str| -> ContactsResult<SqlValue> {
        let refused = |r: values::Refusal| ops.refused(name, r);
        Ok(match kind {
            CustomFieldKind::Text | CustomFieldKind::ValueList => SqlValue::from(raw.trim().to_lowercase()),
            CustomFieldKind::Number => SqlValue::from(values::number(raw).map_err(refused)?),
            CustomFieldKind::Date => SqlValue::from(values::date(raw).map_err(refused)?),
            CustomFieldKind::Boolean => SqlValue::from(values::boolean(raw).map_err(refused)?),
        })
    };
    let textual = matches!(kind, CustomFieldKind::Text | CustomFieldKind::ValueList);
    let fold = textual && !ops.caseless();
    let test = match op {
        SegmentOperator::Contains | SegmentOperator::StartsWith if textual => {
            lowered(col, fold).like(pattern(ops.value()?, op))
        }
        SegmentOperator::NotEquals => {
            let positive = compare(lowered(col, fold), SegmentOperator::Equals, ops, &convert)?;
            return Ok(exists(Some(positive)).not());
        }
        SegmentOperator::Equals | SegmentOperator::In => compare(lowered(col, fold), op, ops, &convert)?,
        SegmentOperator::LessThan
        | SegmentOperator::LessOrEqual
        | SegmentOperator::GreaterThan
        | SegmentOperator::GreaterOrEqual
        | SegmentOperator::Between
            if kind != CustomFieldKind::Boolean =>
        {
            compare(col, op, ops, &convert)?
        }
        _ => return Err(ops.unsupported()),
    };
    Ok(exists(Some(test)))
}

/// `lower(col)` when case must be ignored, `col` itself otherwise.
fn lowered(col: SimpleExpr, fold: bool) -> SimpleExpr {
    if fold { Func::lower(col).into() } else { col }
}

/// The contact column that holds `lower(<field's column>)`, generated by the database
/// (migration `m20261129_090000_contact_segment_columns`; keep both lists equal): reading it
/// is the same comparison as calling `lower()` on the column, on either database, without the
/// call per row on PostgreSQL (where it is stored). Other text fields still call `lower()`.
pub fn folded_column(field: ContactField) -> Option<&'static str> {
    match field {
        ContactField::FirstName => Some("first_name_folded"),
        ContactField::LastName => Some("last_name_folded"),
        ContactField::CompanyName => Some("company_name_folded"),
        ContactField::JobTitle => Some("job_title_folded"),
        ContactField::City => Some("city_folded"),
        _ => None,
    }
}

/// A standard field's column, lower-cased when case must be ignored: its folded copy if it
/// has one, else `lower(col)`.
pub(crate) fn field_lowered(field: ContactField, fold: bool) -> SimpleExpr {
    match (fold, folded_column(field)) {
        (true, Some(folded)) => Expr::col((contact::Entity, Alias::new(folded))),
        (fold, _) => lowered(Expr::col((contact::Entity, field.column())), fold),
    }
}

/// The number of the tenant's contacts in a segment: one `SELECT COUNT(*)`.
pub async fn count(scope: &TenantScope, node: &Node) -> ContactsResult<u64> {
    let txn = scope.begin().await?;
    let condition = Compiler::within(&txn).await?.compile(node, "definition")?;
    let count = txn.find::<contact::Entity>().filter(condition).count(&txn).await?;
    txn.commit().await?;
    Ok(count)
}

/// A page of the segment's contacts, oldest first.
pub async fn sample(scope: &TenantScope, node: &Node, page: &Page) -> ContactsResult<Vec<contact::Model>> {
    let txn = scope.begin().await?;
    let rows = sample_in(&txn, node, page).await?;
    txn.commit().await?;
    Ok(rows)
}

/// [`sample`] within the caller's transaction (a page read with its related data).
pub async fn sample_in(txn: &TenantTxn, node: &Node, page: &Page) -> ContactsResult<Vec<contact::Model>> {
    let condition = Compiler::within(txn).await?.compile(node, "definition")?;
    Ok(page.apply(txn.find::<contact::Entity>().filter(condition), contact::Column::Id).all(txn).await?)
}

// ---- Saved segments ----

pub struct SegmentDraft {
    pub name: String,
    pub description: Option<String>,
    pub definition: Node,
}

fn check_draft(draft: &SegmentDraft) -> ContactsResult<(String, Option<String>)> {
    let name = values::text(&draft.name, 200).map_err(|r| ContactsError::invalid("name", r.reason, r.message))?;
    if name.is_empty() {
        return Err(ContactsError::invalid("name", "REQUIRED", "a segment needs a name"));
    }
    let description = match draft.description.as_deref() {
        Some(d) if !d.trim().is_empty() => {
            Some(values::text(d, 2000).map_err(|r| ContactsError::invalid("description", r.reason, r.message))?)
        }
        _ => None,
    };
    Ok((name, description))
}

fn definition_json(node: &Node) -> ContactsResult<serde_json::Value> {
    serde_json::to_value(node).map_err(|err| ContactsError::Internal(err.to_string()))
}

pub fn definition_of(segment: &segment::Model) -> ContactsResult<Node> {
    serde_json::from_value(segment.definition.clone()).map_err(|err| ContactsError::Internal(err.to_string()))
}

pub async fn create(scope: &TenantScope, draft: SegmentDraft) -> ContactsResult<segment::Model> {
    let (name, description) = check_draft(&draft)?;
    let txn = scope.begin().await?;
    Compiler::within(&txn).await?.compile(&draft.definition, "definition")?;
    let segment = segment::ActiveModel {
        name: Set(name),
        description: Set(description),
        definition: Set(definition_json(&draft.definition)?),
        ..Default::default()
    };
    let saved = txn.insert(segment).await?;
    txn.audit(AuditChange::new("segment.create", "segment", saved.id).after(snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

fn snapshot(s: &segment::Model) -> serde_json::Value {
    serde_json::json!({ "name": s.name, "description": s.description, "definition": s.definition })
}

pub async fn find(scope: &TenantScope, id: Uuid) -> ContactsResult<Option<segment::Model>> {
    let txn = scope.begin().await?;
    let found = find_in(&txn, id).await?;
    txn.commit().await?;
    Ok(found)
}

pub async fn find_in(txn: &TenantTxn, id: Uuid) -> ContactsResult<Option<segment::Model>> {
    Ok(txn.find::<segment::Entity>().filter(segment::Column::Id.eq(id)).one(txn).await?)
}

pub async fn get(scope: &TenantScope, id: Uuid) -> ContactsResult<segment::Model> {
    find(scope, id).await?.ok_or(ContactsError::NotFound("segment"))
}

pub async fn get_in(txn: &TenantTxn, id: Uuid) -> ContactsResult<segment::Model> {
    find_in(txn, id).await?.ok_or(ContactsError::NotFound("segment"))
}

pub async fn list(scope: &TenantScope, page: &Page) -> ContactsResult<Vec<segment::Model>> {
    let txn = scope.begin().await?;
    let rows = page.apply(txn.find::<segment::Entity>(), segment::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

pub async fn update(scope: &TenantScope, id: Uuid, draft: SegmentDraft) -> ContactsResult<segment::Model> {
    let (name, description) = check_draft(&draft)?;
    let txn = scope.begin().await?;
    Compiler::within(&txn).await?.compile(&draft.definition, "definition")?;
    let before = get_in(&txn, id).await?;
    let mut update: segment::ActiveModel = before.clone().into();
    update.name = Set(name);
    update.description = Set(description);
    update.definition = Set(definition_json(&draft.definition)?);
    update.updated_at = Set(txn.now());
    let after = txn.update(update).await?;
    let change = AuditChange::new("segment.update", "segment", id).before(snapshot(&before)).after(snapshot(&after));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn delete(scope: &TenantScope, id: Uuid) -> ContactsResult<segment::Model> {
    let txn = scope.begin().await?;
    let before = get_in(&txn, id).await?;
    txn.delete_many::<segment::Entity>().filter(segment::Column::Id.eq(id)).exec(&txn).await?;
    txn.audit(AuditChange::new("segment.delete", "segment", id).before(snapshot(&before))).await?;
    txn.commit().await?;
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::DbBackend;
    use sea_orm::sea_query::Asterisk;

    /// The SQL of a query of contacts under `condition` (no database: the statement only).
    fn sql_of(condition: Condition, backend: DbBackend) -> String {
        let mut query = Query::select();
        query.column(Asterisk).from(contact::Entity).cond_where(condition);
        backend.build(&query).to_string()
    }

    fn cond(spec: serde_json::Value) -> Node {
        Node::Condition(serde_json::from_value(spec).unwrap())
    }

    fn clock() -> Clock {
        Clock::manual(Utc::now())
    }

    fn field(key: &str, kind: CustomFieldKind) -> custom_field::Model {
        custom_field::Model {
            tenant_id: Uuid::nil(),
            id: Uuid::from_u128(7),
            key: key.to_owned(),
            label: key.to_owned(),
            kind,
            options: serde_json::json!([]),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn a_nested_tree_compiles_to_one_statement_on_both_backends() {
        let tree = Node::And(vec![
            Node::Or(vec![
                cond(serde_json::json!({ "field": "POSTAL_CODE", "operator": "STARTS_WITH", "value": "75" })),
                cond(serde_json::json!({ "computed": "AGE", "operator": "GREATER_OR_EQUAL", "value": "50" })),
            ]),
            cond(serde_json::json!({ "consentChannel": "EMAIL", "operator": "EQUALS", "value": "granted" })),
            Node::Not(Box::new(cond(
                serde_json::json!({ "customFieldKey": "points", "operator": "BETWEEN", "from": "10", "to": "20,5" }),
            ))),
        ]);
        let condition = Compiler::new(vec![field("points", CustomFieldKind::Number)], clock())
            .compile(&tree, "definition")
            .unwrap();
        for backend in [DbBackend::Postgres, DbBackend::Sqlite] {
            let sql = sql_of(condition.clone(), backend);
            // The custom field is a subquery; the consent is a test of the contact's column.
            assert_eq!(sql.matches("SELECT").count(), 2, "{sql}");
            assert_eq!(sql.matches("EXISTS").count(), 1, "{sql}");
            assert!(!sql.contains("contact_consent"), "{sql}");
            assert!(
                sql.contains("LIKE '75%'")
                    && sql.contains(
                        r#""contact"."consent_email" IS NOT NULL AND "contact"."consent_email" IN ('GRANTED')"#
                    )
                    && sql.contains("BETWEEN 10 AND 20.5"),
                "{sql}"
            );
            assert!(sql.contains("NOT"), "{sql}");
        }
    }

    #[test]
    fn caseless_values_leave_the_column_bare_and_others_fold_it() {
        let sql = |tree: Node| {
            let condition = Compiler::new(vec![field("tier", CustomFieldKind::Text)], clock())
                .compile(&tree, "definition")
                .unwrap();
            sql_of(condition, DbBackend::Postgres)
        };
        let postal =
            sql(cond(serde_json::json!({ "field": "POSTAL_CODE", "operator": "STARTS_WITH", "value": " 75" })));
        assert!(postal.contains(r#""contact"."postal_code" LIKE '75%'"#) && !postal.contains("LOWER"), "{postal}");
        let phone = sql(cond(serde_json::json!({ "field": "MOBILE_PHONE", "operator": "CONTAINS", "value": "+33 6" })));
        assert!(phone.contains(r#""contact"."mobile_phone" LIKE '%+33 6%'"#), "{phone}");
        let numbers =
            sql(cond(serde_json::json!({ "field": "EXTERNAL_ID", "operator": "IN", "values": ["12", "13"] })));
        assert!(numbers.contains(r#""contact"."external_id" IN ('12', '13')"#), "{numbers}");
        let custom = sql(cond(serde_json::json!({ "customFieldKey": "tier", "operator": "EQUALS", "value": "3" })));
        assert!(custom.contains(r#""contact_custom_value"."value_text" = '3'"#), "{custom}");
        // A letter, anywhere, keeps the comparison case-insensitive.
        let city = sql(cond(serde_json::json!({ "field": "CITY", "operator": "EQUALS", "value": "Lyon" })));
        assert!(city.contains(r#""contact"."city_folded" = 'lyon'"#) && !city.contains("LOWER"), "{city}");
        let name = sql(cond(serde_json::json!({ "field": "LAST_NAME", "operator": "CONTAINS", "value": "Dup" })));
        assert!(name.contains(r#""contact"."last_name_folded" LIKE '%dup%'"#), "{name}");
        // Fields without a folded copy still call lower().
        let street = sql(cond(serde_json::json!({ "field": "ADDRESS_LINE4", "operator": "CONTAINS", "value": "Rue" })));
        assert!(street.contains(r#"LOWER("contact"."address_line4") LIKE '%rue%'"#), "{street}");
        let mixed = sql(cond(serde_json::json!({ "field": "POSTAL_CODE", "operator": "STARTS_WITH", "value": "2a" })));
        assert!(mixed.contains(r#"LOWER("contact"."postal_code") LIKE '2a%'"#), "{mixed}");
        let some = sql(cond(serde_json::json!({ "field": "EXTERNAL_ID", "operator": "IN", "values": ["12", "x"] })));
        assert!(some.contains(r#"LOWER("contact"."external_id") IN ('12', 'x')"#), "{some}");
    }

    #[test]
    fn consent_tests_never_yield_null_so_not_keeps_contacts_without_consent() {
        let sql = |tree: Node| {
            let condition = Compiler::new(vec![], clock()).compile(&tree, "definition").unwrap();
            sql_of(condition, DbBackend::Sqlite)
        };
        let denied = sql(Node::Not(Box::new(cond(
            serde_json::json!({ "consentChannel": "SMS", "operator": "EQUALS", "value": "GRANTED" }),
        ))));
        assert!(
            denied.contains(r#"NOT ("contact"."consent_sms" IS NOT NULL AND "contact"."consent_sms" IN ('GRANTED'))"#),
            "{denied}"
        );
        let none = sql(cond(serde_json::json!({ "consentChannel": "POST", "operator": "IS_EMPTY" })));
        assert!(none.contains(r#"NOT "contact"."consent_post" IS NOT NULL"#), "{none}");
    }

    #[test]
    fn bad_trees_name_the_input_at_fault() {
        let mut compiler = Compiler::new(vec![field("points", CustomFieldKind::Number)], clock());
        let err = |compiler: &mut Compiler, tree: Node| match compiler.compile(&tree, "definition") {
            Err(ContactsError::Invalid { field, reason, .. }) => (field, reason),
            other => panic!("expected a refusal, got {other:?}"),
        };
        let tree = Node::Or(vec![cond(
            serde_json::json!({ "customFieldKey": "points", "operator": "GREATER_THAN", "value": "beaucoup" }),
        )]);
        assert_eq!(err(&mut compiler, tree), ("definition.or[0].condition.value".to_owned(), "INVALID_NUMBER"));
        let tree = Node::And(vec![]);
        assert_eq!(err(&mut compiler, tree).1, "EMPTY_GROUP");
        let tree = cond(serde_json::json!({ "field": "BIRTH_DATE", "operator": "CONTAINS", "value": "19" }));
        assert_eq!(err(&mut compiler, tree).1, "UNSUPPORTED_OPERATOR");
        let mut deep = cond(serde_json::json!({ "field": "CITY", "operator": "IS_EMPTY" }));
        for _ in 0..20 {
            deep = Node::Not(Box::new(deep));
        }
        assert_eq!(err(&mut compiler, deep).1, "TOO_DEEP");
    }
}

//! Counting and targeting: a segment is a tree of AND / OR / NOT over conditions on contact
//! fields, computed fields (age, creation and update times), custom fields and consent. The
//! compiler turns a tree into ONE SQL condition on `contact` (custom fields as correlated
//! `EXISTS` subqueries; consent as a test of the contact's consent summary columns), portable
//! across SQLite and PostgreSQL.
//!
//! - **Text** is compared the French way: free-text fields through their `<column>_folded`
//!   copies, with the value folded by the same Rust function
//!   ([`crm360_kernel::text::fold`]: accents, case, hyphens, apostrophes and spaces), so that
//!   both databases give the same answer; `EXACTLY` compares the stored text as it is. `LIKE`
//!   patterns take `%`, `_` and `\` literally (escaped), and ordering comparisons of text
//!   compare bytes (`COLLATE "C"` on PostgreSQL, SQLite's `BINARY`).
//! - **Two-valued logic**: every condition is TRUE or FALSE, never NULL (a test on a column
//!   holds only where the column has a value; `NOT_EQUALS` is `NOT EQUALS`), so that a
//!   condition and its `NOT` partition the contacts, those without a value included.
//! - **Rights**: without the Consult right, conditions on direct identifiers (e-mails,
//!   phones, names, address lines, external id, free-text custom fields) are refused
//!   (`FORBIDDEN`, reason `FORBIDDEN_FIELD`): counting is not a way to read them.
//! - **Limits**: at most [`MAX_LIST`] values in one `IN`, [`MAX_VALUES`] in a tree, and no
//!   control character (a NUL byte included) in a value (`INVALID_INPUT`).

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
use crm360_kernel::text::fold;
use crm360_kernel::values::PostalCode;
use crm360_kernel::{Clock, Right, TenantScope, TenantTxn};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr, Query, SimpleExpr, Value as SqlValue};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DbBackend, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
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

/// How a condition compares. Text compares folded (accents, case, hyphens, apostrophes and
/// repeated spaces ignored: `Saint-Etienne`, `SAINT ETIENNE` and `Saint-Étienne` are equal)
/// except with `EXACTLY`. Every condition and its `not` partition the contacts: a test on a
/// field holds only for contacts with a value, so its negation keeps those without one.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Serialize, Deserialize)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SegmentOperator {
    /// Equal to `value` (text folded: accents, case, hyphens ignored).
    Equals,
    /// Not equal to `value`: exactly the contacts `EQUALS` leaves out, empty values included.
    NotEquals,
    /// Equal to `value` exactly as stored: accents and case count.
    Exactly,
    /// Equal to one of `values` (at most 1 000).
    In,
    /// Contains `value` (text, folded; `%` and `_` are plain characters).
    Contains,
    /// Starts with `value` (text, folded).
    StartsWith,
    /// Ends with `value` (text, folded).
    EndsWith,
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
/// The most values one `IN` takes.
pub const MAX_LIST: usize = 1000;
/// The most values (of `IN` lists) a whole tree takes: below both databases' limits on the
/// parameters of one statement.
pub const MAX_VALUES: usize = 10_000;

/// Whether a standard field is a direct identifier of a person, which only the Consult right
/// may test (the contract's Analyse right counts and targets without reading them).
pub fn is_direct_identifier(field: ContactField) -> bool {
    use ContactField::*;
    matches!(
        field,
        ExternalId
            | FirstName
            | LastName
            | PersonalEmail
            | ProfessionalEmail
            | LandlinePhone
            | MobilePhone
            | AddressLine1
            | AddressLine2
            | AddressLine3
            | AddressLine4
            | AddressLine5
            | AddressLine6
    )
}

/// Whether a custom field's values are direct identifiers (free text may hold anything).
pub fn is_identifying_custom(kind: CustomFieldKind) -> bool {
    kind == CustomFieldKind::Text
}

/// What the compiler needs to know: the tenant's custom fields, the platform's clock for
/// today's date and the calendar days of its time zone, the database (for byte-wise text
/// order), and whether the caller may test direct identifiers.
pub struct Compiler {
    fields: HashMap<String, custom_field::Model>,
    clock: Clock,
    backend: DbBackend,
    identifiers: bool,
    conditions: usize,
    values: usize,
}

impl Compiler {
    /// The compiler of the transaction's tenant (its custom fields read within `txn`), for
    /// the transaction's actor: a tenant user or API client without the Consult right may not
    /// test direct identifiers; the system (jobs) may.
    pub async fn within(txn: &TenantTxn) -> ContactsResult<Compiler> {
        let actor = txn.scope().actor();
        let identifiers = actor.tenant_id().is_none() || actor.has_right(Right::Consult);
        Ok(Compiler::new(custom_fields::list_on(txn).await?, txn.scope().clock().clone())
            .on(txn.get_database_backend())
            .identifiers(identifiers))
    }

    /// A compiler for SQLite that may test every field.
    pub fn new(fields: Vec<custom_field::Model>, clock: Clock) -> Compiler {
        Compiler {
            fields: fields.into_iter().map(|f| (f.key.clone(), f)).collect(),
            clock,
            backend: DbBackend::Sqlite,
            identifiers: true,
            conditions: 0,
            values: 0,
        }
    }

    /// The database the condition runs on.
    pub fn on(mut self, backend: DbBackend) -> Compiler {
        self.backend = backend;
        self
    }

    /// Whether conditions may test direct identifiers.
    pub fn identifiers(mut self, allowed: bool) -> Compiler {
        self.identifiers = allowed;
        self
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
                if spec.values.len() > MAX_LIST {
                    return Err(ContactsError::invalid(
                        format!("{path}.values"),
                        "LIST_TOO_LONG",
                        format!("IN takes at most {MAX_LIST} values ({} given)", spec.values.len()),
                    ));
                }
                self.values += spec.values.len();
                if self.values > MAX_VALUES {
                    return Err(ContactsError::invalid(
                        format!("{path}.values"),
                        "LIST_TOO_LONG",
                        format!("a segment takes at most {MAX_VALUES} values in all"),
                    ));
                }
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
        ops.check_characters()?;
        // `NOT_EQUALS` is `EQUALS` negated, whatever the subject: the contacts without a
        // value are in it, as the operator promises.
        if spec.operator == SegmentOperator::NotEquals {
            let equals = ConditionSpec { operator: SegmentOperator::Equals, ..spec.clone() };
            return Ok(self.condition(&equals, path)?.not());
        }
        if let Some(field) = spec.field {
            if !self.identifiers && is_direct_identifier(field) {
                return Err(forbidden_field(path, "field", field.key()));
            }
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
        if !self.identifiers && is_identifying_custom(def.kind) {
            return Err(forbidden_field(path, "customFieldKey", key));
        }
        self.on_custom(def, &ops)
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

    /// A text expression compared byte by byte (`<`, `>`), the same order on both databases.
    fn bytewise(&self, expr: SimpleExpr) -> SimpleExpr {
        match self.backend {
            DbBackend::Postgres => Expr::cust_with_expr("$1 COLLATE \"C\"", expr),
            _ => expr,
        }
    }

    fn on_field(&self, field: ContactField, ops: &Operands) -> ContactsResult<SimpleExpr> {
        let col = Expr::col((contact::Entity, field.column()));
        match field.folded_column() {
            Some(folded) => self.on_text(field, col, Expr::col((contact::Entity, folded)), ops),
            None => self.on_coded(field, col, ops),
        }
    }

    /// A free-text field (names, company, e-mails, address lines, city...): its folded copy
    /// against the folded value, or the stored text itself for `EXACTLY`.
    fn on_text(
        &self,
        field: ContactField,
        col: SimpleExpr,
        folded: SimpleExpr,
        ops: &Operands,
    ) -> ContactsResult<SimpleExpr> {
        // The value as it would be stored: an e-mail address is checked as one for the
        // operators that compare whole values.
        let stored = |raw: &str, name: &str| -> ContactsResult<String> {
            match field.kind() {
                FieldKind::Email => values::email(raw).map_err(|r| ops.refused(name, r)),
                _ => Ok(raw.trim().to_owned()),
            }
        };
        let folded_value = |raw: &str, name: &str| stored(raw, name).map(|v| SqlValue::from(fold(&v)));
        let op = ops.spec.operator;
        Ok(match op {
            SegmentOperator::Exactly => present(col.clone(), col.eq(stored(ops.value()?, "value")?)),
            SegmentOperator::Contains | SegmentOperator::StartsWith | SegmentOperator::EndsWith => {
                present(folded.clone(), like(folded, op, &fold(ops.value()?)))
            }
            SegmentOperator::IsEmpty => col.is_null(),
            SegmentOperator::IsNotEmpty => col.is_not_null(),
            SegmentOperator::Equals | SegmentOperator::In => {
                present(folded.clone(), compare(folded, op, ops, &folded_value)?)
            }
            _ => {
                let plain = |raw: &str, _: &str| Ok(SqlValue::from(fold(raw)));
                present(folded.clone(), compare(self.bytewise(folded), op, ops, &plain)?)
            }
        })
    }

    /// A field of normalised values (phones, postal code, codes, country, language, birth
    /// date): exact operators compare normalised values ("Mme" is MRS, "06 12 ..." is
    /// +336...), patterns the stored form (upper-case codes, lower-case languages).
    fn on_coded(&self, field: ContactField, col: SimpleExpr, ops: &Operands) -> ContactsResult<SimpleExpr> {
        let kind = field.kind();
        let op = ops.spec.operator;
        let cased = |raw: &str| -> String {
            match kind {
                FieldKind::PostalCode | FieldKind::Country | FieldKind::Code(..) => raw.trim().to_uppercase(),
                FieldKind::Language => raw.trim().to_lowercase(),
                _ => raw.trim().to_owned(),
            }
        };
        if kind == FieldKind::BirthDate {
            let date = |raw: &str, name: &str| values::date(raw).map(SqlValue::from).map_err(|r| ops.refused(name, r));
            return Ok(match op {
                SegmentOperator::IsEmpty => col.is_null(),
                SegmentOperator::IsNotEmpty => col.is_not_null(),
                SegmentOperator::Exactly => present(col.clone(), compare(col, SegmentOperator::Equals, ops, &date)?),
                SegmentOperator::Contains | SegmentOperator::StartsWith | SegmentOperator::EndsWith => {
                    return Err(ops.unsupported());
                }
                _ => present(col.clone(), compare(col, op, ops, &date)?),
            });
        }
        let normalised = |raw: &str, name: &str| -> ContactsResult<SqlValue> {
            let value = match kind {
                // Any country's form: a Belgian 1000 is a postal code to target.
                FieldKind::PostalCode => PostalCode::parse_any(raw).map(PostalCode::into_string),
                _ => field.parse(raw, None, self.today()).map(|v| v.map(|v| v.display()).unwrap_or_default()),
            }
            .map_err(|r| ops.refused(name, r))?;
            Ok(SqlValue::from(value))
        };
        Ok(match op {
            SegmentOperator::Equals | SegmentOperator::In => present(col.clone(), compare(col, op, ops, &normalised)?),
            SegmentOperator::Exactly => present(col.clone(), col.eq(ops.value()?.trim())),
            SegmentOperator::Contains | SegmentOperator::StartsWith | SegmentOperator::EndsWith => {
                present(col.clone(), like(col, op, &cased(ops.value()?)))
            }
            SegmentOperator::IsEmpty => col.is_null(),
            SegmentOperator::IsNotEmpty => col.is_not_null(),
            _ => {
                let plain = |raw: &str, _: &str| Ok(SqlValue::from(cased(raw)));
                present(col.clone(), compare(self.bytewise(col), op, ops, &plain)?)
            }
        })
    }

    fn on_computed(&self, computed: ComputedField, ops: &Operands) -> ContactsResult<SimpleExpr> {
        let op = ops.spec.operator;
        match computed {
            ComputedField::Age => {
                let birth = Expr::col((contact::Entity, contact::Column::BirthDate));
                match op {
                    SegmentOperator::IsEmpty => return Ok(birth.is_null()),
                    SegmentOperator::IsNotEmpty => return Ok(birth.is_not_null()),
                    _ => {}
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
                let test = match op {
                    SegmentOperator::Equals | SegmentOperator::Exactly => {
                        at_least(age(ops.value()?, "value")?).and(at_most(age(ops.value()?, "value")?))
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
                };
                Ok(present(birth, test))
            }
            ComputedField::CreatedAt | ComputedField::UpdatedAt => {
                let column = if computed == ComputedField::CreatedAt {
                    contact::Column::CreatedAt
                } else {
                    contact::Column::UpdatedAt
                };
                // Never NULL: every contact has both times.
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
                    SegmentOperator::Equals | SegmentOperator::Exactly => {
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

    fn on_custom(&self, def: &custom_field::Model, ops: &Operands) -> ContactsResult<SimpleExpr> {
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
        let textual = matches!(kind, CustomFieldKind::Text | CustomFieldKind::ValueList);
        let column = match kind {
            CustomFieldKind::Text | CustomFieldKind::ValueList => custom_value::Column::ValueFolded,
            CustomFieldKind::Number => custom_value::Column::ValueNumber,
            CustomFieldKind::Date => custom_value::Column::ValueDate,
            CustomFieldKind::Boolean => custom_value::Column::ValueBool,
        };
        let col: SimpleExpr = Expr::col((custom_value::Entity, column));
        let convert = |raw: &str, name: &str| -> ContactsResult<SqlValue> {
            let refused = |r: values::Refusal| ops.refused(name, r);
            Ok(match kind {
                CustomFieldKind::Text | CustomFieldKind::ValueList => SqlValue::from(fold(raw)),
                CustomFieldKind::Number => SqlValue::from(values::number(raw).map_err(refused)?),
                CustomFieldKind::Date => SqlValue::from(values::date(raw).map_err(refused)?),
                CustomFieldKind::Boolean => SqlValue::from(values::boolean(raw).map_err(refused)?),
            })
        };
        let test = match op {
            SegmentOperator::Contains | SegmentOperator::StartsWith | SegmentOperator::EndsWith if textual => {
                like(col, op, &fold(ops.value()?))
            }
            SegmentOperator::Exactly if textual => {
                Expr::col((custom_value::Entity, custom_value::Column::ValueText)).eq(ops.value()?.trim())
            }
            SegmentOperator::Exactly => compare(col, SegmentOperator::Equals, ops, &convert)?,
            SegmentOperator::Equals | SegmentOperator::In => compare(col, op, ops, &convert)?,
            SegmentOperator::LessThan
            | SegmentOperator::LessOrEqual
            | SegmentOperator::GreaterThan
            | SegmentOperator::GreaterOrEqual
            | SegmentOperator::Between
                if kind != CustomFieldKind::Boolean =>
            {
                let col = if textual { self.bytewise(col) } else { col };
                compare(col, op, ops, &convert)?
            }
            _ => return Err(ops.unsupported()),
        };
        Ok(exists(Some(test)))
    }
}

fn forbidden_field(path: &str, name: &str, key: &str) -> ContactsError {
    ContactsError::Forbidden {
        field: format!("{path}.{name}"),
        reason: "FORBIDDEN_FIELD",
        message: format!(
            "{key:?} is a direct identifier: conditions on it need the CONSULT right (ANALYSE counts without reading personal data)"
        ),
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

    /// No control character (a NUL byte included) in any operand: refused before any SQL.
    fn check_characters(&self) -> ContactsResult<()> {
        let spec = self.spec;
        let named = [("value", &spec.value), ("from", &spec.from), ("to", &spec.to)];
        let mut all: Vec<(String, &str)> =
            named.iter().filter_map(|(n, v)| v.as_deref().map(|v| ((*n).to_owned(), v))).collect();
        all.extend(spec.values.iter().enumerate().map(|(i, v)| (format!("values[{i}]"), v.as_str())));
        if let Some(key) = &spec.custom_field_key {
            all.push(("customFieldKey".to_owned(), key.as_str()));
        }
        for (name, value) in all {
            if value.chars().any(char::is_control) {
                return Err(ContactsError::invalid(
                    format!("{}.{name}", self.path),
                    "CONTROL_CHARACTERS",
                    "a value cannot contain control characters (a NUL byte, a line break...)",
                ));
            }
        }
        Ok(())
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

/// `test` where `col` has a value, FALSE where it has none (never NULL): so that `NOT`
/// of a condition holds exactly where the condition does not.
fn present(col: SimpleExpr, test: SimpleExpr) -> SimpleExpr {
    col.is_not_null().and(test)
}

/// The comparison of `expr` by `op` (equality, lists, order), with values converted by
/// `convert`; the caller makes it two-valued with [`present`].
fn compare(expr: SimpleExpr, op: SegmentOperator, ops: &Operands, convert: &Convert) -> ContactsResult<SimpleExpr> {
    let one = |name: &str, raw: &str| convert(raw, name);
    Ok(match op {
        SegmentOperator::Equals => expr.eq(one("value", ops.value()?)?),
        SegmentOperator::In => {
            let mut list = Vec::new();
            for (i, raw) in ops.values()?.iter().enumerate() {
                list.push(one(&format!("values[{i}]"), raw)?);
            }
            expr.is_in(list)
        }
        SegmentOperator::LessThan => expr.lt(one("value", ops.value()?)?),
        SegmentOperator::LessOrEqual => expr.lte(one("value", ops.value()?)?),
        SegmentOperator::GreaterThan => expr.gt(one("value", ops.value()?)?),
        SegmentOperator::GreaterOrEqual => expr.gte(one("value", ops.value()?)?),
        SegmentOperator::Between => expr.between(one("from", ops.bound("from")?)?, one("to", ops.bound("to")?)?),
        _ => return Err(ops.unsupported()),
    })
}

pub use crm360_kernel::text::escape_like;

/// `expr LIKE <pattern> ESCAPE '\'` for contains, starts with or ends with `value` (taken
/// literally), the same on both databases.
pub(crate) fn like(expr: SimpleExpr, op: SegmentOperator, value: &str) -> SimpleExpr {
    let escaped = escape_like(value);
    let pattern = match op {
        SegmentOperator::StartsWith => format!("{escaped}%"),
        SegmentOperator::EndsWith => format!("%{escaped}"),
        _ => format!("%{escaped}%"),
    };
    expr.like(LikeExpr::new(pattern).escape('\\'))
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
        SegmentOperator::Equals | SegmentOperator::Exactly => has(Some(vec![status(ops.value()?, "value")?])),
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

/// The members of a segment, read page by page in id order within one transaction: the
/// condition is compiled once (campaign runs build their ledger this way).
pub struct SegmentMembers {
    condition: Condition,
    after: Option<Uuid>,
}

impl SegmentMembers {
    pub async fn of(txn: &TenantTxn, node: &Node) -> ContactsResult<SegmentMembers> {
        let condition = Compiler::within(txn).await?.compile(node, "definition")?;
        Ok(SegmentMembers { condition, after: None })
    }

    /// The next `limit` members, empty at the end.
    pub async fn next_page(&mut self, txn: &TenantTxn, limit: u64) -> ContactsResult<Vec<contact::Model>> {
        let mut select = txn.find::<contact::Entity>().filter(self.condition.clone());
        if let Some(after) = self.after {
            select = select.filter(contact::Column::Id.gt(after));
        }
        let rows = select.order_by_asc(contact::Column::Id).limit(limit).all(txn).await?;
        self.after = rows.last().map(|c| c.id);
        Ok(rows)
    }
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
    fn text_compares_folded_copies_and_patterns_are_literal() {
        let sql = |tree: Node, backend: DbBackend| {
            let condition = Compiler::new(vec![field("tier", CustomFieldKind::Text)], clock())
                .on(backend)
                .compile(&tree, "definition")
                .unwrap();
            sql_of(condition, backend)
        };
        let pg = |tree: Node| sql(tree, DbBackend::Postgres);
        let city = pg(cond(serde_json::json!({ "field": "CITY", "operator": "EQUALS", "value": "Saint-Étienne" })));
        assert!(
            city.contains(r#""contact"."city_folded" IS NOT NULL AND "contact"."city_folded" = 'saint etienne'"#)
                && !city.contains("LOWER"),
            "{city}"
        );
        let exact = pg(cond(serde_json::json!({ "field": "CITY", "operator": "EXACTLY", "value": " Saint-Étienne " })));
        assert!(exact.contains(r#""contact"."city" = 'Saint-Étienne'"#), "{exact}");
        let name = pg(cond(serde_json::json!({ "field": "LAST_NAME", "operator": "CONTAINS", "value": "50%_D\\" })));
        // (`_` folds to a space; `%` and `\` are escaped; PostgreSQL's text shows them doubled.)
        assert!(name.contains(r#""contact"."last_name_folded" LIKE E'%50\\% d\\\\%' ESCAPE E'\\'"#), "{name}");
        let ends = pg(cond(serde_json::json!({ "field": "ADDRESS_LINE4", "operator": "ENDS_WITH", "value": "Rue" })));
        assert!(ends.contains(r#""contact"."address_line4_folded" LIKE '%rue' ESCAPE E'\\'"#), "{ends}");
        // Normalised fields compare their stored form.
        let postal = pg(cond(serde_json::json!({ "field": "POSTAL_CODE", "operator": "STARTS_WITH", "value": " 2a" })));
        assert!(postal.contains(r#""contact"."postal_code" LIKE '2A%' ESCAPE E'\\'"#), "{postal}");
        let belgian = pg(cond(serde_json::json!({ "field": "POSTAL_CODE", "operator": "EQUALS", "value": "1000" })));
        assert!(belgian.contains(r#""contact"."postal_code" = '1000'"#), "{belgian}");
        let custom =
            pg(cond(serde_json::json!({ "customFieldKey": "tier", "operator": "EQUALS", "value": "Or-Plus" })));
        assert!(custom.contains(r#""contact_custom_value"."value_folded" = 'or plus'"#), "{custom}");
        // Text order is byte order on both databases.
        let after = |backend| {
            sql(cond(serde_json::json!({ "field": "CITY", "operator": "GREATER_THAN", "value": "M" })), backend)
        };
        let pg_order = after(DbBackend::Postgres);
        assert!(pg_order.contains(r#"("contact"."city_folded" COLLATE "C") > 'm'"#), "{pg_order}");
        assert!(after(DbBackend::Sqlite).contains(r#""contact"."city_folded" > 'm'"#));
    }

    #[test]
    fn every_condition_is_two_valued_and_not_equals_is_not_equals() {
        let sql = |tree: Node| {
            let condition = Compiler::new(vec![], clock()).compile(&tree, "definition").unwrap();
            sql_of(condition, DbBackend::Sqlite)
        };
        let not_paris = sql(cond(serde_json::json!({ "field": "CITY", "operator": "NOT_EQUALS", "value": "Paris" })));
        assert!(
            not_paris.contains(r#"NOT ("contact"."city_folded" IS NOT NULL AND "contact"."city_folded" = 'paris')"#),
            "{not_paris}"
        );
        let age = sql(cond(serde_json::json!({ "computed": "AGE", "operator": "NOT_EQUALS", "value": "30" })));
        assert!(age.contains(r#"NOT ("contact"."birth_date" IS NOT NULL AND"#), "{age}");
    }

    #[test]
    fn long_lists_control_characters_and_identifiers_are_refused() {
        let refusal = |compiler: Compiler, tree: Node| match compiler.identifiers(false).compile(&tree, "definition") {
            Err(ContactsError::Invalid { reason, .. } | ContactsError::Forbidden { reason, .. }) => reason,
            other => panic!("expected a refusal, got {other:?}"),
        };
        let values: Vec<String> = (0..1001).map(|i| format!("{i:05}")).collect();
        let long = cond(serde_json::json!({ "field": "POSTAL_CODE", "operator": "IN", "values": values }));
        assert_eq!(refusal(Compiler::new(vec![], clock()), long), "LIST_TOO_LONG");
        let nul = cond(serde_json::json!({ "field": "CITY", "operator": "EQUALS", "value": "Par\u{0}is" }));
        assert_eq!(refusal(Compiler::new(vec![], clock()), nul), "CONTROL_CHARACTERS");
        let email = cond(serde_json::json!({ "field": "PERSONAL_EMAIL", "operator": "STARTS_WITH", "value": "a" }));
        assert_eq!(refusal(Compiler::new(vec![], clock()), email), "FORBIDDEN_FIELD");
        let free = cond(serde_json::json!({ "customFieldKey": "tier", "operator": "IS_EMPTY" }));
        assert_eq!(
            refusal(Compiler::new(vec![field("tier", CustomFieldKind::Text)], clock()), free),
            "FORBIDDEN_FIELD"
        );
        // The others stay open to counting.
        let city = cond(serde_json::json!({ "field": "CITY", "operator": "EQUALS", "value": "Paris" }));
        assert!(Compiler::new(vec![], clock()).identifiers(false).compile(&city, "definition").is_ok());
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

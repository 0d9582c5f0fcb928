//! The contacts module's GraphQL types.

use super::loaders::{ConsentLoader, CustomValueLoader, PageRelated};
use crate::fields::ContactField;
use crate::model::{consent, contact, custom_field, import, import_mapping, import_row_error, segment};
use crate::service::consents::{ConsentChannel, ConsentStatus};
use crate::service::contacts as contact_service;
use crate::service::csv_file::FileEncoding;
use crate::service::custom_fields::{CustomFieldKind, CustomValue, options_of};
use crate::service::imports::{self, ColumnMapping, Preview, UpsertKey};
use crate::service::segments::{ComputedField, ConditionSpec, Node, SegmentOperator};
use async_graphql::connection::Connection;
use async_graphql::dataloader::DataLoader;
use async_graphql::{ComplexObject, Context, ID, InputObject, Json, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::model::audit_entry;
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::{ActorKind, ApiError};
use sea_orm::ActiveEnum;
use uuid::Uuid;

pub use crate::model::contact::{Civility, Gender, MaritalStatus};
pub use crate::model::import::ImportStatus;

/// A person of the tenant's consumer database.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(complex)]
pub struct Contact {
    pub id: ID,
    /// The tenant's own identifier of the contact.
    pub external_id: Option<String>,
    pub civility: Option<Civility>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company_name: Option<String>,
    pub job_title: Option<String>,
    pub personal_email: Option<String>,
    pub professional_email: Option<String>,
    /// E.164.
    pub landline_phone: Option<String>,
    /// E.164.
    pub mobile_phone: Option<String>,
    /// Postal address line 1 (recipient), AFNOR NF Z10-011.
    pub address_line1: Option<String>,
    /// Postal address line 2 (additional recipient details).
    pub address_line2: Option<String>,
    /// Postal address line 3 (additional delivery point details).
    pub address_line3: Option<String>,
    /// Postal address line 4 (number and street).
    pub address_line4: Option<String>,
    /// Postal address line 5 (lieu-dit, special distribution).
    pub address_line5: Option<String>,
    /// Postal address line 6 (postal code and locality as printed).
    pub address_line6: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub marital_status: Option<MaritalStatus>,
    pub gender: Option<Gender>,
    /// ISO 3166-1 alpha-2.
    pub nationality: Option<String>,
    /// ISO 639-1.
    pub spoken_language: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[graphql(skip)]
    pub tenant_id: Uuid,
    #[graphql(skip)]
    pub uuid: Uuid,
    /// The page's related data, when the contact came in a page that loaded it.
    #[graphql(skip)]
    pub related: Option<std::sync::Arc<PageRelated>>,
}

impl Contact {
    /// The contact, with the related data its page loaded.
    pub fn in_page(contact: contact::Model, related: &std::sync::Arc<PageRelated>) -> Contact {
        Contact { related: Some(related.clone()), ..Contact::from(contact) }
    }
}

impl From<contact::Model> for Contact {
    fn from(c: contact::Model) -> Contact {
        Contact {
            id: ID(c.id.to_string()),
            civility: c.civility,
            marital_status: c.marital_status,
            gender: c.gender,
            external_id: c.external_id,
            first_name: c.first_name,
            last_name: c.last_name,
            company_name: c.company_name,
            job_title: c.job_title,
            personal_email: c.personal_email,
            professional_email: c.professional_email,
            landline_phone: c.landline_phone,
            mobile_phone: c.mobile_phone,
            address_line1: c.address_line1,
            address_line2: c.address_line2,
            address_line3: c.address_line3,
            address_line4: c.address_line4,
            address_line5: c.address_line5,
            address_line6: c.address_line6,
            postal_code: c.postal_code,
            city: c.city,
            country: c.country,
            birth_date: c.birth_date,
            nationality: c.nationality,
            spoken_language: c.spoken_language,
            created_at: c.created_at,
            updated_at: c.updated_at,
            tenant_id: c.tenant_id,
            uuid: c.id,
            related: None,
        }
    }
}

#[ComplexObject]
impl Contact {
    /// Consent per channel, with its proof (channels never asked are absent).
    async fn consents(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Consent>> {
        if let Some(rows) = self.related.as_ref().and_then(|r| r.consents_of(self.uuid)) {
            return Ok(rows.into_iter().map(Consent::from).collect());
        }
        let loader = ctx.data::<DataLoader<ConsentLoader>>()?;
        let rows = loader.load_one(self.uuid).await.map_err(|e| async_graphql::Error::from((*e).clone()))?;
        Ok(rows.unwrap_or_default().into_iter().map(Consent::from).collect())
    }

    /// The contact's values of the tenant's custom fields.
    async fn custom_values(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CustomFieldValue>> {
        if let Some(rows) = self.related.as_ref().and_then(|r| r.custom_values_of(self.uuid)) {
            return Ok(rows.into_iter().map(|(field, value)| CustomFieldValue::new(&field, &value)).collect());
        }
        let loader = ctx.data::<DataLoader<CustomValueLoader>>()?;
        let rows = loader.load_one(self.uuid).await.map_err(|e| async_graphql::Error::from((*e).clone()))?;
        Ok(rows.unwrap_or_default().into_iter().map(|(field, value)| CustomFieldValue::new(&field, &value)).collect())
    }

    /// Every change to the contact (creation, edits, imports, consent), newest first.
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, ContactChange>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let rows = contact_service::history(&scope, self.uuid, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(ContactChange::from).collect(), |c| c.uuid))
    }
}

/// A consent and the proof of it.
#[derive(SimpleObject, Clone, Debug)]
pub struct Consent {
    pub channel: ConsentChannel,
    pub status: ConsentStatus,
    /// When the contact gave or refused it.
    pub collected_at: DateTime<Utc>,
    /// Where it was collected (form, shop, import file, ...).
    pub source: Option<String>,
    /// The wording the contact was shown.
    pub wording: Option<String>,
    /// The IP address it came from, for online collection.
    pub ip: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl From<consent::Model> for Consent {
    fn from(c: consent::Model) -> Consent {
        Consent {
            channel: c.channel,
            status: c.status,
            collected_at: c.collected_at,
            source: c.source,
            wording: c.wording,
            ip: c.ip,
            updated_at: c.updated_at,
        }
    }
}

/// A contact's value of one custom field.
#[derive(SimpleObject, Clone, Debug)]
pub struct CustomFieldValue {
    /// The field's key.
    pub key: String,
    pub label: String,
    pub kind: CustomFieldKind,
    /// The value as text: numbers with `.`, dates `YYYY-MM-DD`, booleans `true`/`false`.
    pub value: String,
}

impl CustomFieldValue {
    fn new(field: &custom_field::Model, value: &CustomValue) -> CustomFieldValue {
        CustomFieldValue {
            key: field.key.clone(),
            label: field.label.clone(),
            kind: field.kind,
            value: value.display(),
        }
    }
}

/// A tenant-defined field of contacts.
#[derive(SimpleObject, Clone, Debug)]
pub struct CustomField {
    pub id: ID,
    /// The stable key imports and segments use.
    pub key: String,
    pub label: String,
    pub kind: CustomFieldKind,
    /// The allowed values of a value list.
    pub options: Vec<String>,
    pub created_at: DateTime<Utc>,
}

impl From<custom_field::Model> for CustomField {
    fn from(f: custom_field::Model) -> CustomField {
        CustomField {
            id: ID(f.id.to_string()),
            options: options_of(&f),
            kind: f.kind,
            key: f.key,
            label: f.label,
            created_at: f.created_at,
        }
    }
}

/// One change in a contact's history.
#[derive(SimpleObject, Clone, Debug)]
pub struct ContactChange {
    pub id: ID,
    pub at: DateTime<Utc>,
    /// `contact.create`, `contact.update`, `contact.import.update`, `contact.consent.set`, ...
    pub action: String,
    pub actor_kind: Option<ActorKind>,
    /// The user or API token that made the change.
    pub actor_id: Option<ID>,
    pub before: Option<Json<serde_json::Value>>,
    pub after: Option<Json<serde_json::Value>>,
    #[graphql(skip)]
    pub uuid: Uuid,
}

impl From<audit_entry::Model> for ContactChange {
    fn from(e: audit_entry::Model) -> ContactChange {
        ContactChange {
            id: ID(e.id.to_string()),
            uuid: e.id,
            at: e.at,
            action: e.action,
            actor_kind: e.actor_kind.kind(),
            actor_id: e.actor_id.map(|id| ID(id.to_string())),
            before: e.before.map(Json),
            after: e.after.map(Json),
        }
    }
}

/// One condition of a segment: exactly one of `field`, `computed`, `customFieldKey`,
/// `consentChannel` names what it tests.
#[derive(InputObject, Clone, Debug)]
pub struct SegmentConditionInput {
    /// A contact field.
    pub field: Option<ContactField>,
    /// A computed property (age, creation or update time).
    pub computed: Option<ComputedField>,
    /// A custom field, by key.
    pub custom_field_key: Option<String>,
    /// The consent on a channel (values `GRANTED`, `DENIED`).
    pub consent_channel: Option<ConsentChannel>,
    pub operator: SegmentOperator,
    /// The operand of single-value operators.
    pub value: Option<String>,
    /// The operands of `IN`.
    pub values: Option<Vec<String>>,
    /// The lower bound of `BETWEEN`.
    pub from: Option<String>,
    /// The upper bound of `BETWEEN`.
    pub to: Option<String>,
}

/// A node of a segment tree: exactly one of `and`, `or`, `not`, `condition`.
#[derive(InputObject, Clone, Debug)]
pub struct SegmentNodeInput {
    /// Every child matches.
    pub and: Option<Vec<SegmentNodeInput>>,
    /// At least one child matches.
    pub or: Option<Vec<SegmentNodeInput>>,
    /// The child does not match.
    pub not: Option<Box<SegmentNodeInput>>,
    pub condition: Option<SegmentConditionInput>,
}

impl SegmentNodeInput {
    /// The tree, checked for one choice per node; `path` names the input in errors.
    pub fn to_node(&self, path: &str) -> Result<Node, ApiError> {
        let set = [self.and.is_some(), self.or.is_some(), self.not.is_some(), self.condition.is_some()];
        if set.iter().filter(|s| **s).count() != 1 {
            return Err(ApiError::invalid(
                path,
                "ONE_CHOICE",
                "a segment node is exactly one of and, or, not, condition",
            ));
        }
        if let Some(children) = &self.and {
            return Ok(Node::And(children_of(children, &format!("{path}.and"))?));
        }
        if let Some(children) = &self.or {
            return Ok(Node::Or(children_of(children, &format!("{path}.or"))?));
        }
        if let Some(child) = &self.not {
            return Ok(Node::Not(Box::new(child.to_node(&format!("{path}.not"))?)));
        }
        let c = self.condition.clone().ok_or_else(|| ApiError::internal("no condition"))?;
        Ok(Node::Condition(ConditionSpec {
            field: c.field,
            computed: c.computed,
            custom_field_key: c.custom_field_key,
            consent_channel: c.consent_channel,
            operator: c.operator,
            value: c.value,
            values: c.values.unwrap_or_default(),
            from: c.from,
            to: c.to,
        }))
    }
}

fn children_of(children: &[SegmentNodeInput], path: &str) -> Result<Vec<Node>, ApiError> {
    children.iter().enumerate().map(|(i, c)| c.to_node(&format!("{path}[{i}]"))).collect()
}

/// A saved segment.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(complex)]
pub struct Segment {
    pub id: ID,
    pub name: String,
    pub description: Option<String>,
    /// The condition tree, as saved.
    pub definition: Json<serde_json::Value>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Where to download the segment's contacts as CSV (needs `ANALYSE` and `CONSULT`).
    pub export_url: String,
    #[graphql(skip)]
    pub uuid: Uuid,
    #[graphql(skip)]
    pub node: Option<Node>,
}

impl From<segment::Model> for Segment {
    fn from(s: segment::Model) -> Segment {
        Segment {
            id: ID(s.id.to_string()),
            uuid: s.id,
            node: crate::service::segments::definition_of(&s).ok(),
            export_url: format!("/segments/{}/export", s.id),
            name: s.name,
            description: s.description,
            definition: Json(s.definition),
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

#[ComplexObject]
impl Segment {
    /// How many contacts match now (counted live, exactly).
    async fn count(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        let scope = tenant_scope(ctx)?;
        let node = self.node.clone().ok_or_else(|| ApiError::internal("unreadable segment definition"))?;
        Ok(crate::service::segments::count(&scope, &node).await.gql()? as i64)
    }
}

/// Which contact field a file column fills (at most one target; none skips the column).
#[derive(InputObject, SimpleObject, Clone, Debug)]
#[graphql(input_name = "ImportColumnInput")]
pub struct ImportColumn {
    /// The column's name in the file's header.
    pub column: String,
    pub field: Option<ContactField>,
    pub custom_field_key: Option<String>,
    /// The column holds a yes/no consent on this channel (with `consentDetail`, a part of
    /// that consent's proof).
    pub consent_channel: Option<ConsentChannel>,
    /// The column holds a part of the consents' proof: of `consentChannel`'s consent, or
    /// without it of every consent the row answers ("Date optin", "Source optin").
    pub consent_detail: Option<crate::service::imports::ConsentDetail>,
    /// What an empty cell does to a contact that has a value: `KEEP` (the default) or `CLEAR`.
    pub when_empty: Option<crate::service::imports::WhenEmpty>,
}

impl From<ImportColumn> for ColumnMapping {
    fn from(c: ImportColumn) -> ColumnMapping {
        ColumnMapping {
            column: c.column,
            field: c.field,
            custom_field_key: c.custom_field_key,
            consent_channel: c.consent_channel,
            consent_detail: c.consent_detail,
            when_empty: c.when_empty,
        }
    }
}

impl From<ColumnMapping> for ImportColumn {
    fn from(c: ColumnMapping) -> ImportColumn {
        ImportColumn {
            column: c.column,
            field: c.field,
            custom_field_key: c.custom_field_key,
            consent_channel: c.consent_channel,
            consent_detail: c.consent_detail,
            when_empty: c.when_empty,
        }
    }
}

/// A saved, reusable column mapping.
#[derive(SimpleObject, Clone, Debug)]
pub struct ImportMapping {
    pub id: ID,
    pub name: String,
    pub columns: Vec<ImportColumn>,
    pub upsert_key: UpsertKey,
    pub created_at: DateTime<Utc>,
}

impl From<import_mapping::Model> for ImportMapping {
    fn from(m: import_mapping::Model) -> ImportMapping {
        ImportMapping {
            id: ID(m.id.to_string()),
            columns: imports::columns_of(&m.columns).into_iter().map(ImportColumn::from).collect(),
            upsert_key: m.upsert_key,
            name: m.name,
            created_at: m.created_at,
        }
    }
}

/// A problem with a file or a row.
#[derive(SimpleObject, Clone, Debug)]
pub struct FileProblem {
    /// The line of the file, when the problem is a row's.
    pub line: Option<i64>,
    /// A stable reason: `BINARY_FILE`, `UNSUPPORTED_ENCODING`, `WRONG_FIELD_COUNT`, ...
    pub reason: String,
    pub message: String,
}

/// The head of an uploaded file, as the importer reads it.
#[derive(SimpleObject, Clone, Debug)]
pub struct ImportPreview {
    pub encoding: Option<FileEncoding>,
    pub delimiter: Option<String>,
    pub headers: Vec<String>,
    /// The first rows that could be read.
    pub rows: Vec<Vec<String>>,
    /// A mapping guessed from the header's names.
    pub suggested_columns: Vec<ImportColumn>,
    /// Why the file cannot be imported at all, if it cannot.
    pub problem: Option<FileProblem>,
    /// Rows among the first that cannot be read.
    pub row_problems: Vec<FileProblem>,
}

impl From<Preview> for ImportPreview {
    fn from(p: Preview) -> ImportPreview {
        ImportPreview {
            encoding: p.encoding,
            delimiter: p.delimiter,
            headers: p.headers,
            rows: p.rows,
            suggested_columns: p.suggested.into_iter().map(ImportColumn::from).collect(),
            problem: p.problem.map(|r| FileProblem { line: None, reason: r.reason.to_owned(), message: r.message }),
            row_problems: p
                .row_problems
                .into_iter()
                .map(|(line, r)| FileProblem {
                    line: Some(line as i64),
                    reason: r.reason.to_owned(),
                    message: r.message,
                })
                .collect(),
        }
    }
}

/// One run of an import.
#[derive(Clone, Debug)]
pub struct Import(pub import::Model);

#[Object]
impl Import {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn filename(&self) -> &str {
        &self.0.filename
    }

    async fn status(&self) -> ImportStatus {
        self.0.status
    }

    /// A dry run checks and counts everything, and writes nothing.
    async fn dry_run(&self) -> bool {
        self.0.dry_run
    }

    async fn upsert_key(&self) -> UpsertKey {
        self.0.upsert_key
    }

    async fn columns(&self) -> Vec<ImportColumn> {
        imports::columns_of(&self.0.columns).into_iter().map(ImportColumn::from).collect()
    }

    /// Why the whole file was refused, when it was.
    async fn failure(&self) -> Option<&str> {
        self.0.failure.as_deref()
    }

    /// The encoding the file was read in.
    async fn encoding(&self) -> Option<String> {
        self.0.encoding.map(|encoding| encoding.to_value())
    }

    async fn delimiter(&self) -> Option<&str> {
        self.0.delimiter.as_deref()
    }

    /// Progress from 0 to 100, by bytes of the file written; 100 only once the import is done.
    async fn progress_percent(&self) -> f64 {
        if self.0.status == ImportStatus::Done {
            return 100.0;
        }
        if self.0.bytes_total <= 0 {
            return 0.0;
        }
        // The last batch is written before the run is marked done: until then, at most 99.
        ((self.0.bytes_done as f64 / self.0.bytes_total as f64) * 100.0).clamp(0.0, 99.0)
    }

    /// Rows read so far (failed ones included).
    async fn rows_done(&self) -> i64 {
        self.0.rows_done
    }

    async fn rows_created(&self) -> i64 {
        self.0.rows_created
    }

    async fn rows_updated(&self) -> i64 {
        self.0.rows_updated
    }

    /// Rows whose contact already had every value: nothing written.
    async fn rows_unchanged(&self) -> i64 {
        self.0.rows_unchanged
    }

    /// Rows refused (see `errors`); nothing of them was written.
    async fn rows_failed(&self) -> i64 {
        self.0.rows_failed
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn started_at(&self) -> Option<DateTime<Utc>> {
        self.0.started_at
    }

    async fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.0.finished_at
    }

    /// Where to download the per-row error report as CSV.
    async fn error_report_url(&self) -> String {
        format!("/imports/{}/errors", self.0.id)
    }

    /// The refused rows and values, in file order.
    async fn errors(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, ImportRowError>> {
        let scope = tenant_scope(ctx)?;
        let limit = Page::parse(first, None, Order::OldestFirst)?.limit;
        let after_seq =
            match after {
                Some(cursor) => Some(cursor.parse::<i64>().map_err(|_| {
                    ApiError::invalid("after", "INVALID_CURSOR", "the cursor is not one this API gave")
                })?),
                None => None,
            };
        let mut rows = imports::errors(&scope, self.0.id, after_seq, limit + 1).await.gql()?;
        let has_next = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let mut connection = Connection::new(after_seq.is_some(), has_next);
        connection.edges.extend(
            rows.into_iter().map(|e| async_graphql::connection::Edge::new(e.seq.to_string(), ImportRowError::from(e))),
        );
        Ok(connection)
    }
}

/// A refused row or value of an import.
#[derive(SimpleObject, Clone, Debug)]
pub struct ImportRowError {
    /// The line of the file (the header is line 1).
    pub line: i64,
    /// The file's column at fault, when one is.
    pub column: Option<String>,
    /// A stable reason: `INVALID_EMAIL`, `WRONG_FIELD_COUNT`, `MISSING_KEY`, ...
    pub reason: String,
    pub message: String,
}

impl From<import_row_error::Model> for ImportRowError {
    fn from(e: import_row_error::Model) -> ImportRowError {
        ImportRowError { line: e.line, column: e.column, reason: e.reason, message: e.message }
    }
}

/// An automatic feed: files dropped in its inbox folder are imported on schedule with its
/// saved mapping, then moved to `done/` or `failed/` beside their report.
#[derive(SimpleObject, Clone, Debug)]
pub struct Feed {
    pub id: ID,
    pub name: String,
    /// The saved mapping (and upsert key) applied to every file.
    pub mapping_id: ID,
    pub every_minutes: i32,
    /// The inbox folder, relative to the server's data directory.
    pub inbox_path: String,
    pub next_run_at: DateTime<Utc>,
    pub last_run_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<crate::model::feed::Model> for Feed {
    fn from(f: crate::model::feed::Model) -> Feed {
        Feed {
            id: ID(f.id.to_string()),
            inbox_path: crate::service::feeds::inbox_path(f.tenant_id, f.id),
            mapping_id: ID(f.mapping_id.to_string()),
            name: f.name,
            every_minutes: f.every_minutes,
            next_run_at: f.next_run_at,
            last_run_at: f.last_run_at,
            created_at: f.created_at,
        }
    }
}

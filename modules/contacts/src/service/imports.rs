//! Imports: preview of an uploaded file, column mappings (saved for reuse), then a background
//! job that upserts contacts on a chosen key with a per-row error report. A dry run does all
//! the work and rolls it back. Rows that fail leave the database as it was; a re-run of the
//! same file changes nothing (unchanged rows are not written).
//!
//! The job streams: a reader thread decodes and validates batches of rows, and writers (two
//! on PostgreSQL) write each batch, one transaction each, the rows of one key always in the
//! same writer and in file order. New contacts go in as multi-row inserts, updates row by row.

use crate::error::{ContactsError, ContactsResult};
use crate::fields::{ContactField, FieldValue};
use crate::jobs::ImportJob;
use crate::model::consent;
use crate::model::{contact, custom_field, import, import_mapping, import_row_error};
use crate::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
use crate::service::contacts::{self, ContactChanges, FieldError, Written};
use crate::service::csv_file::{CsvFile, FileEncoding, Row};
use crate::service::custom_fields;
use crate::service::uploads::{self, FileSettings};
use crate::values::{self, Refusal};
use chrono::{DateTime, NaiveDate, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::ids::new_id;
use crm360_kernel::pagination::Page;
use crm360_kernel::{TenantScope, TenantTxn};
use sea_orm::{ActiveEnum, ActiveModelTrait, ColumnTrait, DbBackend, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

pub use crate::model::import::{ImportStatus, UpsertKey};

const BATCH_ROWS: usize = 500;
const PREVIEW_ROWS: usize = 10;

impl UpsertKey {
    fn field(self) -> ContactField {
        match self {
            UpsertKey::ExternalId => ContactField::ExternalId,
            UpsertKey::Email => ContactField::PersonalEmail,
        }
    }
}

/// Which contact field a file column fills: exactly one of the targets, or none to skip it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    pub column: String,
    pub field: Option<ContactField>,
    pub custom_field_key: Option<String>,
    /// The column holds a yes/no consent on this channel (or, with `consent_detail`, a part
    /// of that consent's proof).
    pub consent_channel: Option<ConsentChannel>,
    /// The column holds a part of the proof of the row's consents: of the channel's consent
    /// when `consent_channel` is set, of every consent the row answers otherwise.
    #[serde(default)]
    pub consent_detail: Option<ConsentDetail>,
    /// What an empty cell does to the contact's value (it keeps it unless told otherwise).
    #[serde(default)]
    pub when_empty: Option<WhenEmpty>,
}

/// A part of a consent's proof that a file can carry beside the answer.
#[derive(Copy, Clone, Debug, Eq, PartialEq, Hash, Serialize, Deserialize, async_graphql::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ConsentDetail {
    /// When it was collected: `JJ/MM/AAAA`, `JJ/MM/AAAA HH:MM[:SS]` or ISO 8601, in the
    /// platform's time zone unless the value says otherwise.
    CollectedAt,
    /// Where it was collected (a form, a shop, a contest).
    Source,
    /// The wording the person was shown.
    Wording,
    /// The address the consent was given from.
    Ip,
}

/// What an empty cell of a column does on a contact that already has a value.
#[derive(Copy, Clone, Debug, Default, Eq, PartialEq, Serialize, Deserialize, async_graphql::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum WhenEmpty {
    /// The contact keeps its value (the default: a partial file never erases data).
    #[default]
    Keep,
    /// The contact's value is cleared.
    Clear,
}

/// The first rows of a file and what the reader made of it.
#[derive(Clone, Debug)]
pub struct Preview {
    pub encoding: Option<FileEncoding>,
    pub delimiter: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub suggested: Vec<ColumnMapping>,
    /// Why the file cannot be imported at all, when it cannot.
    pub problem: Option<Refusal>,
    /// Rows of the preview that cannot be read, with their line.
    pub row_problems: Vec<(u64, Refusal)>,
}

/// Column names French files use, folded, for the suggested mapping.
fn suggest(header: &str, custom: &[custom_field::Model]) -> ColumnMapping {
    let folded = values::fold(header).replace(['_', '-', '.'], " ");
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let field = match folded.as_str() {
        "id" | "identifiant" | "ref" | "reference" | "code client" | "id client" | "numero client" | "external id" => {
            Some(ContactField::ExternalId)
        }
        "civilite" | "titre" => Some(ContactField::Civility),
        "prenom" | "first name" => Some(ContactField::FirstName),
        "nom" | "nom de famille" | "last name" => Some(ContactField::LastName),
        "societe" | "entreprise" | "raison sociale" | "company" => Some(ContactField::CompanyName),
        "fonction" | "poste" | "job title" => Some(ContactField::JobTitle),
        "email" | "e mail" | "mail" | "courriel" | "email perso" | "email personnel" => {
            Some(ContactField::PersonalEmail)
        }
        "email pro" | "email professionnel" | "mail pro" => Some(ContactField::ProfessionalEmail),
        "telephone" | "tel" | "fixe" | "telephone fixe" => Some(ContactField::LandlinePhone),
        "mobile" | "portable" | "telephone mobile" | "tel mobile" | "gsm" => Some(ContactField::MobilePhone),
        "adresse 1" | "adresse1" | "ligne 1" => Some(ContactField::AddressLine1),
        "adresse 2" | "adresse2" | "ligne 2" => Some(ContactField::AddressLine2),
        "adresse 3" | "adresse3" | "ligne 3" => Some(ContactField::AddressLine3),
        "adresse" | "adresse 4" | "adresse4" | "ligne 4" | "rue" => Some(ContactField::AddressLine4),
        "adresse 5" | "adresse5" | "ligne 5" | "lieu dit" => Some(ContactField::AddressLine5),
        "adresse 6" | "adresse6" | "ligne 6" => Some(ContactField::AddressLine6),
        "cp" | "code postal" | "postal code" => Some(ContactField::PostalCode),
        "ville" | "commune" | "localite" | "city" => Some(ContactField::City),
        "pays" | "country" => Some(ContactField::Country),
        "date de naissance" | "naissance" | "date naissance" | "birth date" => Some(ContactField::BirthDate),
        "situation familiale" | "situation maritale" | "etat civil" => Some(ContactField::MaritalStatus),
        "sexe" | "genre" | "gender" => Some(ContactField::Gender),
        "nationalite" => Some(ContactField::Nationality),
        "langue" | "langue parlee" => Some(ContactField::SpokenLanguage),
        other => ContactField::ALL.into_iter().find(|f| values::fold(f.key()) == other.replace(' ', "")),
    };
    let (consent_channel, consent_detail) = suggest_consent(&folded);
    let custom_field_key = if field.is_none() && consent_channel.is_none() && consent_detail.is_none() {
        custom.iter().find(|c| c.key == header.trim() || values::fold(&c.label) == folded).map(|c| c.key.clone())
    } else {
        None
    };
    ColumnMapping {
        column: header.to_owned(),
        field,
        custom_field_key,
        consent_channel,
        consent_detail,
        when_empty: None,
    }
}

/// The consent column a folded header names: "Optin email", "Date optin email", "Source
/// optin" (every channel of the row), "IP optin SMS"...
fn suggest_consent(folded: &str) -> (Option<ConsentChannel>, Option<ConsentDetail>) {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let about_consent = words.iter().any(|w| matches!(*w, "optin" | "opt" | "consentement" | "consent" | "rgpd"));
    if !about_consent {
        return (None, None);
    }
    let channel = words.iter().find_map(|w| match *w {
        "email" | "mail" | "e" | "courriel" => Some(ConsentChannel::Email),
        "sms" | "mobile" => Some(ConsentChannel::Sms),
        "courrier" | "postal" | "post" => Some(ConsentChannel::Post),
        _ => None,
    });
    let detail = words.iter().find_map(|w| match *w {
        "date" | "le" | "horodatage" => Some(ConsentDetail::CollectedAt),
        "source" | "origine" | "provenance" | "canal" => Some(ConsentDetail::Source),
        "texte" | "libelle" | "wording" | "mention" => Some(ConsentDetail::Wording),
        "ip" => Some(ConsentDetail::Ip),
        _ => None,
    });
    (channel, detail)
}

/// Reads the head of an uploaded file.
pub async fn preview(scope: &TenantScope, files: &FileSettings, upload_id: Uuid) -> ContactsResult<Preview> {
    let txn = scope.begin().await?;
    let upload = uploads::get_in(&txn, upload_id).await?;
    let custom = custom_fields::list_on(&txn).await?;
    txn.commit().await?;
    let path = uploads::path_of(files, &upload);
    tokio::task::spawn_blocking(move || {
        let mut file = match CsvFile::open(&path, None) {
            Ok(file) => file,
            Err(problem) => {
                return Preview {
                    encoding: None,
                    delimiter: None,
                    headers: vec![],
                    rows: vec![],
                    suggested: vec![],
                    problem: Some(problem),
                    row_problems: vec![],
                };
            }
        };
        let mut rows = Vec::new();
        let mut row_problems = Vec::new();
        while rows.len() + row_problems.len() < PREVIEW_ROWS {
            match file.next_row() {
                Some(Row { fields: Ok(fields), .. }) => rows.push(fields),
                Some(Row { line, fields: Err(refusal) }) => row_problems.push((line, refusal)),
                None => break,
            }
        }
        Preview {
            encoding: Some(file.sniffed.encoding),
            delimiter: Some((file.sniffed.delimiter as char).to_string()),
            suggested: file.headers.iter().map(|h| suggest(h, &custom)).collect(),
            headers: file.headers.clone(),
            rows,
            problem: None,
            row_problems,
        }
    })
    .await
    .map_err(|err| ContactsError::Internal(err.to_string()))
}

/// Checks a mapping against the tenant's custom fields and the key.
fn check_mapping(
    columns: &[ColumnMapping],
    key: UpsertKey,
    custom: &HashMap<String, custom_field::Model>,
) -> ContactsResult<()> {
    let mut seen_fields = Vec::new();
    for (i, mapping) in columns.iter().enumerate() {
        let consent = mapping.consent_channel.is_some() || mapping.consent_detail.is_some();
        let targets = [mapping.field.is_some(), mapping.custom_field_key.is_some(), consent];
        if targets.iter().filter(|t| **t).count() > 1 {
            return Err(ContactsError::invalid(
                format!("columns[{i}]"),
                "ONE_TARGET",
                "a column fills at most one of field, customFieldKey, consentChannel",
            ));
        }
        if mapping.when_empty == Some(WhenEmpty::Clear) && (consent || mapping.field == Some(key.field())) {
            return Err(ContactsError::invalid(
                format!("columns[{i}].whenEmpty"),
                "CANNOT_CLEAR",
                "an empty cell cannot clear the upsert key or a consent (record an opt-out instead)",
            ));
        }
        if let Some(key) = &mapping.custom_field_key
            && !custom.contains_key(key)
        {
            return Err(ContactsError::invalid(
                format!("columns[{i}].customFieldKey"),
                "UNKNOWN_CUSTOM_FIELD",
                format!("no custom field has the key {key:?}"),
            ));
        }
        let target = (mapping.field, mapping.custom_field_key.clone(), mapping.consent_channel, mapping.consent_detail);
        if targets.iter().any(|t| *t) && seen_fields.contains(&target) {
            return Err(ContactsError::invalid(
                format!("columns[{i}]"),
                "DUPLICATE_TARGET",
                "two columns fill the same field",
            ));
        }
        seen_fields.push(target);
    }
    if !columns.iter().any(|m| m.field == Some(key.field())) {
        return Err(ContactsError::invalid(
            "columns",
            "KEY_NOT_MAPPED",
            format!("the upsert key {} needs a column mapped to {}", key.to_value(), key.field().key()),
        ));
    }
    Ok(())
}

fn custom_by_key(list: Vec<custom_field::Model>) -> HashMap<String, custom_field::Model> {
    list.into_iter().map(|d| (d.key.clone(), d)).collect()
}

fn columns_json(columns: &[ColumnMapping]) -> ContactsResult<serde_json::Value> {
    serde_json::to_value(columns).map_err(|err| ContactsError::Internal(err.to_string()))
}

pub fn columns_of(json: &serde_json::Value) -> Vec<ColumnMapping> {
    serde_json::from_value(json.clone()).unwrap_or_default()
}

// ---- Saved mappings ----

pub async fn create_mapping(
    scope: &TenantScope,
    name: &str,
    columns: Vec<ColumnMapping>,
    key: UpsertKey,
) -> ContactsResult<import_mapping::Model> {
    let name = values::text(name, 200).map_err(|r| ContactsError::invalid("name", r.reason, r.message))?;
    if name.is_empty() {
        return Err(ContactsError::invalid("name", "REQUIRED", "a mapping needs a name"));
    }
    let txn = scope.begin().await?;
    check_mapping(&columns, key, &custom_by_key(custom_fields::list_on(&txn).await?))?;
    let mapping = import_mapping::ActiveModel {
        name: Set(name),
        columns: Set(columns_json(&columns)?),
        upsert_key: Set(key),
        ..Default::default()
    };
    let saved = txn.insert(mapping).await?;
    let change = AuditChange::new("import_mapping.create", "import_mapping", saved.id)
        .after(serde_json::json!({ "name": saved.name, "columns": saved.columns, "upsertKey": saved.upsert_key }));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn list_mappings(scope: &TenantScope) -> ContactsResult<Vec<import_mapping::Model>> {
    let txn = scope.begin().await?;
    let mappings = txn.find::<import_mapping::Entity>().order_by_asc(import_mapping::Column::Name).all(&txn).await?;
    txn.commit().await?;
    Ok(mappings)
}

pub async fn get_mapping(scope: &TenantScope, id: Uuid) -> ContactsResult<import_mapping::Model> {
    let txn = scope.begin().await?;
    let mapping = get_mapping_in(&txn, id).await?;
    txn.commit().await?;
    Ok(mapping)
}

pub async fn get_mapping_in(txn: &TenantTxn, id: Uuid) -> ContactsResult<import_mapping::Model> {
    txn.find::<import_mapping::Entity>()
        .filter(import_mapping::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(ContactsError::NotFound("import mapping"))
}

pub async fn delete_mapping(scope: &TenantScope, id: Uuid) -> ContactsResult<import_mapping::Model> {
    let txn = scope.begin().await?;
    let before = get_mapping_in(&txn, id).await?;
    txn.delete_many::<import_mapping::Entity>().filter(import_mapping::Column::Id.eq(id)).exec(&txn).await?;
    let change = AuditChange::new("import_mapping.delete", "import_mapping", id)
        .before(serde_json::json!({ "name": before.name, "columns": before.columns }));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(before)
}

// ---- Runs ----

/// What starting an import needs: the file, the mapping (given or saved), the key.
pub struct StartImport {
    pub upload_id: Uuid,
    pub columns: Option<Vec<ColumnMapping>>,
    pub mapping_id: Option<Uuid>,
    pub key: Option<UpsertKey>,
    pub dry_run: bool,
}

/// Queues an import: the row and its job ([`ImportJob`]) are written together.
pub async fn start(scope: &TenantScope, files: &FileSettings, start: StartImport) -> ContactsResult<import::Model> {
    let txn = scope.begin().await?;
    let upload = uploads::get_in(&txn, start.upload_id).await?;
    let (columns, key) = match (start.columns, start.mapping_id) {
        (Some(columns), None) => (columns, start.key.unwrap_or(UpsertKey::ExternalId)),
        (None, Some(mapping_id)) => {
            let mapping = get_mapping_in(&txn, mapping_id).await?;
            (columns_of(&mapping.columns), start.key.unwrap_or(mapping.upsert_key))
        }
        _ => {
            return Err(ContactsError::invalid("columns", "ONE_MAPPING", "give either columns or mappingId"));
        }
    };
    check_mapping(&columns, key, &custom_by_key(custom_fields::list_on(&txn).await?))?;
    let path = uploads::path_of(files, &upload);
    let size = if uploads::exists(&path) { std::fs::metadata(&path)?.len() as i64 } else { 0 };
    let id = new_id();
    let job_id = txn.enqueue(&ImportJob { import_id: id }).await?;
    let queued = import::ActiveModel {
        id: Set(id),
        upload_id: Set(upload.id),
        filename: Set(upload.filename.clone()),
        columns: Set(columns_json(&columns)?),
        upsert_key: Set(key),
        dry_run: Set(start.dry_run),
        status: Set(ImportStatus::Queued),
        failure: Set(None),
        encoding: Set(None),
        delimiter: Set(None),
        bytes_total: Set(size),
        bytes_done: Set(0),
        rows_done: Set(0),
        rows_created: Set(0),
        rows_updated: Set(0),
        rows_unchanged: Set(0),
        rows_failed: Set(0),
        job_id: Set(Some(job_id)),
        started_at: Set(None),
        finished_at: Set(None),
        ..Default::default()
    };
    let saved = txn.insert(queued).await?;
    let change = AuditChange::new("import.start", "import", id).after(serde_json::json!({
        "uploadId": upload.id, "filename": upload.filename, "columns": saved.columns,
        "upsertKey": saved.upsert_key, "dryRun": saved.dry_run,
    }));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn find(scope: &TenantScope, id: Uuid) -> ContactsResult<Option<import::Model>> {
    let txn = scope.begin().await?;
    let found = find_in(&txn, id).await?;
    txn.commit().await?;
    Ok(found)
}

pub async fn find_in(txn: &TenantTxn, id: Uuid) -> ContactsResult<Option<import::Model>> {
    Ok(txn.find::<import::Entity>().filter(import::Column::Id.eq(id)).one(txn).await?)
}

pub async fn get(scope: &TenantScope, id: Uuid) -> ContactsResult<import::Model> {
    find(scope, id).await?.ok_or(ContactsError::NotFound("import"))
}

pub async fn list(scope: &TenantScope, page: &Page) -> ContactsResult<Vec<import::Model>> {
    let txn = scope.begin().await?;
    let rows = page.apply(txn.find::<import::Entity>(), import::Column::Id).all(&txn).await?;
    txn.commit().await?;
    Ok(rows)
}

/// A page of an import's row errors, in file order, after the error `after_seq`.
pub async fn errors(
    scope: &TenantScope,
    import_id: Uuid,
    after_seq: Option<i64>,
    limit: u64,
) -> ContactsResult<Vec<import_row_error::Model>> {
    let txn = scope.begin().await?;
    let rows = errors_in(&txn, import_id, after_seq, limit).await?;
    txn.commit().await?;
    Ok(rows)
}

/// [`errors`] within the caller's transaction.
pub async fn errors_in(
    txn: &TenantTxn,
    import_id: Uuid,
    after_seq: Option<i64>,
    limit: u64,
) -> ContactsResult<Vec<import_row_error::Model>> {
    let mut query = txn.find::<import_row_error::Entity>().filter(import_row_error::Column::ImportId.eq(import_id));
    if let Some(after) = after_seq {
        query = query.filter(import_row_error::Column::Seq.gt(after));
    }
    Ok(query.order_by_asc(import_row_error::Column::Seq).limit(limit).all(txn).await?)
}

// ---- The job ----

/// A row as the reader hands it over: validated, or refused with its errors (the file's
/// column, if any, and why).
struct ReadRow {
    line: u64,
    outcome: Result<Prepared, Vec<(Option<String>, Refusal)>>,
}

/// A batch of rows read and validated, and how far reading got.
struct Batch {
    rows: Vec<ReadRow>,
    bytes_read: u64,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    done: i64,
    created: i64,
    updated: i64,
    unchanged: i64,
    failed: i64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.done += other.done;
        self.created += other.created;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.failed += other.failed;
    }
}

/// The file's mapped columns, by position in its header.
fn positions_of(headers: &[String], columns: &[ColumnMapping]) -> Vec<(usize, ColumnMapping)> {
    columns.iter().filter_map(|m| headers.iter().position(|h| *h == m.column).map(|i| (i, m.clone()))).collect()
}

/// How many transactions write a batch at once. PostgreSQL runs each in its own backend, so
/// two use both cores of a small server; rows are split by their key, so a contact's rows stay
/// in one writer, in file order. One writer on SQLite (one writer at a time), and when the
/// key is the email while the file also fills external ids: two new contacts with the same
/// external id in two writers would wait on each other's uncommitted row.
fn writers_for(backend: DbBackend, key: UpsertKey, columns: &[ColumnMapping]) -> usize {
    let maps_external_id = columns.iter().any(|m| m.field == Some(ContactField::ExternalId));
    match backend {
        DbBackend::Postgres if !(key == UpsertKey::Email && maps_external_id) => 2,
        _ => 1,
    }
}

/// The writer of a row: all rows with one key go to the same writer.
fn writer_of(key_value: &str, writers: usize) -> usize {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key_value.hash(&mut hasher);
    (hasher.finish() % writers as u64) as usize
}

/// Runs an import (its job [`ImportJob`]). Reading happens on a blocking thread that hands
/// batches over a bounded channel: memory stays flat whatever the file's size.
pub async fn run_import(scope: &TenantScope, files: &FileSettings, import_id: Uuid) -> ContactsResult<()> {
    let Some(prepared) = prepare_run(scope, files, import_id).await? else {
        return Ok(());
    };
    let RunStart { run, upload, path, columns, custom } = prepared;
    let key = run.upsert_key;
    // A dry run writes everything in one transaction that it rolls back at the end, so that a
    // key seen again many batches later meets its first row, as in the real run: one writer.
    let writers = if run.dry_run { 1 } else { writers_for(scope.backend(), key, &columns) };

    // The reader decodes and validates (CPU work, off the async workers) while the writers
    // write the previous batch.
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Result<Batch, Refusal>>(2);
    let (header_sender, header_receiver) = tokio::sync::oneshot::channel::<(FileEncoding, u8, Vec<String>)>();
    let (clock, started) = (scope.clock().clone(), scope.now());
    let reader_columns = columns.clone();
    let reader = tokio::task::spawn_blocking(move || {
        let mut file = match CsvFile::open(&path, None) {
            Ok(file) => file,
            Err(refusal) => {
                let _ = sender.blocking_send(Err(refusal));
                return;
            }
        };
        let _ = header_sender.send((file.sniffed.encoding, file.sniffed.delimiter, file.headers.clone()));
        let positions = positions_of(&file.headers, &reader_columns);
        let batch_rows = BATCH_ROWS * writers;
        let mut rows = Vec::with_capacity(batch_rows);
        while let Some(row) = file.next_row() {
            let outcome = match row.fields {
                Ok(fields) => prepare_row(&clock, started, &positions, &fields, key, &custom)
                    .map_err(|list| list.into_iter().map(located).collect()),
                Err(refusal) => Err(vec![(None, refusal)]),
            };
            rows.push(ReadRow { line: row.line, outcome });
            if rows.len() == batch_rows {
                let batch = Batch { rows: std::mem::take(&mut rows), bytes_read: file.bytes_read() };
                if sender.blocking_send(Ok(batch)).is_err() {
                    return;
                }
            }
        }
        let _ = sender.blocking_send(Ok(Batch { rows, bytes_read: file.bytes_read() }));
    });

    let header = header_receiver.await.ok();
    let mut current = mark_running(scope, &run, header.as_ref()).await?;
    let mut counts = Counts::default();
    let mut failure = header.as_ref().and_then(|(_, _, headers)| missing_columns(&columns, headers));
    if failure.is_none() {
        let headers = header.as_ref().map(|h| h.2.clone()).unwrap_or_default();
        let positions = positions_of(&headers, &columns);
        let writing = std::sync::Arc::new(Writing {
            scope: scope.clone(),
            unmapped: unmapped_columns(&positions),
            positions,
            key,
            filename: upload.filename.clone(),
        });
        let mut statistics = StatisticsRefresh::new();
        let mut seq: i64 = 0;
        let rehearsal = if run.dry_run { Some(scope.begin().await?) } else { None };
        // SQLite has one writer at a time (and the door's transactions are IMMEDIATE, so other
        // requests wait for the rehearsal too, up to the busy timeout): while the rehearsal
        // holds the lock, the report and the progress wait in memory and are written once it
        // is rolled back.
        let hold_reports = rehearsal.is_some() && scope.backend() == DbBackend::Sqlite;
        let mut held: Vec<import_row_error::ActiveModel> = Vec::new();
        let mut bytes_done: u64 = 0;
        while let Some(message) = receiver.recv().await {
            let batch = match message {
                Ok(batch) => batch,
                Err(refusal) => {
                    failure = Some(refusal);
                    break;
                }
            };
            let bytes_read = batch.bytes_read;
            bytes_done = bytes_read;
            let errors = write_batch(&writing, rehearsal.as_ref(), writers, batch, &mut counts).await?;
            let rows = errors.into_iter().map(|(line, column, refusal)| {
                seq += 1;
                import_row_error::ActiveModel {
                    import_id: Set(import_id),
                    seq: Set(seq),
                    line: Set(line as i64),
                    column: Set(column),
                    reason: Set(refusal.reason.to_owned()),
                    message: Set(refusal.message),
                    ..Default::default()
                }
            });
            if hold_reports {
                held.extend(rows);
                continue;
            }
            current = record_progress(scope, &current, rows.collect(), bytes_read, counts).await?;
            if !run.dry_run {
                statistics.after_batch(scope, counts.created).await?;
            }
        }
        if let Some(rehearsal) = rehearsal {
            rehearsal.rollback().await?;
        }
        if hold_reports {
            current = record_progress(scope, &current, held, bytes_done, counts).await?;
        }
    }
    drop(receiver);
    let _ = reader.await;
    finish_run(scope, current, counts, failure).await
}

/// Adds row errors to the report and moves the run's progress on, in one transaction.
async fn record_progress(
    scope: &TenantScope,
    current: &import::Model,
    errors: Vec<import_row_error::ActiveModel>,
    bytes_done: u64,
    counts: Counts,
) -> ContactsResult<import::Model> {
    let mut progress: import::ActiveModel = current.clone().into();
    progress.bytes_done = Set(bytes_done as i64);
    set_counts(&mut progress, counts);
    let txn = scope.begin().await?;
    for chunk in errors.chunks(1_000) {
        txn.insert_rows(chunk.to_vec()).await?;
    }
    let updated = txn.update(progress).await?;
    txn.commit().await?;
    Ok(updated)
}

/// What a run reads before its file: the import, its upload and the tenant's custom fields.
struct RunStart {
    run: import::Model,
    upload: crate::model::upload::Model,
    path: std::path::PathBuf,
    columns: Vec<ColumnMapping>,
    custom: HashMap<String, custom_field::Model>,
}

/// Reads what the run needs, and clears the report of an earlier attempt; `None` when the
/// import has already finished (a job run again after its finish).
async fn prepare_run(scope: &TenantScope, files: &FileSettings, import_id: Uuid) -> ContactsResult<Option<RunStart>> {
    let txn = scope.begin().await?;
    let run = find_in(&txn, import_id).await?.ok_or(ContactsError::NotFound("import"))?;
    if run.status.is_finished() {
        return Ok(None);
    }
    // A run resumed after a crash starts over: upserts make that safe, and the report is redone.
    txn.delete_many::<import_row_error::Entity>()
        .filter(import_row_error::Column::ImportId.eq(import_id))
        .exec(&txn)
        .await?;
    let upload = uploads::get_in(&txn, run.upload_id).await?;
    let custom = custom_by_key(custom_fields::list_on(&txn).await?);
    txn.commit().await?;
    let path = uploads::path_of(files, &upload);
    let columns = columns_of(&run.columns);
    Ok(Some(RunStart { run, upload, path, columns, custom }))
}

/// Marks the run started, with what the reader learnt of the file (if it could open it).
async fn mark_running(
    scope: &TenantScope,
    run: &import::Model,
    header: Option<&(FileEncoding, u8, Vec<String>)>,
) -> ContactsResult<import::Model> {
    let mut update: import::ActiveModel = run.clone().into();
    update.status = Set(ImportStatus::Running);
    update.started_at = Set(Some(scope.now()));
    set_counts(&mut update, Counts::default());
    if let Some((encoding, delimiter, _)) = header {
        update.encoding = Set(Some(*encoding));
        update.delimiter = Set(Some((*delimiter as char).to_string()));
    }
    let txn = scope.begin().await?;
    let running = txn.update(update).await?;
    txn.commit().await?;
    Ok(running)
}

/// The refusal of a file whose header lacks mapped columns.
fn missing_columns(columns: &[ColumnMapping], headers: &[String]) -> Option<Refusal> {
    let missing: Vec<&str> =
        columns.iter().filter(|m| !headers.contains(&m.column)).map(|m| m.column.as_str()).collect();
    (!missing.is_empty())
        .then(|| Refusal::new("MISSING_COLUMNS", format!("the file has no column {}", missing.join(", "))))
}

/// Writes one batch: its rows are split by key between the writers, each a task of its own
/// with its own transaction. Returns the batch's row errors, in file order.
async fn write_batch(
    writing: &std::sync::Arc<Writing>,
    rehearsal: Option<&TenantTxn>,
    writers: usize,
    batch: Batch,
    counts: &mut Counts,
) -> ContactsResult<Vec<(u64, Option<String>, Refusal)>> {
    let mut errors: Vec<(u64, Option<String>, Refusal)> = Vec::new();
    let mut parts: Vec<Vec<(u64, Prepared)>> = (0..writers).map(|_| Vec::new()).collect();
    for row in batch.rows {
        counts.done += 1;
        match row.outcome {
            Ok(prepared) => {
                // What validation corrected is reported beside the errors; the row is written.
                errors.extend(prepared.valid.corrections.iter().map(|c| {
                    (row.line, Some(c.field.clone()), Refusal { reason: c.reason, message: c.message.clone() })
                }));
                parts[writer_of(&prepared.key_value, writers)].push((row.line, prepared))
            }
            Err(list) => {
                counts.failed += 1;
                errors.extend(list.into_iter().map(|(column, refusal)| (row.line, column, refusal)));
            }
        }
    }
    if let Some(txn) = rehearsal {
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            let part = writing.write_in(txn, part).await?;
            counts.add(part.counts);
            errors.extend(part.errors);
        }
        errors.sort_by_key(|(line, _, _)| *line);
        return Ok(errors);
    }
    // Each writer is a task of its own: building statements is CPU work too, and the
    // runtime spreads it over its threads while the other writer waits on the database.
    let tasks: Vec<_> = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            let writing = writing.clone();
            tokio::spawn(async move { writing.write(p).await })
        })
        .collect();
    for task in futures::future::join_all(tasks).await {
        let part = task.map_err(|err| ContactsError::Internal(format!("import writer: {err}")))??;
        counts.add(part.counts);
        errors.extend(part.errors);
    }
    // The report lists errors in file order, whichever writer found them.
    errors.sort_by_key(|(line, _, _)| *line);
    Ok(errors)
}

/// Records the run's outcome, with its audit entry.
async fn finish_run(
    scope: &TenantScope,
    current: import::Model,
    counts: Counts,
    failure: Option<Refusal>,
) -> ContactsResult<()> {
    let import_id = current.id;
    let mut finish: import::ActiveModel = current.clone().into();
    set_counts(&mut finish, counts);
    finish.finished_at = Set(Some(scope.now()));
    match &failure {
        Some(refusal) => {
            finish.status = Set(ImportStatus::Failed);
            finish.failure = Set(Some(format!("{}: {}", refusal.reason, refusal.message)));
        }
        None => {
            finish.status = Set(ImportStatus::Done);
            finish.bytes_done = Set(current.bytes_total.max(current.bytes_done));
        }
    }
    let txn = scope.begin().await?;
    let finished = txn.update(finish).await?;
    let change = AuditChange::new("import.finish", "import", import_id).after(serde_json::json!({
        "status": finished.status, "failure": finished.failure, "dryRun": finished.dry_run,
        "rowsDone": counts.done, "rowsCreated": counts.created, "rowsUpdated": counts.updated,
        "rowsUnchanged": counts.unchanged, "rowsFailed": counts.failed,
    }));
    txn.audit(change).await?;
    txn.commit().await?;
    Ok(())
}

/// A row error as the report keeps it: the file's column and the refusal.
fn located(error: FieldError) -> (Option<String>, Refusal) {
    (Some(error.field), Refusal { reason: error.reason, message: error.message })
}

/// What one writer did with its share of a batch.
struct Part {
    counts: Counts,
    errors: Vec<(u64, Option<String>, Refusal)>,
}

/// The contact columns the file does not fill: new contacts leave them to their default
/// (NULL) rather than sending a NULL per row and column.
fn unmapped_columns(positions: &[(usize, ColumnMapping)]) -> Vec<contact::Column> {
    let mapped: Vec<ContactField> = positions.iter().filter_map(|(_, m)| m.field).collect();
    ContactField::ALL.iter().filter(|f| !mapped.contains(f)).map(|f| f.column()).collect()
}

/// What every writer of a run shares.
struct Writing {
    scope: TenantScope,
    positions: Vec<(usize, ColumnMapping)>,
    unmapped: Vec<contact::Column>,
    key: UpsertKey,
    filename: String,
}

impl Writing {
    /// Writes a share of a batch: on PostgreSQL the new contacts with `COPY` (committed first,
    /// so that a key seen again later in the share finds its contact), then the others in a
    /// transaction of their own. A crash between the two is safe: a run starts over, and the
    /// contacts already written are then unchanged.
    async fn write(&self, rows: Vec<(u64, Prepared)>) -> ContactsResult<Part> {
        let txn = self.scope.begin().await?;
        let part = match self.scope.bulk_load().await? {
            Some(mut bulk) => {
                let mut part = Part { counts: Counts::default(), errors: Vec::new() };
                let (fresh, rest) = plan_fresh(&txn, rows, self.key, &self.filename, &self.unmapped).await?;
                part.counts.created += fresh.len() as i64;
                fresh.load(&mut bulk).await?;
                bulk.commit().await?;
                self.write_rest(&txn, rest, part).await?
            }
            None => self.write_in(&txn, rows).await?,
        };
        txn.commit().await?;
        Ok(part)
    }

    /// Writes a share of a batch within `txn`: new contacts in bulk, the others row by row.
    async fn write_in(&self, txn: &TenantTxn, rows: Vec<(u64, Prepared)>) -> ContactsResult<Part> {
        let mut part = Part { counts: Counts::default(), errors: Vec::new() };
        let (fresh, rest) = plan_fresh(txn, rows, self.key, &self.filename, &self.unmapped).await?;
        part.counts.created += fresh.len() as i64;
        fresh.insert(txn).await?;
        self.write_rest(txn, rest, part).await
    }

    /// Writes, row by row, the rows the bulk path left.
    async fn write_rest(&self, txn: &TenantTxn, rest: Vec<(u64, Prepared)>, mut part: Part) -> ContactsResult<Part> {
        for (line, row_ready) in rest {
            match write_row(txn, &self.positions, row_ready, self.key, &self.filename).await {
                Ok(Written::Created(_)) => part.counts.created += 1,
                Ok(Written::Updated(_)) => part.counts.updated += 1,
                Ok(Written::Unchanged(_)) => part.counts.unchanged += 1,
                Err(RowFailure::Values(list)) => {
                    part.counts.failed += 1;
                    part.errors.extend(list.into_iter().map(located).map(|(column, refusal)| (line, column, refusal)));
                }
                Err(RowFailure::Fatal(err)) => return Err(err),
            }
        }
        Ok(part)
    }
}

/// Keeps PostgreSQL's statistics of the contact table in step with a large import into a
/// small table. A connection plans the foreign-key checks of consents and custom values once
/// and keeps the plan: planned while the table looked empty, it scans the whole table for
/// every row written, and each batch is slower than the last (100 000 rows took 120 s instead
/// of 27 s). `ANALYZE` refreshes the statistics and invalidates those plans. It runs each time
/// the rows this import created double, from 1 000 to 64 000 (seven quick runs on a small
/// table): once the planner knows the table holds tens of thousands of rows, the index plans
/// it picks stay right as it grows. Nothing to do on SQLite.
struct StatisticsRefresh {
    /// The created rows at which the next refresh runs.
    next: i64,
}

impl StatisticsRefresh {
    const FIRST: i64 = 1_000;
    const LAST: i64 = 64_000;

    fn new() -> StatisticsRefresh {
        StatisticsRefresh { next: Self::FIRST }
    }

    async fn after_batch(&mut self, scope: &TenantScope, created: i64) -> ContactsResult<()> {
        if created < self.next || self.next > Self::LAST || scope.backend() != DbBackend::Postgres {
            return Ok(());
        }
        scope.refresh_statistics("contact").await?;
        while self.next <= created {
            self.next *= 2;
        }
        Ok(())
    }
}

fn set_counts(model: &mut import::ActiveModel, counts: Counts) {
    model.rows_done = Set(counts.done);
    model.rows_created = Set(counts.created);
    model.rows_updated = Set(counts.updated);
    model.rows_unchanged = Set(counts.unchanged);
    model.rows_failed = Set(counts.failed);
}

enum RowFailure {
    /// The row's values were refused: it is reported and nothing of it is written.
    Values(Vec<FieldError>),
    /// The database failed: the run stops (and is retried).
    Fatal(ContactsError),
}

impl From<ContactsError> for RowFailure {
    fn from(err: ContactsError) -> RowFailure {
        match err {
            ContactsError::Invalid { field, reason, message } => {
                RowFailure::Values(vec![FieldError { field, reason, message }])
            }
            ContactsError::Conflict { reason, message } => {
                RowFailure::Values(vec![FieldError { field: String::new(), reason, message }])
            }
            other => RowFailure::Fatal(other),
        }
    }
}

/// A row that passed validation, ready to write.
struct Prepared {
    valid: contacts::Validated,
    consents: Vec<ConsentAnswer>,
    key_value: String,
}

/// A consent as a row gives it: the answer, and what the file says of its proof.
#[derive(Clone, Debug)]
struct ConsentAnswer {
    channel: ConsentChannel,
    granted: bool,
    collected_at: Option<DateTime<Utc>>,
    source: Option<String>,
    wording: Option<String>,
    ip: Option<String>,
}

impl ConsentAnswer {
    /// The proof to record: the file's, completed by the import itself where the file is silent.
    fn proof(&self, now: DateTime<Utc>, filename: &str) -> ConsentProof {
        ConsentProof {
            channel: self.channel,
            status: ConsentStatus::of_answer(self.granted),
            collected_at: self.collected_at.unwrap_or(now),
            source: Some(self.source.clone().unwrap_or_else(|| format!("import {filename}"))),
            wording: self.wording.clone(),
            ip: self.ip.clone(),
        }
    }
}

/// A cell as the contact gets it: Excel's line breaks inside a cell (Alt+Entrée) become one
/// space, since every field is one line.
fn one_line(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.contains(['\r', '\n']) {
        std::borrow::Cow::Owned(cell.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Validates one row: every refusal is decided here, before any write.
fn prepare_row(
    clock: &crm360_kernel::clock::Clock,
    now: DateTime<Utc>,
    positions: &[(usize, ColumnMapping)],
    fields: &[String],
    key: UpsertKey,
    custom: &HashMap<String, custom_field::Model>,
) -> Result<Prepared, Vec<FieldError>> {
    let today = clock.date_of(now);
    let mut changes = ContactChanges::default();
    let mut answers: Vec<ConsentAnswer> = Vec::new();
    // Proof parts, applied once every answer of the row is known: (channel or every one, part, value).
    let mut details: Vec<(Option<ConsentChannel>, ConsentDetail, String, &str)> = Vec::new();
    let mut errors = Vec::new();
    for (position, mapping) in positions {
        let cell = one_line(fields.get(*position).map(|c| c.trim()).unwrap_or_default());
        let cell = cell.as_ref();
        if cell.is_empty() {
            // An empty cell leaves the contact's value as it is, unless the mapping clears it.
            if mapping.when_empty == Some(WhenEmpty::Clear) {
                if let Some(field) = mapping.field {
                    changes.fields.push((field, None));
                } else if let Some(custom_key) = &mapping.custom_field_key {
                    changes.custom.push((custom_key.clone(), None));
                }
            }
            continue;
        }
        if let Some(field) = mapping.field {
            changes.fields.push((field, Some(cell.to_owned())));
        } else if let Some(custom_key) = &mapping.custom_field_key {
            changes.custom.push((custom_key.clone(), Some(cell.to_owned())));
        } else if let Some(detail) = mapping.consent_detail {
            details.push((mapping.consent_channel, detail, cell.to_owned(), mapping.column.as_str()));
        } else if let Some(channel) = mapping.consent_channel {
            match values::boolean(cell) {
                Ok(granted) => answers.push(ConsentAnswer {
                    channel,
                    granted,
                    collected_at: None,
                    source: None,
                    wording: None,
                    ip: None,
                }),
                Err(refusal) => errors.push(FieldError {
                    field: mapping.column.clone(),
                    reason: refusal.reason,
                    message: refusal.message,
                }),
            }
        }
    }
    for (channel, detail, value, column) in details {
        let parsed = consent_detail(clock, now, detail, &value).map_err(|refusal| FieldError {
            field: column.to_owned(),
            reason: refusal.reason,
            message: refusal.message,
        });
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        for answer in answers.iter_mut().filter(|a| channel.is_none_or(|c| c == a.channel)) {
            match &parsed {
                DetailValue::At(at) => answer.collected_at = Some(*at),
                DetailValue::Text(text) => match detail {
                    ConsentDetail::Source => answer.source = Some(text.clone()),
                    ConsentDetail::Wording => answer.wording = Some(text.clone()),
                    _ => answer.ip = Some(text.clone()),
                },
            }
        }
    }
    let valid = match contacts::validate(&changes, None, custom, today) {
        Ok(mut valid) => {
            valid.corrections = valid.corrections.into_iter().map(|e| with_column(e, positions)).collect();
            valid
        }
        Err(list) => {
            errors.extend(list.into_iter().map(|e| with_column(e, positions)));
            return Err(errors);
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let key_value = valid.fields.iter().find_map(|(f, v)| (*f == key.field()).then(|| v.clone()).flatten());
    let Some(FieldValue::Text(key_value)) = key_value else {
        return Err(vec![FieldError {
            field: positions
                .iter()
                .find(|(_, m)| m.field == Some(key.field()))
                .map(|(_, m)| m.column.clone())
                .unwrap_or_default(),
            reason: "MISSING_KEY",
            message: format!("the row has no {}", key.field().key()),
        }]);
    };
    Ok(Prepared { valid, consents: answers, key_value })
}

/// The contact's current status on a channel, from its summary column.
fn summary_of(contact: &contact::Model, channel: ConsentChannel) -> Option<ConsentStatus> {
    match channel {
        ConsentChannel::Email => contact.consent_email,
        ConsentChannel::Sms => contact.consent_sms,
        ConsentChannel::Post => contact.consent_post,
    }
}

/// A proof part as read from its cell.
enum DetailValue {
    At(DateTime<Utc>),
    Text(String),
}

/// Reads a proof part: a collection time (French or ISO, in the platform's time zone unless
/// it says otherwise, never in the future), a source or wording, an IP address.
fn consent_detail(
    clock: &crm360_kernel::clock::Clock,
    now: DateTime<Utc>,
    detail: ConsentDetail,
    cell: &str,
) -> Result<DetailValue, Refusal> {
    match detail {
        ConsentDetail::CollectedAt => {
            let at = collection_time(clock, cell)
                .ok_or_else(|| Refusal::new("INVALID_DATE", format!("{cell:?} is not a date (JJ/MM/AAAA [HH:MM])")))?;
            if at > now {
                return Err(Refusal::new("IN_THE_FUTURE", "a consent cannot be collected in the future"));
            }
            Ok(DetailValue::At(at))
        }
        ConsentDetail::Source => Ok(DetailValue::Text(values::text(cell, 200)?)),
        ConsentDetail::Wording => Ok(DetailValue::Text(values::text(cell, 2000)?)),
        ConsentDetail::Ip => cell
            .parse::<std::net::IpAddr>()
            .map(|ip| DetailValue::Text(ip.to_string()))
            .map_err(|_| Refusal::new("INVALID_IP", format!("{cell:?} is not an IP address"))),
    }
}

/// A collection time as French files write it: `14/07/2023`, `14/07/2023 10:30[:15]`,
/// `2023-07-14`, `2023-07-14 10:30:15`, or RFC 3339 with its offset. A time without an offset
/// is the platform's local time; a date alone is its midnight.
fn collection_time(clock: &crm360_kernel::clock::Clock, cell: &str) -> Option<DateTime<Utc>> {
    use chrono::NaiveDateTime;
    if let Ok(at) = DateTime::parse_from_rfc3339(cell) {
        return Some(at.with_timezone(&Utc));
    }
    const DATE_TIMES: [&str; 6] = [
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d-%m-%Y %H:%M",
    ];
    let local = DATE_TIMES.iter().find_map(|f| NaiveDateTime::parse_from_str(cell, f).ok()).or_else(|| {
        ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(cell, f).ok())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })?;
    clock.from_local(local)
}

/// The rows that create a contact, with their consents, custom values and history entries,
/// ready to insert in bulk.
#[derive(Default)]
struct FreshRows {
    contacts: Vec<contact::ActiveModel>,
    consents: Vec<consent::ActiveModel>,
    custom: Vec<crate::model::custom_value::ActiveModel>,
    history: Vec<AuditChange>,
}

impl FreshRows {
    fn len(&self) -> usize {
        self.contacts.len()
    }

    /// Inserts them within a transaction (a few multi-row statements).
    async fn insert(self, txn: &TenantTxn) -> ContactsResult<()> {
        txn.insert_rows(self.contacts).await?;
        txn.insert_rows(self.consents).await?;
        txn.insert_rows(self.custom).await?;
        txn.audit_many(self.history).await?;
        Ok(())
    }

    /// Loads them with `COPY` (PostgreSQL).
    async fn load(self, bulk: &mut crm360_kernel::copy::BulkLoad) -> ContactsResult<()> {
        bulk.insert_rows(self.contacts).await?;
        bulk.insert_rows(self.consents).await?;
        bulk.insert_rows(self.custom).await?;
        bulk.audit_many(self.history).await?;
        Ok(())
    }
}

/// Sorts out the rows that create a contact: their key is new to the tenant and to the batch.
/// Returns them ready to insert in bulk, and the others, in file order, for the row-by-row
/// path.
async fn plan_fresh(
    txn: &TenantTxn,
    prepared: Vec<(u64, Prepared)>,
    key: UpsertKey,
    filename: &str,
    unmapped: &[contact::Column],
) -> ContactsResult<(FreshRows, Vec<(u64, Prepared)>)> {
    let keys: Vec<String> = prepared.iter().map(|(_, p)| p.key_value.clone()).collect();
    let mut known: std::collections::HashSet<String> = std::collections::HashSet::new();
    if !keys.is_empty() {
        let column = key.field().column();
        let found: Vec<Option<String>> = txn
            .find::<contact::Entity>()
            .select_only()
            .column(column)
            .filter(column.is_in(keys))
            .into_tuple()
            .all(txn)
            .await?;
        known.extend(found.into_iter().flatten());
    }
    let now = txn.now();
    let mut fresh = FreshRows::default();
    let mut rest = Vec::new();
    for (line, row) in prepared {
        let has_external = row.valid.fields.iter().any(|(f, v)| *f == ContactField::ExternalId && v.is_some());
        let is_fresh = !(key == UpsertKey::Email && has_external) && known.insert(row.key_value.clone());
        if !is_fresh {
            rest.push((line, row));
            continue;
        }
        // Every column set, so that the row is a model (for its audit entry); the unmapped ones
        // are left out of the insert below.
        let mut active = contact::ActiveModel {
            tenant_id: Set(txn.tenant_id()),
            id: Set(new_id()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        for field in ContactField::ALL {
            let _ = field.set(&mut active, None);
        }
        for (field, value) in &row.valid.fields {
            field.set(&mut active, value.clone()).map_err(|r| ContactsError::Internal(r.message))?;
        }
        let answers: Vec<(ConsentChannel, bool)> = row.consents.iter().map(|a| (a.channel, a.granted)).collect();
        consents::summarise(&mut active, &answers);
        contact::fill_folded(&mut active);
        let model: contact::Model = sea_orm::TryIntoModel::try_into_model(active.clone())?;
        // One history entry per new contact, its consents included: a third of the audit
        // rows of a typical file, and the same facts as separate entries would hold.
        let mut custom_keys = std::collections::BTreeMap::new();
        for (definition, value) in &row.valid.custom {
            if let Some(value) = value {
                fresh.custom.push(value.row(model.id, definition.id));
                custom_keys.insert(definition.key.clone(), value.display());
            }
        }
        let mut created = contacts::snapshot(&model, &custom_keys);
        let mut consent_snapshots = Vec::new();
        for answer in &row.consents {
            let proof = answer.proof(now, filename);
            let consent = consent::Model {
                tenant_id: txn.tenant_id(),
                contact_id: model.id,
                channel: answer.channel,
                status: proof.status,
                collected_at: proof.collected_at,
                source: proof.source.clone(),
                wording: proof.wording.clone(),
                ip: proof.ip.clone(),
                updated_at: now,
            };
            consent_snapshots.push(consents::snapshot(&consent));
            fresh.consents.push(consent::ActiveModel::from(consent));
        }
        if !consent_snapshots.is_empty() {
            created["consents"] = serde_json::Value::Array(consent_snapshots);
        }
        fresh.history.push(AuditChange::new("contact.import.create", "contact", model.id).after_json(created));
        for column in unmapped {
            active.not_set(*column);
            if let Some(folded) = contact::folded_of(*column) {
                active.not_set(folded);
            }
        }
        fresh.contacts.push(active);
    }
    Ok((fresh, rest))
}

/// Writes one prepared row within the batch's transaction (an update, or a creation the bulk
/// path left). A database failure aborts the whole batch (and the job is retried).
async fn write_row(
    txn: &TenantTxn,
    positions: &[(usize, ColumnMapping)],
    row: Prepared,
    key: UpsertKey,
    filename: &str,
) -> Result<Written, RowFailure> {
    let Prepared { valid, consents: consent_cells, key_value } = row;
    let existing = txn
        .find::<contact::Entity>()
        .filter(key.field().column().eq(key_value))
        .order_by_asc(contact::Column::Id)
        .one(txn)
        .await
        .map_err(ContactsError::from)?;
    // With the email as key, an external id in the file must not collide with another contact's.
    // Checked before writing, not left to the unique key: on PostgreSQL a violation would
    // abort the batch's transaction, and the rows of the batch with it.
    let outcome = async {
        let external =
            valid.fields.iter().find_map(|(f, v)| (*f == ContactField::ExternalId).then(|| v.clone()).flatten());
        if let (UpsertKey::Email, Some(FieldValue::Text(external))) = (key, external) {
            let mut query = txn.find::<contact::Entity>().filter(contact::Column::ExternalId.eq(&external));
            if let Some(c) = &existing {
                query = query.filter(contact::Column::Id.ne(c.id));
            }
            if query.one(txn).await?.is_some() {
                return Err(ContactsError::Conflict {
                    reason: "EXTERNAL_ID_TAKEN",
                    message: format!("another contact has the external id {external:?}"),
                });
            }
        }
        let written = contacts::write(txn, existing, &valid, "import").await?;
        let mut touched = false;
        for answer in &consent_cells {
            // An answer the contact already gave keeps its original proof: a re-import must
            // not replace when and where a consent was collected.
            let status = ConsentStatus::of_answer(answer.granted);
            if summary_of(written.contact(), answer.channel) == Some(status) {
                continue;
            }
            let proof = answer.proof(txn.now(), filename);
            let before = consents::record(txn, written.contact().id, &proof).await?;
            touched |= before.as_ref().is_none_or(|b| b.status != proof.status);
        }
        Ok::<_, ContactsError>(match written {
            Written::Unchanged(c) if touched => Written::Updated(c),
            other => other,
        })
    }
    .await;
    match outcome {
        Ok(written) => Ok(written),
        Err(err) => {
            let mut failure = RowFailure::from(err);
            if let RowFailure::Values(list) = &mut failure {
                for e in list.iter_mut() {
                    if e.field.is_empty() {
                        e.field = "externalId".to_owned();
                    }
                    *e = with_column(e.clone(), positions);
                }
            }
            Err(failure)
        }
    }
}

/// Names the file's column rather than the contact field in a row error.
fn with_column(mut error: FieldError, positions: &[(usize, ColumnMapping)]) -> FieldError {
    let column = positions.iter().find(|(_, m)| {
        m.field.is_some_and(|f| f.key() == error.field)
            || m.custom_field_key.as_ref().is_some_and(|k| format!("customValues.{k}") == error.field)
    });
    if let Some((_, m)) = column {
        error.field = m.column.clone();
    }
    error
}

/// The error report as CSV (`;`, UTF-8 with BOM: what Excel opens in France), in French:
/// the line, the file's column, the reason in words, its code and the technical detail.
/// Every cell is neutralised against formula injection (a column name echoes the file).
pub async fn error_report(scope: &TenantScope, import_id: Uuid) -> ContactsResult<Vec<u8>> {
    use crm360_kernel::csv::safe_cell;
    let txn = scope.begin().await?;
    let import = find_in(&txn, import_id).await?.ok_or(ContactsError::NotFound("import"))?;
    if import.errors_purged_at.is_some() {
        return Err(ContactsError::invalid(
            "importId",
            "FILE_PURGED",
            "ce rapport d'erreurs a été supprimé à la fin de sa durée de conservation",
        ));
    }
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
    let csv_err = |err: csv::Error| ContactsError::Internal(err.to_string());
    out.write_record(["Ligne", "Colonne", "Motif", "Code", "Détail"]).map_err(csv_err)?;
    let mut after = None;
    loop {
        let page = errors_in(&txn, import_id, after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.seq);
        for e in &page {
            let column = e.column.clone().unwrap_or_default();
            out.write_record([
                e.line.to_string().as_str(),
                &safe_cell(&column),
                reason_in_french(&e.reason),
                &safe_cell(&e.reason),
                &safe_cell(&e.message),
            ])
            .map_err(csv_err)?;
        }
    }
    txn.commit().await?;
    out.into_inner().map_err(|err| ContactsError::Internal(err.to_string()))
}

/// What a row error's code means, in the words of the report's reader.
fn reason_in_french(code: &str) -> &'static str {
    match code {
        "INVALID_EMAIL" => "Adresse e-mail invalide",
        "INVALID_PHONE" => "Numéro de téléphone invalide",
        "INVALID_POSTAL_CODE" => "Code postal invalide",
        "INVALID_COUNTRY" => "Pays inconnu",
        "INVALID_DATE" => "Date invalide (attendu JJ/MM/AAAA)",
        "IMPLAUSIBLE_BIRTH_DATE" => "Date de naissance invraisemblable",
        "IN_THE_FUTURE" => "Date dans le futur",
        "POSTAL_CODE_PADDED" => "Correction : code postal complété par son zéro initial (importé)",
        "INVALID_CIVILITY" => "Civilité inconnue",
        "INVALID_GENDER" => "Sexe inconnu",
        "INVALID_MARITAL_STATUS" => "Situation familiale inconnue",
        "INVALID_LANGUAGE" => "Langue inconnue",
        "INVALID_BOOLEAN" => "Réponse non reconnue (attendu oui ou non)",
        "INVALID_NUMBER" => "Nombre invalide",
        "INVALID_IP" => "Adresse IP invalide",
        "INVALID_VALUE" | "NOT_IN_LIST" => "Valeur non autorisée pour ce champ",
        "TOO_LONG" => "Valeur trop longue",
        "CONTROL_CHARACTERS" => "Caractères de contrôle interdits",
        "REQUIRED" => "Valeur obligatoire manquante",
        "MISSING_KEY" => "Clé de rapprochement absente",
        "EXTERNAL_ID_TAKEN" | "KEY_TAKEN" => "Identifiant déjà porté par un autre contact",
        "INVALID_ENCODING" => "Encodage illisible (fichier Windows-1252 ?)",
        "WRONG_FIELD_COUNT" => "Nombre de colonnes différent de l'en-tête",
        "MALFORMED_ROW" => "Ligne mal formée (guillemets ?)",
        "ROW_TOO_LONG" => "Ligne trop longue",
        "UNREADABLE_FILE" => "Fichier illisible",
        _ => "Valeur refusée",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_columns_are_suggested_with_their_proof() {
        let suggested = |header: &str| {
            let m = suggest(header, &[]);
            (m.consent_channel, m.consent_detail)
        };
        assert_eq!(suggested("Optin email"), (Some(ConsentChannel::Email), None));
        assert_eq!(suggested("Date optin email"), (Some(ConsentChannel::Email), Some(ConsentDetail::CollectedAt)));
        assert_eq!(suggested("Source optin"), (None, Some(ConsentDetail::Source)));
        assert_eq!(suggested("IP opt-in SMS"), (Some(ConsentChannel::Sms), Some(ConsentDetail::Ip)));
        assert_eq!(suggested("Ville"), (None, None));
    }

    #[test]
    fn collection_times_are_read_in_the_platforms_time_zone() {
        let clock = crm360_kernel::clock::Clock::manual(Utc::now());
        let at = |cell: &str| collection_time(&clock, cell).map(|t| t.to_rfc3339());
        assert_eq!(at("14/07/2023 10:30").as_deref(), Some("2023-07-14T08:30:00+00:00"));
        assert_eq!(at("14/01/2023").as_deref(), Some("2023-01-13T23:00:00+00:00"));
        assert_eq!(at("2023-07-14T10:30:00+02:00").as_deref(), Some("2023-07-14T08:30:00+00:00"));
        assert_eq!(at("31/02/2023"), None);
        assert_eq!(at("hier"), None);
    }

    #[test]
    fn excel_line_breaks_become_spaces() {
        assert_eq!(one_line("12 rue des Écoles\r\nBât. B"), "12 rue des Écoles Bât. B");
        assert_eq!(one_line("Paris"), "Paris");
    }
}

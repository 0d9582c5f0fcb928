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
    /// The column holds a yes/no consent on this channel.
    pub consent_channel: Option<ConsentChannel>,
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
    let consent_channel = match folded.as_str() {
        "optin email" | "consentement email" | "opt in email" => Some(ConsentChannel::Email),
        "optin sms" | "consentement sms" | "opt in sms" => Some(ConsentChannel::Sms),
        "optin courrier" | "consentement courrier" | "opt in courrier" => Some(ConsentChannel::Post),
        _ => None,
    };
    let custom_field_key = if field.is_none() && consent_channel.is_none() {
        custom.iter().find(|c| c.key == header.trim() || values::fold(&c.label) == folded).map(|c| c.key.clone())
    } else {
        None
    };
    ColumnMapping { column: header.to_owned(), field, custom_field_key, consent_channel }
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
        let targets = [mapping.field.is_some(), mapping.custom_field_key.is_some(), mapping.consent_channel.is_some()];
        if targets.iter().filter(|t| **t).count() > 1 {
            return Err(ContactsError::invalid(
                format!("columns[{i}]"),
                "ONE_TARGET",
                "a column fills at most one of field, customFieldKey, consentChannel",
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
        let target = (mapping.field, mapping.custom_field_key.clone(), mapping.consent_channel);
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
    let writers = writers_for(scope.backend(), key, &columns);

    // The reader decodes and validates (CPU work, off the async workers) while the writers
    // write the previous batch.
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Result<Batch, Refusal>>(2);
    let (header_sender, header_receiver) = tokio::sync::oneshot::channel::<(FileEncoding, u8, Vec<String>)>();
    let today = scope.clock().today();
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
                Ok(fields) => prepare_row(today, &positions, &fields, key, &custom)
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
            dry_run: run.dry_run,
        });
        let mut statistics = StatisticsRefresh::new();
        let mut seq: i64 = 0;
        while let Some(message) = receiver.recv().await {
            let batch = match message {
                Ok(batch) => batch,
                Err(refusal) => {
                    failure = Some(refusal);
                    break;
                }
            };
            let bytes_read = batch.bytes_read;
            let errors = write_batch(&writing, writers, batch, &mut counts).await?;
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
            let mut progress: import::ActiveModel = current.clone().into();
            progress.bytes_done = Set(bytes_read as i64);
            set_counts(&mut progress, counts);
            let txn = scope.begin().await?;
            txn.insert_rows(rows.collect()).await?;
            current = txn.update(progress).await?;
            txn.commit().await?;
            if !run.dry_run {
                statistics.after_batch(scope, counts.created).await?;
            }
        }
    }
    drop(receiver);
    let _ = reader.await;
    finish_run(scope, current, counts, failure).await
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
    writers: usize,
    batch: Batch,
    counts: &mut Counts,
) -> ContactsResult<Vec<(u64, Option<String>, Refusal)>> {
    let mut errors: Vec<(u64, Option<String>, Refusal)> = Vec::new();
    let mut parts: Vec<Vec<(u64, Prepared)>> = (0..writers).map(|_| Vec::new()).collect();
    for row in batch.rows {
        counts.done += 1;
        match row.outcome {
            Ok(prepared) => parts[writer_of(&prepared.key_value, writers)].push((row.line, prepared)),
            Err(list) => {
                counts.failed += 1;
                errors.extend(list.into_iter().map(|(column, refusal)| (row.line, column, refusal)));
            }
        }
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
    dry_run: bool,
}

impl Writing {
    /// Writes a share of a batch in one transaction: new contacts in bulk, the others row by
    /// row. A dry run rolls it back.
    async fn write(&self, rows: Vec<(u64, Prepared)>) -> ContactsResult<Part> {
        let mut part = Part { counts: Counts::default(), errors: Vec::new() };
        let txn = self.scope.begin().await?;
        let rest = insert_fresh(&txn, rows, self.key, &self.filename, &self.unmapped, &mut part.counts).await?;
        for (line, row_ready) in rest {
            match write_row(&txn, &self.positions, row_ready, self.key, &self.filename).await {
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
        // A dry run's transaction is dropped unfinished: it rolls back.
        if !self.dry_run {
            txn.commit().await?;
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
    consents: Vec<(ConsentChannel, bool)>,
    key_value: String,
}

/// Validates one row: every refusal is decided here, before any write.
fn prepare_row(
    today: NaiveDate,
    positions: &[(usize, ColumnMapping)],
    fields: &[String],
    key: UpsertKey,
    custom: &HashMap<String, custom_field::Model>,
) -> Result<Prepared, Vec<FieldError>> {
    let mut changes = ContactChanges::default();
    let mut consent_cells = Vec::new();
    let mut errors = Vec::new();
    for (position, mapping) in positions {
        let cell = fields.get(*position).map(|c| c.trim()).unwrap_or_default();
        // An empty cell leaves the contact's value as it is.
        if cell.is_empty() {
            continue;
        }
        if let Some(field) = mapping.field {
            changes.fields.push((field, Some(cell.to_owned())));
        } else if let Some(custom_key) = &mapping.custom_field_key {
            changes.custom.push((custom_key.clone(), Some(cell.to_owned())));
        } else if let Some(channel) = mapping.consent_channel {
            match values::boolean(cell) {
                Ok(granted) => consent_cells.push((channel, granted)),
                Err(refusal) => errors.push(FieldError {
                    field: mapping.column.clone(),
                    reason: refusal.reason,
                    message: refusal.message,
                }),
            }
        }
    }
    let valid = match contacts::validate(&changes, None, custom, today) {
        Ok(valid) => valid,
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
    Ok(Prepared { valid, consents: consent_cells, key_value })
}

fn consent_proof(now: DateTime<Utc>, channel: ConsentChannel, granted: bool, filename: &str) -> ConsentProof {
    ConsentProof {
        channel,
        status: ConsentStatus::of_answer(granted),
        collected_at: now,
        source: Some(format!("import {filename}")),
        wording: None,
        ip: None,
    }
}

/// Inserts in bulk the rows that create a contact, with their consents and custom values:
/// their key is new to the tenant and to the batch (a few statements for the whole batch).
/// Returns the others, in file order, for the row-by-row path.
async fn insert_fresh(
    txn: &TenantTxn,
    prepared: Vec<(u64, Prepared)>,
    key: UpsertKey,
    filename: &str,
    unmapped: &[contact::Column],
    counts: &mut Counts,
) -> ContactsResult<Vec<(u64, Prepared)>> {
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
    let (mut contacts_rows, mut consent_rows, mut custom_rows) = (Vec::new(), Vec::new(), Vec::new());
    let (mut changes, mut rest) = (Vec::new(), Vec::new());
    for (line, row) in prepared {
        let has_external = row.valid.fields.iter().any(|(f, v)| *f == ContactField::ExternalId && v.is_some());
        let fresh = !(key == UpsertKey::Email && has_external) && known.insert(row.key_value.clone());
        if !fresh {
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
        consents::summarise(&mut active, &row.consents);
        let model: contact::Model = sea_orm::TryIntoModel::try_into_model(active.clone())?;
        // One history entry per new contact, its consents included: a third of the audit
        // rows of a typical file, and the same facts as separate entries would hold.
        let mut custom_keys = std::collections::BTreeMap::new();
        for (definition, value) in &row.valid.custom {
            if let Some(value) = value {
                custom_rows.push(value.row(model.id, definition.id));
                custom_keys.insert(definition.key.clone(), value.display());
            }
        }
        let mut created = contacts::snapshot(&model, &custom_keys);
        let mut consent_snapshots = Vec::new();
        for (channel, granted) in &row.consents {
            let proof = consent_proof(now, *channel, *granted, filename);
            let consent = consent::Model {
                tenant_id: txn.tenant_id(),
                contact_id: model.id,
                channel: *channel,
                status: proof.status,
                collected_at: proof.collected_at,
                source: proof.source.clone(),
                wording: None,
                ip: None,
                updated_at: now,
            };
            consent_snapshots.push(consents::snapshot(&consent));
            consent_rows.push(consent::ActiveModel::from(consent));
        }
        if !consent_snapshots.is_empty() {
            created["consents"] = serde_json::Value::Array(consent_snapshots);
        }
        changes.push(AuditChange::new("contact.import.create", "contact", model.id).after_json(created));
        for column in unmapped {
            active.not_set(*column);
        }
        contacts_rows.push(active);
        counts.created += 1;
    }
    txn.insert_rows(contacts_rows).await?;
    txn.insert_rows(consent_rows).await?;
    txn.insert_rows(custom_rows).await?;
    txn.audit_many(changes).await?;
    Ok(rest)
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
        for (channel, granted) in &consent_cells {
            let proof = consent_proof(txn.now(), *channel, *granted, filename);
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

/// The error report as CSV (`;`, UTF-8 with BOM: what Excel opens in France).
pub async fn error_report(scope: &TenantScope, import_id: Uuid) -> ContactsResult<Vec<u8>> {
    let txn = scope.begin().await?;
    find_in(&txn, import_id).await?.ok_or(ContactsError::NotFound("import"))?;
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
    let csv_err = |err: csv::Error| ContactsError::Internal(err.to_string());
    out.write_record(["line", "column", "reason", "message"]).map_err(csv_err)?;
    let mut after = None;
    loop {
        let page = errors_in(&txn, import_id, after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.seq);
        for e in &page {
            out.write_record([
                e.line.to_string(),
                e.column.clone().unwrap_or_default(),
                e.reason.clone(),
                e.message.clone(),
            ])
            .map_err(csv_err)?;
        }
    }
    txn.commit().await?;
    out.into_inner().map_err(|err| ContactsError::Internal(err.to_string()))
}

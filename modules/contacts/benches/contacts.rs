//! Contacts benchmark (not a timed test): a generator of realistic French contacts, then on
//! PostgreSQL: the import of a CSV file (Windows-1252, `;`), the exact count of a nested
//! 3-condition segment, and a page of 100 contacts with their consents and custom values.
//!
//! ```text
//! BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//! BENCH_IMPORT_ROWS=1000000 BENCH_CONTACTS=1000000 \
//!   cargo bench -p crm360-contacts --bench contacts
//! ```
//!
//! A fresh database is created (and dropped at the end). `BENCH_CONTACTS` contacts are
//! generated straight into the tables for the count and page measures; `BENCH_IMPORT_ROWS`
//! rows go through the real import (file, validation, upsert, audit), as a tenant's job would.

// The benchmark sets up its data straight in the tables, beside the kernel's door.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

/// The allocator of the `crm360` binary, so that the import runs as it does in production.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::{NaiveDate, TimeZone, Utc};
use crm360_contacts::model::consent::ConsentStatus;
use crm360_contacts::model::contact::Civility;
use crm360_contacts::model::custom_field::CustomFieldKind;
use crm360_contacts::model::{consent, contact, custom_field, custom_value};
use crm360_contacts::service::consents::{ConsentChannel, of_contacts};
use crm360_contacts::service::contacts::custom_values_of_contacts;
use crm360_contacts::service::imports::{self, ColumnMapping, StartImport, UpsertKey};
use crm360_contacts::service::segments::{ComputedField, ConditionSpec, Node, SegmentOperator};
use crm360_contacts::service::uploads::{self, FileSettings};
use crm360_contacts::{fields::ContactField, service::segments};
use crm360_kernel::context::Platform;
use crm360_kernel::database::Database as Pools;
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::{Clock, TenantScope};
use crm360_migrations::{Migrator, MigratorTrait};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, Database, EntityTrait, Set};
use std::io::Write;
use std::time::{Duration, Instant};
use uuid::Uuid;

const FIRST_NAMES: &[&str] = &[
    "Marie",
    "Jean",
    "Pierre",
    "Michel",
    "André",
    "Philippe",
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Catherine",
    "Françoise",
    "Hélène",
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Lucas",
    "Hugo",
    "Louis",
    "Gabriel",
    "Arthur",
    "Jules",
    "Zoé",
    "Noémie",
    "Loïc",
    "Gaëlle",
    "Anaïs",
    "Jérôme",
    "Stéphane",
    "Cécile",
    "Benoît",
    "Élodie",
    "Rémi",
];
const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Müller",
    "Lefebvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Dumont",
    "Marie",
];
const CITIES: &[(&str, &str)] = &[
    ("75011", "Paris"),
    ("75015", "Paris"),
    ("75018", "Paris"),
    ("69003", "Lyon"),
    ("13008", "Marseille"),
    ("31000", "Toulouse"),
    ("06000", "Nice"),
    ("44000", "Nantes"),
    ("67000", "Strasbourg"),
    ("34000", "Montpellier"),
    ("33000", "Bordeaux"),
    ("59000", "Lille"),
    ("35000", "Rennes"),
    ("51100", "Reims"),
    ("83000", "Toulon"),
    ("38000", "Grenoble"),
    ("21000", "Dijon"),
    ("49000", "Angers"),
    ("30000", "Nîmes"),
    ("63000", "Clermont-Ferrand"),
    ("97400", "Saint-Denis"),
    ("20000", "Ajaccio"),
    ("29200", "Brest"),
    ("87000", "Limoges"),
    ("37000", "Tours"),
];
const STREETS: &[&str] = &[
    "RUE DE LA REPUBLIQUE",
    "AVENUE JEAN JAURES",
    "RUE VICTOR HUGO",
    "BOULEVARD GAMBETTA",
    "RUE PASTEUR",
    "PLACE DE LA MAIRIE",
    "CHEMIN DES VIGNES",
    "ALLEE DES TILLEULS",
    "RUE DU GENERAL LECLERC",
    "IMPASSE DES LILAS",
];

/// One generated contact.
struct Generated {
    external_id: String,
    civility: &'static str,
    first_name: &'static str,
    last_name: &'static str,
    email: String,
    mobile: String,
    street: String,
    postal_code: &'static str,
    city: &'static str,
    birth: NaiveDate,
    optin: bool,
}

fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'à' | 'â' => 'a',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect()
}

fn generate(rng: &mut StdRng, i: u64) -> Generated {
    let first_name = FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())];
    let last_name = LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())];
    let (postal_code, city) = CITIES[rng.gen_range(0..CITIES.len())];
    let female = "aeéÉ".contains(first_name.chars().last().unwrap_or('x'));
    Generated {
        external_id: format!("CLI{i:08}"),
        civility: if female { "Mme" } else { "M." },
        first_name,
        last_name,
        email: format!(
            "{}.{}{}@{}",
            fold(first_name),
            fold(last_name),
            i,
            ["orange.fr", "gmail.com", "free.fr", "laposte.net"][rng.gen_range(0..4)]
        ),
        // Assigned French mobile ranges only (06 3x and 06 9x are partly unassigned).
        mobile: format!(
            "0{} {:02} {:02} {:02} {:02}",
            6,
            [rng.gen_range(10..30), rng.gen_range(40..90)][rng.gen_range(0..2)],
            rng.gen_range(0..100),
            rng.gen_range(0..100),
            rng.gen_range(0..100)
        ),
        street: format!("{} {}", rng.gen_range(1..200), STREETS[rng.gen_range(0..STREETS.len())]),
        postal_code,
        city,
        birth: NaiveDate::from_ymd_opt(rng.gen_range(1935..2006), rng.gen_range(1..13), rng.gen_range(1..29)).unwrap(),
        optin: rng.gen_bool(0.6),
    }
}

fn write_csv(path: &std::path::Path, rows: u64) -> std::io::Result<u64> {
    let mut rng = StdRng::seed_from_u64(42);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut line = String::from("Réf;Civilité;Prénom;Nom;E-mail;Portable;Adresse;CP;Ville;Né le;Optin email\r\n");
    out.write_all(&encoding_rs::WINDOWS_1252.encode(&line).0)?;
    for i in 0..rows {
        let g = generate(&mut rng, i);
        line.clear();
        line.push_str(&format!(
            "{};{};{};{};{};{};{};{};{};{};{}\r\n",
            g.external_id,
            g.civility,
            g.first_name,
            g.last_name,
            g.email,
            g.mobile,
            g.street,
            g.postal_code,
            g.city,
            g.birth.format("%d/%m/%Y"),
            if g.optin { "oui" } else { "non" }
        ));
        out.write_all(&encoding_rs::WINDOWS_1252.encode(&line).0)?;
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Inserts `count` generated contacts (and their consents and one custom value) directly.
async fn bulk_contacts(db: &sea_orm::DatabaseConnection, tenant_id: Uuid, field_id: Uuid, count: u64) {
    let mut rng = StdRng::seed_from_u64(7);
    let now = Utc::now();
    let mut done = 0;
    while done < count {
        let n = (count - done).min(2000);
        let mut contacts = Vec::new();
        let mut consents = Vec::new();
        let mut values = Vec::new();
        for i in done..done + n {
            let g = generate(&mut rng, i + 10_000_000);
            let id = Uuid::now_v7();
            contacts.push(contact::ActiveModel {
                tenant_id: Set(tenant_id),
                id: Set(id),
                external_id: Set(Some(g.external_id)),
                civility: Set(Some(if g.civility == "Mme" { Civility::Mrs } else { Civility::Mr })),
                first_name: Set(Some(g.first_name.to_owned())),
                last_name: Set(Some(g.last_name.to_owned())),
                personal_email: Set(Some(g.email)),
                mobile_phone: Set(Some(format!("+33{}", &g.mobile.replace(' ', "")[1..]))),
                address_line4: Set(Some(g.street)),
                postal_code: Set(Some(g.postal_code.to_owned())),
                city: Set(Some(g.city.to_owned())),
                country: Set(Some("FR".to_owned())),
                birth_date: Set(Some(g.birth)),
                // The consent summary, as the import's bulk path writes it beside the consent.
                consent_email: Set(Some(ConsentStatus::of_answer(g.optin))),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
            if let Some(last) = contacts.last_mut() {
                contact::fill_folded(last);
            }
            consents.push(consent::ActiveModel {
                tenant_id: Set(tenant_id),
                contact_id: Set(id),
                channel: Set(ConsentChannel::Email),
                status: Set(ConsentStatus::of_answer(g.optin)),
                collected_at: Set(now),
                source: Set(Some("bench".to_owned())),
                wording: Set(None),
                ip: Set(None),
                updated_at: Set(now),
            });
            values.push(custom_value::ActiveModel {
                tenant_id: Set(tenant_id),
                contact_id: Set(id),
                field_id: Set(field_id),
                value_text: Set(None),
                value_folded: Set(None),
                value_number: Set(Some(rng.gen_range(0..1000) as f64)),
                value_date: Set(None),
                value_bool: Set(None),
            });
        }
        contact::Entity::insert_many(contacts).exec_without_returning(db).await.expect("contacts");
        consent::Entity::insert_many(consents).exec_without_returning(db).await.expect("consents");
        custom_value::Entity::insert_many(values).exec_without_returning(db).await.expect("values");
        done += n;
    }
    // A bulk load leaves the visibility map unset until autovacuum passes (a live tenant's
    // tables are vacuumed by autovacuum, inserts included since PostgreSQL 13): without it no
    // scan is index-only.
    db.execute_unprepared("VACUUM ANALYZE").await.expect("vacuum analyze");
}

fn condition(spec: ConditionSpec) -> Node {
    Node::Condition(spec)
}

fn spec(
    field: Option<ContactField>,
    computed: Option<ComputedField>,
    channel: Option<ConsentChannel>,
    operator: SegmentOperator,
    value: &str,
) -> ConditionSpec {
    ConditionSpec {
        field,
        computed,
        custom_field_key: None,
        consent_channel: channel,
        operator,
        value: Some(value.to_owned()),
        values: vec![],
        from: None,
        to: None,
    }
}

/// The application role of the bench, created if need be and granted the bench database.
const APP_ROLE: &str = "crm360_bench_app";

async fn app_role_connection(
    owner: &sea_orm::DatabaseConnection,
    url: &str,
    name: &str,
) -> sea_orm::DatabaseConnection {
    crm360_migrations::rls::grant_application_role(owner, APP_ROLE, name).await.expect("application role");
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let host = rest.rsplit_once('@').map_or(rest, |(_user, host)| host);
    let mut options = sea_orm::ConnectOptions::new(format!("{scheme}://{APP_ROLE}@{host}"));
    options.max_connections(32).sqlx_logging(false);
    Database::connect(options).await.expect("connect as the application role")
}

#[tokio::main]
async fn main() {
    let server =
        std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let import_rows: u64 = std::env::var("BENCH_IMPORT_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let contacts: u64 = std::env::var("BENCH_CONTACTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let admin = Database::connect(&server).await.expect("connect to BENCH_DATABASE_URL");
    // BENCH_DB=<name>: reuse the database of an earlier run kept with BENCH_KEEP=1 (new
    // migrations applied, contacts kept, no import), to iterate on counts without regenerating.
    let reuse = std::env::var("BENCH_DB").ok();
    let import_rows = if reuse.is_some() { 0 } else { import_rows };
    let name = reuse.clone().unwrap_or_else(|| format!("crm360_bench_{}", Uuid::new_v4().simple()));
    if reuse.is_none() {
        admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create database");
    }
    // The bench database on the same server, with the same options (`?sslmode=disable`...).
    let (base, options) = server.split_once('?').map_or((server.as_str(), None), |(b, o)| (b, Some(o)));
    let base = base.rsplit_once('/').expect("URL ends with /<db>").0;
    let url = match options {
        Some(options) => format!("{base}/{name}?{options}"),
        None => format!("{base}/{name}"),
    };
    let db = Database::connect(&url).await.expect("connect");
    Migrator::up(&db, None).await.expect("migrate");
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap());
    // The tenant work runs as production's application role does: bound by row-level
    // security (a role neither superuser nor BYPASSRLS), the privileged work as the owner.
    // BENCH_BYPASS_RLS=1: the tenant work as the owner instead, for the cost of the policies.
    let platform = if std::env::var("BENCH_BYPASS_RLS").is_ok() {
        Platform::new(Pools::single(db.clone()), clock)
    } else {
        let app_db = app_role_connection(&db, &url, &name).await;
        Platform::new(Pools::new(app_db, db.clone()), clock)
    };
    let kept =
        sea_orm::Statement::from_string(sea_orm::DbBackend::Postgres, "SELECT id FROM tenant WHERE name = 'Bench'");
    let kept = db.query_one_raw(kept).await.expect("tenant").and_then(|row| row.try_get::<Uuid>("", "id").ok());
    let tenant_id = kept.unwrap_or_else(Uuid::now_v7);
    if kept.is_none() {
        db.execute_unprepared(&format!(
            "INSERT INTO tenant (id, name, platform, status, created_at, updated_at) VALUES ('{tenant_id}', 'Bench', 'SHARED', 'ACTIVE', now(), now())"
        ))
        .await
        .expect("tenant");
    }
    let scope = TenantScope::system(&platform, tenant_id);
    let data_dir = std::env::temp_dir().join(&name);
    let files = FileSettings {
        data_dir: data_dir.clone(),
        max_upload_bytes: u64::MAX,
        quota_bytes: u64::MAX,
        retention_days: 90,
    };
    println!("| measure | result |\n|---|---|");

    // Import through the real path.
    if import_rows > 0 {
        std::fs::create_dir_all(&data_dir).expect("data dir");
        let csv = data_dir.join("contacts.csv");
        let started = Instant::now();
        let bytes = write_csv(&csv, import_rows).expect("generate");
        println!(
            "| generate {import_rows} rows (Windows-1252, `;`) | {:.1} s, {:.0} MiB |",
            started.elapsed().as_secs_f64(),
            bytes as f64 / 1048576.0
        );
        let upload = uploads::register_file(&scope, &files, &csv, "contacts.csv").await.expect("upload");
        let columns = [
            ("Réf", ContactField::ExternalId),
            ("Civilité", ContactField::Civility),
            ("Prénom", ContactField::FirstName),
            ("Nom", ContactField::LastName),
            ("E-mail", ContactField::PersonalEmail),
            ("Portable", ContactField::MobilePhone),
            ("Adresse", ContactField::AddressLine4),
            ("CP", ContactField::PostalCode),
            ("Ville", ContactField::City),
            ("Né le", ContactField::BirthDate),
        ]
        .into_iter()
        .map(|(c, f)| ColumnMapping {
            column: c.to_owned(),
            field: Some(f),
            custom_field_key: None,
            consent_channel: None,
            consent_detail: None,
            when_empty: None,
        })
        .chain([ColumnMapping {
            column: "Optin email".to_owned(),
            field: None,
            custom_field_key: None,
            consent_channel: Some(ConsentChannel::Email),
            consent_detail: None,
            when_empty: None,
        }])
        .collect();
        let start = StartImport {
            upload_id: upload.id,
            columns: Some(columns),
            mapping_id: None,
            key: Some(UpsertKey::ExternalId),
            dry_run: false,
        };
        let run = imports::start(&scope, &files, start).await.expect("start");
        let rss_before = peak_rss_mib();
        let started = Instant::now();
        imports::run_import(&scope, &files, run.id).await.expect("import");
        let elapsed = started.elapsed();
        let done = imports::get(&scope, run.id).await.expect("import row");
        println!(
            "| import {import_rows} rows (validate, upsert on external id, consent, audit) | {:.1} s ({:.0} rows/s), {} created, {} failed; peak RSS {:.0} MiB (before: {:.0}) |",
            elapsed.as_secs_f64(),
            import_rows as f64 / elapsed.as_secs_f64(),
            done.rows_created,
            done.rows_failed,
            peak_rss_mib(),
            rss_before
        );
        let statement = sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT reason || ' ' || COALESCE(\"column\", '') AS reason, COUNT(*) AS n FROM contact_import_error GROUP BY 1 ORDER BY 2 DESC",
        );
        let reasons: Vec<(String, i64)> = db
            .query_all_raw(statement)
            .await
            .unwrap_or_default()
            .iter()
            .filter_map(|row| Some((row.try_get::<String>("", "reason").ok()?, row.try_get::<i64>("", "n").ok()?)))
            .collect();
        println!("| rows refused by validation (generator's share of unassigned numbers) | {reasons:?} |");
        let floor = copy_floor(&db).await;
        println!(
            "| floor: `COPY` of the same rows into the same tables (contact, consent, audit) with the same indexes | {:.1} s; the import takes **{:.2}×** the floor |",
            floor.as_secs_f64(),
            elapsed.as_secs_f64() / floor.as_secs_f64()
        );
        db.execute_unprepared("TRUNCATE contact_consent, contact_custom_value, contact, audit_entry")
            .await
            .expect("reset");
    }

    // Count and page over generated contacts.
    if kept.is_some() {
        println!("| reused database {name} | |");
    } else {
        count_setup(&db, tenant_id, contacts).await;
    }
    measure_counts_and_pages(&scope, contacts).await;

    drop(db);
    let _ = std::fs::remove_dir_all(&data_dir);
    if std::env::var("BENCH_KEEP").is_err() {
        let _ = admin.execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)")).await;
    } else {
        println!("| kept database (BENCH_DB={name} reuses it) | |");
    }
}

/// The floor of the import: the rows it wrote, copied out, the tables emptied, then the same
/// rows copied back in with `COPY ... FROM STDIN` (as the owner: `COPY FROM` ignores no
/// policy, so it is refused under row-level security) into the same tables with the same
/// indexes, one table after the other on one connection. What the import adds to this is
/// reading and validating the file, the lookups of existing keys and the staging.
async fn copy_floor(db: &sea_orm::DatabaseConnection) -> Duration {
    use sea_orm::sqlx::Executor;
    let pool = db.get_postgres_connection_pool();
    let mut conn = pool.acquire().await.expect("connection");
    let tables = ["contact", "contact_consent", "audit_entry"];
    let mut dumps = Vec::new();
    for table in tables {
        let mut out = conn.copy_out_raw(&format!("COPY {table} TO STDOUT")).await.expect("copy out");
        let mut bytes = Vec::new();
        while let Some(chunk) = futures::StreamExt::next(&mut out).await {
            bytes.extend_from_slice(&chunk.expect("copy out chunk"));
        }
        drop(out);
        dumps.push(bytes);
    }
    (&mut *conn)
        .execute("TRUNCATE contact_consent, contact_custom_value, contact, audit_entry")
        .await
        .expect("truncate");
    (&mut *conn).execute("CHECKPOINT").await.expect("checkpoint");
    let started = Instant::now();
    for (table, bytes) in tables.iter().zip(&dumps) {
        let mut copy = conn.copy_in_raw(&format!("COPY {table} FROM STDIN")).await.expect("copy in");
        for chunk in bytes.chunks(1 << 20) {
            copy.send(chunk).await.expect("copy in chunk");
        }
        copy.finish().await.expect("copy in finish");
    }
    started.elapsed()
}

/// The custom field and the generated contacts of the count and page measures.
async fn count_setup(db: &sea_orm::DatabaseConnection, tenant_id: Uuid, contacts: u64) {
    let field = custom_field::ActiveModel {
        tenant_id: Set(tenant_id),
        id: Set(Uuid::now_v7()),
        key: Set("loyalty_points".to_owned()),
        label: Set("Points fidélité".to_owned()),
        kind: Set(CustomFieldKind::Number),
        options: Set(serde_json::json!([])),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
    };
    let field = custom_field::Entity::insert(field).exec_with_returning(db).await.expect("custom field");
    let started = Instant::now();
    bulk_contacts(db, tenant_id, field.id, contacts).await;
    println!("| generate {contacts} contacts in the tables | {:.1} s |", started.elapsed().as_secs_f64());
}

async fn measure_counts_and_pages(scope: &TenantScope, contacts: u64) {
    // (postal code starts with 75 OR age >= 50) AND email consent granted AND NOT city = Lyon
    let tree = Node::And(vec![
        Node::Or(vec![
            condition(spec(Some(ContactField::PostalCode), None, None, SegmentOperator::StartsWith, "75")),
            condition(spec(None, Some(ComputedField::Age), None, SegmentOperator::GreaterOrEqual, "50")),
        ]),
        condition(spec(None, None, Some(ConsentChannel::Email), SegmentOperator::Equals, "GRANTED")),
        Node::Not(Box::new(condition(spec(Some(ContactField::City), None, None, SegmentOperator::Equals, "Lyon")))),
    ]);
    let mut samples = Vec::new();
    let mut count = 0;
    for _ in 0..7 {
        let started = Instant::now();
        count = segments::count(scope, &tree).await.expect("count");
        samples.push(started.elapsed());
    }
    println!(
        "| exact count, nested segment ((CP 75* OR age >= 50) AND email consent AND NOT Lyon) over {contacts} contacts | {:.0} ms warm (median of 6 after one cold: {:.0} ms), {count} contacts |",
        median(samples[1..].to_vec()).as_secs_f64() * 1000.0,
        samples[0].as_secs_f64() * 1000.0
    );

    let mut samples = Vec::new();
    let page = Page::parse(Some(100), None, Order::NewestFirst).expect("page");
    for _ in 0..7 {
        let started = Instant::now();
        // One transaction, as the contacts query reads a page with its related data.
        let txn = scope.begin().await.expect("transaction");
        let mut rows = crm360_contacts::service::contacts::list_in(&txn, &page, None, None).await.expect("page");
        rows.truncate(100);
        let ids: Vec<Uuid> = rows.iter().map(|c| c.id).collect();
        let consents = of_contacts(&txn, &ids).await.expect("consents");
        let values = custom_values_of_contacts(&txn, &ids).await.expect("values");
        txn.commit().await.expect("commit");
        assert!(rows.len() == 100 && consents.len() == 100 && values.len() == 100);
        samples.push(started.elapsed());
    }
    println!(
        "| page of 100 contacts, newest first, with consents and custom values (3 SQL statements and the transaction's SET LOCAL) | {:.1} ms warm (median of 6) |",
        median(samples[1..].to_vec()).as_secs_f64() * 1000.0
    );
    let searched = Instant::now();
    let rows = crm360_contacts::service::contacts::list(scope, &page, Some("dupont"), None).await.expect("search");
    println!(
        "| search \"dupont\", first page of 100 | {:.1} ms, {} rows |",
        searched.elapsed().as_secs_f64() * 1000.0,
        rows.len()
    );
}

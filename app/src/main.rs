//! `crm360`: the server and its command-line tools.

use clap::{Parser, Subcommand};
use crm360::{Settings, build_app, db, seed, server, telemetry};
use crm360_kernel::Clock;
use crm360_kernel::context::Platform;

/// mimalloc rather than the system allocator: imports allocate on a reader thread and free on
/// the runtime's threads, which glibc's malloc handles slowly (12 % more import throughput).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "crm360", version, about = "crm360: relational-marketing CRM, multi-tenant")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the HTTP server (GraphQL API, web app, health, metrics) and the job workers.
    Serve {
        /// Address to listen on (env CRM360_LISTEN, default 127.0.0.1:8360).
        #[arg(long)]
        listen: Option<String>,
        /// Creates the demo operator, tenant and users first (idempotent).
        #[arg(long)]
        demo: bool,
    },
    /// Applies the database migrations and exits.
    Migrate,
    /// Prints the GraphQL schema (SDL).
    Schema,
    /// Creates the demo operator, tenant and users (idempotent).
    SeedDemo,
    /// RNVP of French addresses to AFNOR NF Z10-011: reads a CSV with the header
    /// `line1,line2,line3,line4,line5,line6` on standard input, writes the normalised lines plus
    /// `status` and `reasons` on standard output, and a summary on standard error.
    Rnvp,
    /// Billing: price a month's usage, run the monthly invoices.
    #[command(subcommand)]
    Billing(BillingCommand),
    /// Service levels of the support desk.
    #[command(subcommand)]
    Sla(SlaCommand),
    /// The audit trail's evidence: verify the chains, seal now, the signing key, proofs.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Rereads every chain (or one tenant's) and checks each entry, link and signed
    /// checkpoint; prints what does not hold and exits with 1 if anything does not.
    Verify {
        /// One tenant's chain (its id), or `platform` for the operator's.
        #[arg(long)]
        tenant: Option<String>,
    },
    /// Seals the entries not sealed yet (the job does it every minute).
    Seal,
    /// Prints the public key of the configured signing key (base64), to publish.
    PublicKey,
    /// Prints a new signing key (base64 seed) for `audit_signing_key`.
    NewKey,
    /// Checks a proof bundle offline (no database): its signature with `--public-key`, each
    /// entry's content and its path to the signed root.
    VerifyProof {
        /// The bundle, as downloaded (JSON).
        file: std::path::PathBuf,
        /// The platform's public key (base64), as the operator publishes it.
        #[arg(long)]
        public_key: String,
    },
}

#[derive(Subcommand)]
enum SlaCommand {
    /// Prints the response deadline (RFC 3339, Paris offset) of a ticket of `--priority`
    /// opened at `--opened`, in business hours under the calendar in force.
    Due {
        /// P1, P2 or P3.
        #[arg(long)]
        priority: String,
        /// When the ticket was opened, RFC 3339 (`2026-11-30T17:00:00+01:00`).
        #[arg(long)]
        opened: String,
    },
}

#[derive(Subcommand)]
enum BillingCommand {
    /// Prices a month's usage under the contract's grid (Annex 1): reads a JSON usage on
    /// standard input, e.g. `{"level":3,"contacts":300000,"users":5,"emails":600000,
    /// "emailCommitment":500000,"sms":0,"smsCommitment":0,"rnvpAddresses":0,"dedupAddresses":0}`,
    /// and writes the invoice lines and totals as JSON on standard output.
    Quote,
    /// Drafts and issues every tenant's invoice of a month that is over (idempotent: the
    /// tenants already invoiced are left as they are).
    Run {
        /// Any day of the month to invoice (default: last month), e.g. 2026-11-01.
        #[arg(long)]
        month: Option<chrono::NaiveDate>,
    },
}

/// Demo mode: a local SMTP sink (messages kept in `data/demo-mail/new`, one file each) and a
/// local SMS gateway, both on loopback, so that campaigns can be tried and nothing leaves
/// the machine. Configured transports are replaced by them.
async fn demo_sinks(
    settings: &mut Settings,
) -> anyhow::Result<(crm360_delivery::sink::SmtpSink, crm360_delivery::sink::SmsSink)> {
    let maildir = settings.data_dir.join("demo-mail");
    // Messages are kept in the maildir only: a long demo keeps its memory flat.
    let smtp = crm360_delivery::sink::SmtpSink::start_with("127.0.0.1:0", Some(maildir.clone()), false).await?;
    let key = "demo-gateway-key".to_owned();
    let sms = crm360_delivery::sink::SmsSink::start("127.0.0.1:0", key.clone()).await?;
    settings.smtp = Some(crm360_delivery::transport::SmtpSettings {
        host: smtp.local_addr().ip().to_string(),
        port: smtp.local_addr().port(),
        security: crm360_delivery::transport::SmtpSecurity::None,
        username: None,
        password: None,
        max_connections: 8,
        timeout_seconds: 10,
        dkim: Vec::new(),
        hello_name: None,
    });
    settings.sms = Some(crm360_delivery::transport::SmsSettings {
        base_url: sms.base_url(),
        api_key: key,
        webhook_secret: "demo-webhook-secret".to_owned(),
        timeout_seconds: 10,
    });
    tracing::info!(smtp = %smtp.local_addr(), sms = %sms.base_url(), maildir = %maildir.display(),
        "demo mode: emails and SMS go to local sinks, nothing leaves the machine");
    Ok((smtp, sms))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Schema => {
            print!("{}", crm360::schema::sdl());
            return Ok(());
        }
        Command::Billing(BillingCommand::Quote) => {
            let mut input = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut input)?;
            match crm360_pricing::quote_json(&input) {
                Ok(output) => println!("{output}"),
                Err(err) => {
                    eprintln!("error: {err}");
                    std::process::exit(2);
                }
            }
            return Ok(());
        }
        Command::Audit(AuditCommand::NewKey) => {
            println!("{}", crm360_audit_ledger::CheckpointKey::generate_base64());
            return Ok(());
        }
        Command::Audit(AuditCommand::VerifyProof { file, public_key }) => {
            let text = std::fs::read_to_string(&file)?;
            let outcome = serde_json::from_str::<crm360_audit_ledger::ProofBundle>(&text)
                .map_err(|e| e.to_string())
                .and_then(|bundle| bundle.verify(&public_key).map_err(|e| e.to_string()));
            match outcome {
                Ok(proved) => println!("ok: {proved} entries proved against the signed checkpoint"),
                Err(err) => {
                    eprintln!("refused: {err}");
                    std::process::exit(1);
                }
            }
            return Ok(());
        }
        Command::Rnvp => {
            let summary = crm360_address::rnvp_csv(std::io::stdin().lock(), std::io::stdout().lock())?;
            eprintln!(
                "{} addresses: {} valid, {} corrected, {} invalid",
                summary.rows, summary.valid, summary.corrected, summary.invalid
            );
            return Ok(());
        }
        _ => {}
    }
    let mut settings = Settings::load()?;
    telemetry::init_logs(&settings.log_format);
    let database = db::open(&settings, None).await?;
    let clock = Clock::system().in_zone(settings.time_zone()?);
    let platform = Platform::new(database.clone(), clock.clone());
    match cli.command {
        Command::Schema
        | Command::Rnvp
        | Command::Billing(BillingCommand::Quote)
        | Command::Audit(AuditCommand::NewKey | AuditCommand::VerifyProof { .. }) => {
            unreachable!("handled above: they need no database")
        }
        Command::Sla(SlaCommand::Due { priority, opened }) => {
            let db = platform.unscoped(crm360_kernel::Why::SupportDesk);
            let (_, calendar) = crm360_support::service::calendar::current(&db).await?;
            match crm360_sla::due_cli(&priority, &opened, &calendar) {
                Ok(due) => println!("{due}"),
                Err(err) => {
                    eprintln!("error: {err}");
                    std::process::exit(2);
                }
            }
        }
        Command::Billing(BillingCommand::Run { month }) => {
            let billing = settings.billing_settings()?;
            let documents = crm360_billing::service::documents::Documents::new()?;
            let operator = crm360_kernel::scope::OperatorScope::system(&platform);
            let month = month.unwrap_or_else(|| clock.first_of_month() - chrono::Months::new(1));
            let report = crm360_billing::service::cycle::run_month(&operator, &billing, &documents, month).await?;
            println!("{} invoices drafted, {} issued, {} failed", report.drafted, report.issued, report.failed);
        }
        Command::Audit(AuditCommand::PublicKey) => println!("{}", settings.audit_deps()?.key.public_key()),
        Command::Audit(AuditCommand::Seal) => {
            let report = crm360_audit::service::seal::seal_all(&platform, &settings.audit_deps()?.key).await?;
            println!("{} entries sealed in {} chains", report.entries, report.chains);
        }
        Command::Audit(AuditCommand::Verify { tenant }) => {
            let only = match tenant.as_deref() {
                None => None,
                Some("platform") => Some(None),
                Some(id) => Some(Some(uuid::Uuid::parse_str(id)?)),
            };
            let key = settings.audit_deps()?.key.public_key();
            let report = crm360_audit::service::verify::verify(&platform, &key, only).await?;
            for finding in &report.findings {
                println!("{finding}");
            }
            println!(
                "{} chains, {} entries, {} checkpoints: {}",
                report.chains,
                report.entries,
                report.checkpoints,
                if report.findings.is_empty() {
                    "intact".to_owned()
                } else {
                    format!("{} findings", report.findings.len())
                }
            );
            if !report.findings.is_empty() {
                std::process::exit(1);
            }
        }
        Command::Migrate => tracing::info!("migrations applied"),
        Command::SeedDemo => seed::seed_demo_in(&platform, &settings.data_dir).await?,
        Command::Serve { listen, demo } => {
            // Kept alive while the server runs: dropping a sink stops it.
            let mut _sinks = None;
            if demo {
                seed::seed_demo_in(&platform, &settings.data_dir).await?;
                _sinks = Some(demo_sinks(&mut settings).await?);
            }
            if let Some(listen) = listen {
                settings.listen = listen;
            }
            let listener = tokio::net::TcpListener::bind(&settings.listen).await?;
            let app = build_app(settings, database, clock).await?;
            server::serve(app, listener).await?;
        }
    }
    Ok(())
}

//! Configuration: defaults, then an optional TOML file (`crm360.toml`, or the file named by
//! `CRM360_CONFIG`), then `CRM360_*` environment variables (and `DATABASE_URL`).

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Clone, Debug, Deserialize)]
pub struct Settings {
    /// Address the HTTP server listens on.
    pub listen: String,
    /// `sqlite://...` (the default, under `./data/`) or `postgres://...`. Secret: it may
    /// hold a password.
    pub database_url: SecretString,
    /// PostgreSQL: the URL of the schema owner's role (a role with `BYPASSRLS`), used for
    /// migrations and the few deliberate unscoped accesses, while `database_url` connects as
    /// the application's role, which row-level security binds. Unset: `database_url` serves
    /// both (SQLite, demos).
    pub database_privileged_url: Option<SecretString>,
    /// The platform's time zone (IANA name): calendar days, months and local hours.
    pub time_zone: String,
    /// The built web app (`frontend/dist`).
    pub frontend_dir: PathBuf,
    /// Contract: 20 minutes.
    pub session_idle_timeout_seconds: i64,
    pub session_absolute_lifetime_seconds: i64,
    /// Mark the session cookie `Secure`, under the `__Host-` prefix (keep it on in
    /// production; browsers accept both on http://localhost and http://127.0.0.1 too).
    pub cookie_secure: bool,
    /// Development mode: the API explorer on `GET /graphql` and GraphQL's field suggestions
    /// ("did you mean ...?") are on. Off in production.
    pub development: bool,
    /// Serve the API explorer on `GET /graphql` from a browser (unset: in development mode
    /// only). Embedded in the binary: nothing is fetched from elsewhere.
    pub graphiql: Option<bool>,
    /// The address users reach the server at (`https://crm.example.com`): a browser's
    /// `Origin` must match it on cookie-authenticated requests and WebSockets. Unset, the
    /// request's own `Host` is the origin to match.
    pub public_origin: Option<String>,
    /// The server is reached over HTTPS only (TLS terminated here or by a reverse proxy the
    /// configuration trusts): `Strict-Transport-Security` is sent, and the session cookie is
    /// `Secure` whatever `cookie_secure` says.
    pub served_over_https: bool,
    /// `Strict-Transport-Security: max-age` when served over HTTPS.
    pub hsts_max_age_seconds: u64,
    /// The bearer token that `GET /metrics` requires. Unset: `/metrics` is not served.
    pub metrics_token: Option<SecretString>,
    /// How often an open WebSocket re-checks its session (it closes once the session ends).
    pub websocket_session_check_seconds: u64,
    /// The rate limits of expensive work (counts, samples, imports, exports), per tenant and
    /// per client address.
    pub rate_limits: crm360_kernel::rate_limit::RateLimits,
    /// Largest accepted GraphQL request body.
    pub max_body_bytes: usize,
    /// `pretty` or `json`.
    pub log_format: String,
    /// Background job workers in this process.
    pub job_workers: usize,
    /// Behind a reverse proxy: the header it sets to the client's address (`x-real-ip`, ...).
    /// Unset, the peer address of the connection is the client's (and headers are ignored,
    /// since any client could forge them).
    pub client_ip_header: Option<String>,
    /// The operator's own networks (CIDR ranges, `["192.0.2.0/24", "2001:db8::/32"]`):
    /// operator staff log in and use their sessions from these only. Empty: from anywhere.
    /// Tenants' users are held to their tenant's own list (`setAllowedNetworks`), not to this.
    pub operator_allowed_networks: Vec<String>,
    /// The expiry of an API token created without one, in days from its creation.
    pub api_token_default_lifetime_days: i64,
    /// The longest an API token may live, in days from its creation.
    pub api_token_max_lifetime_days: i64,
    /// Where uploaded files (imports) are kept.
    pub data_dir: PathBuf,
    /// Largest accepted upload (`POST /uploads`).
    pub max_upload_bytes: u64,
    /// Each tenant's quota of stored uploads and import error reports, in bytes.
    pub upload_quota_bytes: u64,
    /// Days an uploaded file and an import's error report are kept before the daily purge
    /// deletes them (the import's figures and history stay).
    pub files_retention_days: i64,
    /// The SMTP relay campaigns and notifications go through. Unset: nothing is sent by email.
    pub smtp: Option<crm360_delivery::transport::SmtpSettings>,
    /// The SMS gateway (its URL, key and webhook secret). Unset: nothing is sent by SMS.
    pub sms: Option<crm360_delivery::transport::SmsSettings>,
    /// The sender of the platform's own notifications (`crm360 <no-reply@example.com>`).
    pub mail_from: String,
    /// The key that signs unsubscribe links (keep it secret and stable: changing it breaks
    /// the links of messages already sent). Unset: a fixed development key, with a warning
    /// at start; set it in production.
    pub signing_key: Option<SecretString>,
    /// The Ed25519 key that signs the audit trail's checkpoints: its 32-byte seed in base64
    /// (`crm360 audit new-key` makes one). Keep it secret and publish its public key
    /// (`crm360 audit public-key`). Unset: a key is made once in the data folder
    /// (`audit-signing.key`), with a warning at start.
    pub audit_signing_key: Option<SecretString>,
    /// Sending: pace, batches, the SMS opt-out mention, the bounce mailbox.
    pub campaigns: CampaignOptions,
    /// Billing: the operator as seller, VAT, terms, numbering, ECB rates, follow-up delays.
    pub billing: BillingOptions,
    /// The support desk: its inbox and the delays that close tickets by themselves.
    pub support: SupportOptions,
}

/// The support desk's options (`[support]` in the configuration file).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default)]
pub struct SupportOptions {
    /// The support inbox (a Maildir folder the mail server delivers to); unset: tickets are
    /// opened in the product only.
    pub mailbox: Option<PathBuf>,
    /// Days after which a resolved ticket the user did not answer closes.
    pub close_after_resolution_days: i64,
    /// Days of the user's silence after a request for information before the ticket closes.
    pub close_after_silence_days: i64,
}

impl Default for SupportOptions {
    fn default() -> SupportOptions {
        SupportOptions { mailbox: None, close_after_resolution_days: 7, close_after_silence_days: 15 }
    }
}

/// The operator's billing options (`[billing]` in the configuration file).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default)]
pub struct BillingOptions {
    pub seller_name: String,
    pub seller_address_lines: Vec<String>,
    pub seller_postcode: String,
    pub seller_city: String,
    pub seller_country_code: String,
    pub seller_siren: Option<String>,
    pub seller_vat_number: Option<String>,
    pub seller_email: Option<String>,
    /// "SAS au capital de 1 547 143 €".
    pub seller_legal_form_and_capital: Option<String>,
    pub seller_rcs: Option<String>,
    /// VAT in percent, as a decimal string ("20").
    pub vat_rate: String,
    pub payment_days: i64,
    pub payment_terms: String,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub invoice_prefix: String,
    pub credit_note_prefix: String,
    /// Whether the monthly run issues its drafts (otherwise staff issue them).
    pub auto_issue: bool,
    /// A JSON file of the ECB main refinancing rate (`[{"from":"2025-06-11","percent":"2.15"}]`
    /// or the format of `crm360_pricing::EcbRates`); unset: the table shipped with the binary.
    pub ecb_rates_file: Option<PathBuf>,
    pub suspension_after_days: i64,
    pub termination_after_days: i64,
}

impl Default for BillingOptions {
    fn default() -> BillingOptions {
        let d = crm360_billing::settings::BillingSettings::defaults(std::path::Path::new("data"));
        BillingOptions {
            seller_name: d.seller.name,
            seller_address_lines: d.seller.address_lines,
            seller_postcode: d.seller.postcode,
            seller_city: d.seller.city,
            seller_country_code: d.seller.country_code,
            seller_siren: d.seller.siren,
            seller_vat_number: d.seller.vat_number,
            seller_email: d.seller.email,
            seller_legal_form_and_capital: d.seller.legal_form_and_capital,
            seller_rcs: d.seller.rcs,
            vat_rate: d.vat_rate.to_string(),
            payment_days: d.payment_days,
            payment_terms: d.payment_terms,
            iban: d.iban,
            bic: d.bic,
            invoice_prefix: d.invoice_prefix,
            credit_note_prefix: d.credit_note_prefix,
            auto_issue: d.auto_issue,
            ecb_rates_file: None,
            suspension_after_days: d.suspension_after_days,
            termination_after_days: d.termination_after_days,
        }
    }
}

/// The operator's sending options (`[campaigns]` in the configuration file).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(default)]
pub struct CampaignOptions {
    /// Per tenant, at most this many emails a second (0: no limit).
    pub email_per_second: u32,
    /// Per tenant, at most this many SMS a second.
    pub sms_per_second: u32,
    /// Per transport, every tenant together, at most this many a second (0: no limit).
    pub email_transport_per_second: u32,
    pub sms_transport_per_second: u32,
    /// Messages a worker has in flight on one transport (and the most a crash can leave
    /// uncertain).
    pub concurrency: usize,
    /// Ledger rows per send batch (one durable job).
    pub batch_size: usize,
    /// The opt-out mention of marketing SMS (the operator's short number).
    pub sms_stop_mention: String,
    /// The domain of campaign Message-IDs.
    pub message_id_domain: String,
    /// The bounce mailbox, a Maildir folder that delivery status notifications land in.
    pub bounce_maildir: Option<PathBuf>,
}

impl Default for CampaignOptions {
    fn default() -> CampaignOptions {
        let d = crm360_campaigns::service::settings::CampaignSettings::default();
        CampaignOptions {
            email_per_second: d.email_per_second,
            sms_per_second: d.sms_per_second,
            email_transport_per_second: d.email_transport_per_second,
            sms_transport_per_second: d.sms_transport_per_second,
            concurrency: d.concurrency,
            batch_size: d.batch_size,
            sms_stop_mention: d.sms_stop_mention,
            message_id_domain: d.message_id_domain,
            bounce_maildir: None,
        }
    }
}

/// The defaults, as a serializable mirror (figment's first layer).
#[derive(Serialize)]
struct Defaults {
    listen: &'static str,
    database_url: &'static str,
    time_zone: &'static str,
    frontend_dir: &'static str,
    session_idle_timeout_seconds: i64,
    session_absolute_lifetime_seconds: i64,
    cookie_secure: bool,
    development: bool,
    served_over_https: bool,
    hsts_max_age_seconds: u64,
    websocket_session_check_seconds: u64,
    rate_limits: crm360_kernel::rate_limit::RateLimits,
    max_body_bytes: usize,
    log_format: &'static str,
    job_workers: usize,
    client_ip_header: Option<&'static str>,
    operator_allowed_networks: Vec<String>,
    api_token_default_lifetime_days: i64,
    api_token_max_lifetime_days: i64,
    data_dir: &'static str,
    max_upload_bytes: u64,
    upload_quota_bytes: u64,
    files_retention_days: i64,
    mail_from: &'static str,
    campaigns: CampaignOptions,
    billing: BillingOptions,
    support: SupportOptions,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/crm360.db?mode=rwc";

impl Settings {
    pub fn load() -> Result<Settings, Box<figment::Error>> {
        let defaults = Defaults {
            listen: "127.0.0.1:8360",
            database_url: DEFAULT_DATABASE_URL,
            time_zone: "Europe/Paris",
            frontend_dir: "frontend/dist",
            session_idle_timeout_seconds: 20 * 60,
            session_absolute_lifetime_seconds: 12 * 3600,
            cookie_secure: true,
            development: false,
            served_over_https: false,
            hsts_max_age_seconds: 365 * 24 * 3600,
            websocket_session_check_seconds: 30,
            rate_limits: crm360_kernel::rate_limit::RateLimits::default(),
            max_body_bytes: 1024 * 1024,
            log_format: "pretty",
            job_workers: 2,
            client_ip_header: None,
            operator_allowed_networks: Vec::new(),
            api_token_default_lifetime_days: 90,
            api_token_max_lifetime_days: 730,
            data_dir: "data",
            max_upload_bytes: 1024 * 1024 * 1024,
            upload_quota_bytes: 10 * 1024 * 1024 * 1024,
            files_retention_days: 90,
            mail_from: "crm360 <no-reply@crm360.localhost>",
            campaigns: CampaignOptions::default(),
            billing: BillingOptions::default(),
            support: SupportOptions::default(),
        };
        let file = std::env::var("CRM360_CONFIG").unwrap_or_else(|_| "crm360.toml".to_owned());
        Figment::from(Serialized::defaults(defaults))
            .merge(Toml::file(file))
            .merge(Env::raw().only(&["DATABASE_URL"]).map(|_| "database_url".into()))
            .merge(Env::prefixed("CRM360_"))
            .extract()
            .map_err(Box::new)
    }

    /// The sender of notifications, from `mail_from` ("Name <address>" or a bare address).
    pub fn notifications_from(&self) -> crm360_delivery::transport::Mailbox {
        let raw = self.mail_from.trim();
        match (raw.rfind('<'), raw.ends_with('>')) {
            (Some(open), true) => crm360_delivery::transport::Mailbox {
                name: Some(raw[..open].trim().trim_matches('"').to_owned()).filter(|n| !n.is_empty()),
                address: raw[open + 1..raw.len() - 1].trim().to_owned(),
            },
            _ => crm360_delivery::transport::Mailbox { name: None, address: raw.to_owned() },
        }
    }

    /// The public address of the platform, for the links of messages.
    pub fn public_url(&self) -> String {
        self.public_origin.clone().unwrap_or_else(|| format!("http://{}", self.listen)).trim_end_matches('/').to_owned()
    }

    /// The campaigns module's settings and transports, from the configuration.
    /// The audit module's signing key (`audit_signing_key`, or the data folder's).
    pub fn audit_deps(&self) -> anyhow::Result<crm360_audit::AuditDeps> {
        let configured = self.audit_signing_key.as_ref().map(|key| key.expose_secret().to_owned());
        let key = crm360_audit::service::key::load(configured.as_deref(), &self.data_dir)?;
        Ok(crm360_audit::AuditDeps { key })
    }

    pub fn campaign_deps(&self) -> anyhow::Result<crm360_campaigns::jobs::CampaignDeps> {
        use crm360_campaigns::service::settings::{CampaignSettings, Transports};
        let signing_key = match &self.signing_key {
            Some(key) => key.expose_secret().as_bytes().to_vec(),
            None => {
                tracing::warn!("signing_key is not set: unsubscribe links are signed with the development key");
                CampaignSettings::default().signing_key.to_vec()
            }
        };
        let email = self
            .smtp
            .as_ref()
            .map(crm360_delivery::transport::SmtpTransport::new)
            .transpose()
            .map_err(|err| anyhow::anyhow!("the SMTP settings are invalid: {err}"))?;
        let sms = self
            .sms
            .as_ref()
            .map(crm360_delivery::transport::SmsGateway::new)
            .transpose()
            .map_err(|err| anyhow::anyhow!("the SMS gateway settings are invalid: {err}"))?;
        let o = &self.campaigns;
        Ok(crm360_campaigns::jobs::CampaignDeps {
            settings: std::sync::Arc::new(CampaignSettings {
                public_url: self.public_url(),
                signing_key: std::sync::Arc::new(signing_key),
                message_id_domain: o.message_id_domain.clone(),
                sms_stop_mention: o.sms_stop_mention.clone(),
                email_per_second: o.email_per_second,
                sms_per_second: o.sms_per_second,
                email_transport_per_second: o.email_transport_per_second,
                sms_transport_per_second: o.sms_transport_per_second,
                concurrency: o.concurrency.max(1),
                batch_size: o.batch_size.max(1),
                bounce_maildir: o.bounce_maildir.clone(),
                ..CampaignSettings::default()
            }),
            transports: Transports {
                email,
                sms,
                sms_webhook_secret: self.sms.as_ref().map(|s| s.webhook_secret.clone()),
                notifications_from: self.notifications_from(),
            },
            throttle: std::sync::Arc::default(),
        })
    }

    pub fn database_url(&self) -> &str {
        self.database_url.expose_secret()
    }

    /// The privileged URL, or the application's when none is set.
    pub fn database_privileged_url(&self) -> &str {
        self.database_privileged_url.as_ref().map_or_else(|| self.database_url(), |url| url.expose_secret())
    }

    /// Whether the API explorer is served.
    pub fn explorer(&self) -> bool {
        self.graphiql.unwrap_or(self.development)
    }

    /// Whether the session cookie is `Secure` (and so `__Host-` prefixed).
    pub fn secure_cookie(&self) -> bool {
        self.cookie_secure || self.served_over_https
    }

    /// The operator's networks, parsed, or an error naming the bad range.
    pub fn operator_allowed_networks(&self) -> anyhow::Result<Vec<crm360_identity::service::networks::IpNet>> {
        crm360_identity::service::networks::parse_networks(&self.operator_allowed_networks)
            .map_err(|err| anyhow::anyhow!("operator_allowed_networks: {err}"))
    }

    /// API tokens' lifetime, or an error when the figures make no sense.
    pub fn api_token_lifetime(&self) -> anyhow::Result<crm360_identity::TokenLifetime> {
        let (default, max) = (self.api_token_default_lifetime_days, self.api_token_max_lifetime_days);
        if default < 1 || max < default {
            anyhow::bail!(
                "api_token_default_lifetime_days ({default}) must be at least 1 and at most api_token_max_lifetime_days ({max})"
            );
        }
        Ok(crm360_identity::TokenLifetime {
            default: chrono::Duration::days(default),
            max: chrono::Duration::days(max),
        })
    }

    /// The configured time zone, or an error naming the bad value.
    /// The billing settings, validated.
    pub fn billing_settings(&self) -> anyhow::Result<crm360_billing::settings::BillingSettings> {
        let o = &self.billing;
        let vat_rate: rust_decimal::Decimal = o
            .vat_rate
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("billing.vat_rate: {:?} is not a number", o.vat_rate))?;
        let ecb_rates = match &o.ecb_rates_file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|err| anyhow::anyhow!("billing.ecb_rates_file {}: {err}", path.display()))?;
                crm360_pricing::EcbRates::from_json(&text)
                    .map_err(|err| anyhow::anyhow!("billing.ecb_rates_file {}: {err}", path.display()))?
            }
            None => crm360_pricing::EcbRates::annex(),
        };
        let mut settings = crm360_billing::settings::BillingSettings::defaults(&self.data_dir);
        settings.seller = crm360_invoice_documents::Party {
            name: o.seller_name.clone(),
            address_lines: o.seller_address_lines.clone(),
            postcode: o.seller_postcode.clone(),
            city: o.seller_city.clone(),
            country_code: o.seller_country_code.clone(),
            siren: o.seller_siren.clone(),
            vat_number: o.seller_vat_number.clone(),
            email: o.seller_email.clone(),
            legal_form_and_capital: o.seller_legal_form_and_capital.clone(),
            rcs: o.seller_rcs.clone(),
        };
        settings.vat_rate = vat_rate;
        settings.payment_days = o.payment_days;
        settings.payment_terms = o.payment_terms.clone();
        settings.iban = o.iban.clone();
        settings.bic = o.bic.clone();
        settings.invoice_prefix = o.invoice_prefix.clone();
        settings.credit_note_prefix = o.credit_note_prefix.clone();
        settings.auto_issue = o.auto_issue;
        settings.ecb_rates = ecb_rates;
        settings.suspension_after_days = o.suspension_after_days;
        settings.termination_after_days = o.termination_after_days;
        Ok(settings)
    }

    pub fn time_zone(&self) -> anyhow::Result<chrono_tz::Tz> {
        self.time_zone.parse().map_err(|_| anyhow::anyhow!("time_zone: {:?} is not an IANA time zone", self.time_zone))
    }
}

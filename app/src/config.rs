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
        };
        let file = std::env::var("CRM360_CONFIG").unwrap_or_else(|_| "crm360.toml".to_owned());
        Figment::from(Serialized::defaults(defaults))
            .merge(Toml::file(file))
            .merge(Env::raw().only(&["DATABASE_URL"]).map(|_| "database_url".into()))
            .merge(Env::prefixed("CRM360_"))
            .extract()
            .map_err(Box::new)
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
    pub fn time_zone(&self) -> anyhow::Result<chrono_tz::Tz> {
        self.time_zone.parse().map_err(|_| anyhow::anyhow!("time_zone: {:?} is not an IANA time zone", self.time_zone))
    }
}

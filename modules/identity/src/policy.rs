//! The rules of sessions and login, with the contract's figures as defaults.

use chrono::Duration;

/// How sessions live and how login attempts are throttled.
#[derive(Clone, Debug)]
pub struct SessionPolicy {
    /// Contract: sessions end after 20 minutes without activity.
    pub idle_timeout: Duration,
    /// A session ends after this, however active.
    pub absolute_lifetime: Duration,
    /// Failed attempts on one account within `throttle_window` before it is throttled.
    pub max_failures_per_account: u64,
    /// Failed attempts from one IP address within `throttle_window` before it is throttled.
    pub max_failures_per_ip: u64,
    pub throttle_window: Duration,
    /// Contract article 12: connection IP addresses are kept one year.
    pub connection_ip_retention: Duration,
}

impl Default for SessionPolicy {
    fn default() -> SessionPolicy {
        SessionPolicy {
            idle_timeout: Duration::minutes(20),
            absolute_lifetime: Duration::hours(12),
            max_failures_per_account: 5,
            max_failures_per_ip: 30,
            throttle_window: Duration::minutes(15),
            connection_ip_retention: Duration::days(365),
        }
    }
}

/// How the web app's session cookie is set.
#[derive(Clone, Debug)]
pub struct CookiePolicy {
    pub name: String,
    /// `Secure`: sent over HTTPS only (browsers also accept it on http://localhost).
    pub secure: bool,
}

impl Default for CookiePolicy {
    fn default() -> CookiePolicy {
        CookiePolicy { name: "crm360_session".to_owned(), secure: true }
    }
}

impl CookiePolicy {
    /// The `Set-Cookie` value that stores a session token.
    pub fn set(&self, token: &str, max_age: Duration) -> String {
        format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
            self.name,
            token,
            max_age.num_seconds(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// The `Set-Cookie` value that removes it.
    pub fn clear(&self) -> String {
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
            self.name,
            if self.secure { "; Secure" } else { "" }
        )
    }
}

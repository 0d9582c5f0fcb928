//! The rules of sessions and login, with the contract's figures as defaults.

use chrono::Duration;
use ipnet::IpNet;

/// How sessions live and how login attempts are throttled.
#[derive(Clone, Debug)]
pub struct SessionPolicy {
    /// Contract: sessions end after 20 minutes without activity.
    pub idle_timeout: Duration,
    /// A session ends after this, however active.
    pub absolute_lifetime: Duration,
    /// How guesses of a password are slowed down (login and password change).
    pub throttle: ThrottlePolicy,
    /// Contract article 12: connection IP addresses are kept one year.
    pub connection_ip_retention: Duration,
    /// The operator's own ranges: its staff log in and use their sessions from these only
    /// (empty: from anywhere). Tenants' ranges are theirs, in `allowed_network`.
    pub operator_allowed_networks: Vec<IpNet>,
    /// How long API tokens live.
    pub api_tokens: TokenLifetime,
}

/// API tokens' lifetime: `default` when the creator chooses no expiry, `max` at most.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct TokenLifetime {
    pub default: Duration,
    pub max: Duration,
}

impl Default for TokenLifetime {
    fn default() -> TokenLifetime {
        TokenLifetime { default: Duration::days(90), max: Duration::days(730) }
    }
}

impl Default for SessionPolicy {
    fn default() -> SessionPolicy {
        SessionPolicy {
            idle_timeout: Duration::minutes(20),
            absolute_lifetime: Duration::hours(12),
            throttle: ThrottlePolicy::default(),
            connection_ip_retention: Duration::days(365),
            operator_allowed_networks: Vec::new(),
            api_tokens: TokenLifetime::default(),
        }
    }
}

/// How one kind of key is slowed down: `free_attempts` attempts pass at once, then the next
/// waits `first_delay`, doubling at each further failure up to `max_delay`. A key without
/// an attempt for `forget_after` starts again from zero; a success resets it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ThrottleRule {
    pub free_attempts: i64,
    pub first_delay: Duration,
    pub max_delay: Duration,
    pub forget_after: Duration,
}

impl ThrottleRule {
    /// How long to wait after the `failures`-th consecutive failure.
    pub fn delay_after(&self, failures: i64) -> Duration {
        if failures < self.free_attempts {
            return Duration::zero();
        }
        let doublings = u32::try_from(failures - self.free_attempts).unwrap_or(u32::MAX).min(40);
        let delay = self.first_delay.num_seconds().saturating_mul(1i64 << doublings);
        Duration::seconds(delay.min(self.max_delay.num_seconds()))
    }

    /// The steps of [`ThrottleRule::delay_after`]: from which failure on, which delay (in
    /// seconds), up to the longest.
    pub fn steps(&self) -> Vec<(i64, i64)> {
        let mut steps = Vec::new();
        let mut failures = self.free_attempts.max(1);
        loop {
            let delay = self.delay_after(failures).num_seconds();
            steps.push((failures, delay));
            if delay >= self.max_delay.num_seconds() || steps.len() > 64 {
                return steps;
            }
            failures += 1;
        }
    }
}

/// The login throttle (NIST SP 800-63B, 5.2.2): guesses are slowed down per account and
/// address first, so that an attacker's address cannot keep the real user (elsewhere) out;
/// per address, against one address spraying many accounts; and an account is locked for
/// everyone only after 100 consecutive failures.
#[derive(Clone, Debug)]
pub struct ThrottlePolicy {
    pub per_account_and_address: ThrottleRule,
    pub per_address: ThrottleRule,
    /// The hard lock: after `free_attempts` consecutive failures from anywhere, every login
    /// of the account waits `first_delay` (= `max_delay`).
    pub account_lock: ThrottleRule,
    /// Guesses of the current password in a password change, per person.
    pub password_change: ThrottleRule,
}

impl Default for ThrottlePolicy {
    fn default() -> ThrottlePolicy {
        ThrottlePolicy {
            per_account_and_address: ThrottleRule {
                free_attempts: 5,
                first_delay: Duration::seconds(2),
                max_delay: Duration::hours(1),
                forget_after: Duration::days(1),
            },
            per_address: ThrottleRule {
                free_attempts: 30,
                first_delay: Duration::seconds(1),
                max_delay: Duration::minutes(15),
                forget_after: Duration::hours(1),
            },
            account_lock: ThrottleRule {
                free_attempts: 100,
                first_delay: Duration::hours(1),
                max_delay: Duration::hours(1),
                forget_after: Duration::days(30),
            },
            password_change: ThrottleRule {
                free_attempts: 5,
                first_delay: Duration::seconds(2),
                max_delay: Duration::hours(1),
                forget_after: Duration::days(1),
            },
        }
    }
}

/// How the web app's session cookie is set.
#[derive(Clone, Debug)]
pub struct CookiePolicy {
    /// The cookie's name without its prefix.
    pub name: String,
    /// `Secure`: sent over HTTPS only (browsers also accept it on http://localhost), and then
    /// under the `__Host-` prefix (no `Domain`, `Path=/`: no sibling host can set or shadow it).
    pub secure: bool,
}

impl Default for CookiePolicy {
    fn default() -> CookiePolicy {
        CookiePolicy { name: "crm360_session".to_owned(), secure: true }
    }
}

impl CookiePolicy {
    /// The cookie's name as sent: `__Host-crm360_session` when `Secure`.
    pub fn cookie_name(&self) -> String {
        if self.secure { format!("__Host-{}", self.name) } else { self.name.clone() }
    }

    /// The `Set-Cookie` value that stores a session token.
    pub fn set(&self, token: &str, max_age: Duration) -> String {
        format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
            self.cookie_name(),
            token,
            max_age.num_seconds(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// The `Set-Cookie` value that removes it.
    pub fn clear(&self) -> String {
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
            self.cookie_name(),
            if self.secure { "; Secure" } else { "" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secure_cookie_takes_the_host_prefix() {
        let secure = CookiePolicy::default();
        assert!(secure.set("t", Duration::hours(1)).starts_with("__Host-crm360_session=t; Path=/; HttpOnly"));
        assert!(secure.set("t", Duration::hours(1)).ends_with("; Secure"));
        assert!(!secure.set("t", Duration::hours(1)).contains("Domain"));
        let plain = CookiePolicy { secure: false, ..CookiePolicy::default() };
        assert!(plain.set("t", Duration::hours(1)).starts_with("crm360_session=t;"));
        assert!(secure.clear().starts_with("__Host-crm360_session=;"));
    }
}

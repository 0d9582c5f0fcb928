//! The platform's own messages (invitations, password resets, notices of billing, compliance
//! and support), sent by one notifications service.
//!
//! Any module asks for one with [`crate::TenantTxn::notify`] (or [`crate::Unscoped::notify`]
//! before a tenant is known, as in the lost-password flow): it is a durable job of kind
//! [`KIND`], enqueued in the transaction of the change that causes it, so that a message is
//! sent only if the change commits. The campaigns module registers the job that renders it
//! in the recipient's language and sends it through the platform's SMTP transport.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The job kind of a notification; the campaigns module registers its handler.
pub const KIND: &str = "notification.send";

/// The language a person reads the platform in (French first).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Language {
    #[default]
    Fr,
    En,
}

impl Language {
    /// The language of a stored or declared code (`fr`, `en-GB`...); French otherwise.
    pub fn of_code(code: Option<&str>) -> Language {
        match code.map(|c| c.trim().to_ascii_lowercase()) {
            Some(c) if c == "en" || c.starts_with("en-") || c.starts_with("en_") => Language::En,
            _ => Language::Fr,
        }
    }
}

/// What a notification says; each kind has its French and English wording in the
/// notifications service, which matches every variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NotificationKind {
    /// A new user is invited to choose a password (`link`, `tenant`, `inviter`).
    Invitation,
    /// The lost-password flow's single-use link (`link`, `valid_minutes`).
    PasswordReset,
    /// The password of the account was changed (`at`).
    PasswordChanged,
    /// A notice written by another module: its own `subject` and `body` parameters.
    Notice,
}

/// One message to one person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    /// The recipient's email address.
    pub to: String,
    pub language: Language,
    pub kind: NotificationKind,
    /// The values its wording uses (never secrets other than the link it carries).
    pub params: BTreeMap<String, String>,
}

impl Notification {
    pub fn new(to: impl Into<String>, language: Language, kind: NotificationKind) -> Notification {
        Notification { to: to.into(), language, kind, params: BTreeMap::new() }
    }

    pub fn with(mut self, key: &str, value: impl Into<String>) -> Notification {
        self.params.insert(key.to_owned(), value.into());
        self
    }
}

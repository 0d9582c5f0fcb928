//! Transports that hand messages over to the outside world: SMTP (with lettre) and an SMS
//! gateway spoken to over HTTP.
//!
//! Both report failures as a [`SendError`] whose variant tells the caller whether a retry
//! can help.
//!
//! # SMS gateway contract
//!
//! The SMS side talks to any gateway (or adapter in front of one) implementing this small
//! JSON contract; [`crate::sink::SmsSink`] implements it locally for the demo mode and tests.
//!
//! ## Sending
//!
//! ```text
//! POST {base_url}/messages
//! Authorization: Bearer {api_key}
//! Content-Type: application/json
//!
//! {"from": "CRM360", "to": "+33612345678", "text": "…", "reference": "<our message id>"}
//! ```
//!
//! - `202 Accepted` (any 2xx) with `{"id": "<gateway id>"}`: the gateway took the message.
//! - `4xx` with `{"error": "..."}`: refused for good (bad number, bad key, …), do not retry;
//!   except `408` and `429`, which are temporary.
//! - `5xx`, timeouts and connection failures: temporary, retry later.
//!
//! `reference` is our message id; a gateway should treat it as an idempotency key, since a
//! message whose answer was lost (timeout after the gateway accepted it) is sent again.
//!
//! ## Webhooks the gateway calls on us
//!
//! Every webhook body is signed with the shared secret:
//!
//! ```text
//! X-CRM360-Timestamp: <unix seconds>
//! X-CRM360-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{raw body}">
//! ```
//!
//! A webhook whose timestamp is more than 5 minutes away from our clock is refused, which
//! bounds replays. Bodies:
//!
//! ```text
//! delivery receipt: {"type": "delivery", "reference": "...", "status": "DELIVERED"|"FAILED"|"EXPIRED", "error": null|"..."}
//! inbound message:  {"type": "inbound", "from": "+33612345678", "to": "CRM360"|"36180", "text": "STOP", "received_at": "2026-12-01T10:00:00Z"}
//! ```
//!
//! [`sign_webhook`] produces the signature header value and [`verify_webhook`] checks it and
//! parses the body into a [`GatewayEvent`].

mod sms;
mod smtp;

pub use sms::{
    DeliveryStatus, GatewayEvent, OutgoingSms, SIGNATURE_HEADER, SmsGateway, SmsSettings, TIMESTAMP_HEADER,
    WEBHOOK_TOLERANCE_SECONDS, WebhookError, sign_webhook, verify_webhook,
};
pub use smtp::{DkimKey, Mailbox, OutgoingEmail, SmtpSecurity, SmtpSettings, SmtpTransport};

/// Why a message could not be handed over.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Refused for good (5xx, invalid address, refused credentials): do not retry.
    #[error("refused: {0}")]
    Permanent(String),
    /// May succeed later (4xx, timeout, connection lost). When the connection was lost after
    /// the message was sent but before the answer, the message may have been delivered
    /// anyway: a retry can duplicate it.
    #[error("temporary failure: {0}")]
    Temporary(String),
    /// The message (or the transport's configuration) cannot be sent as it is; fix it first.
    #[error("invalid message: {0}")]
    Invalid(String),
}

//! What the campaigns module is configured with (operator configuration, never code), and
//! the transports it sends through.

use crm360_delivery::transport::{Mailbox, SmsGateway, SmtpTransport};
use std::path::PathBuf;
use std::sync::Arc;

/// The operator's settings of sending.
#[derive(Clone, Debug)]
pub struct CampaignSettings {
    /// Where recipients reach the platform (unsubscribe pages, tracking links).
    pub public_url: String,
    /// The key that signs unsubscribe links.
    pub signing_key: Arc<Vec<u8>>,
    /// The domain of the Message-IDs of campaign messages.
    pub message_id_domain: String,
    /// The opt-out mention every marketing SMS carries ("STOP au 36180").
    pub sms_stop_mention: String,
    /// Per tenant and channel, at most this many messages a second (0: no limit).
    pub email_per_second: u32,
    pub sms_per_second: u32,
    /// Per transport, every tenant together (the relay's or gateway's contract; 0: no limit).
    pub email_transport_per_second: u32,
    pub sms_transport_per_second: u32,
    /// How many messages a worker has in flight at once on one transport: also the most
    /// messages that can be left `UNCERTAIN` by a worker's crash.
    pub concurrency: usize,
    /// How many ledger rows one send batch (one durable job) holds.
    pub batch_size: usize,
    /// The bounce mailbox (a Maildir folder), if any.
    pub bounce_maildir: Option<PathBuf>,
    /// Soft bounces of one address, in a row, before it is suppressed.
    pub soft_bounce_limit: u32,
    /// Attempts of a message after temporary failures before it is `FAILED`.
    pub max_attempts: i32,
}

impl Default for CampaignSettings {
    fn default() -> CampaignSettings {
        CampaignSettings {
            public_url: "http://localhost:8080".to_owned(),
            signing_key: Arc::new(b"crm360-development-signing-key".to_vec()),
            message_id_domain: "crm360.localhost".to_owned(),
            sms_stop_mention: "STOP au 36180".to_owned(),
            email_per_second: 0,
            sms_per_second: 50,
            email_transport_per_second: 0,
            sms_transport_per_second: 0,
            concurrency: 16,
            batch_size: 500,
            bounce_maildir: None,
            soft_bounce_limit: 3,
            max_attempts: 3,
        }
    }
}

/// The transports configured on the platform (none in a test that sends nothing).
#[derive(Clone)]
pub struct Transports {
    pub email: Option<SmtpTransport>,
    pub sms: Option<SmsGateway>,
    /// The shared secret of the SMS gateway's webhooks.
    pub sms_webhook_secret: Option<String>,
    /// The platform's own sender for notifications.
    pub notifications_from: Mailbox,
}

//! The states and kinds of campaigns, stored as their SCREAMING_CASE names: an unknown stored
//! value is an error when read, never a default.

use sea_orm::entity::prelude::*;

macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize, serde::Deserialize)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        #[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name {
            $($(#[$vmeta])* #[sea_orm(string_value = $value)] $variant),+
        }
    };
}

stored_enum!(
    /// How a message reaches its recipient.
    Channel {
        Email = "EMAIL",
        Sms = "SMS",
    }
);

stored_enum!(
    /// Where a campaign stands.
    CampaignStatus {
        /// Being written; nothing is planned.
        Draft = "DRAFT",
        /// Its next run waits for its time.
        Scheduled = "SCHEDULED",
        /// A run is sending.
        Sending = "SENDING",
        /// Sending is suspended; resume continues where it stopped.
        Paused = "PAUSED",
        /// Every run is over and none is planned.
        Sent = "SENT",
        /// Stopped for good; what was not sent never will be.
        Cancelled = "CANCELLED",
    }
);

stored_enum!(
    /// When a campaign runs.
    RunPlan {
        /// Once, as soon as it is launched.
        Now = "NOW",
        /// Once, at a set time.
        At = "AT",
        /// At every occurrence of a cron expression (Europe/Paris), each run targeting the
        /// segment as it is then.
        Recurring = "RECURRING",
    }
);

stored_enum!(
    /// Where one run of a campaign stands.
    RunStatus {
        /// Its ledger is being built from the segment.
        Preparing = "PREPARING",
        Sending = "SENDING",
        Paused = "PAUSED",
        /// Every message of its ledger has an outcome.
        Finished = "FINISHED",
        Cancelled = "CANCELLED",
    }
);

stored_enum!(
    /// What became of one message of a run.
    LedgerStatus {
        /// Waiting to be sent (possibly until `not_before`: SMS quiet hours, a retry).
        Queued = "QUEUED",
        /// Handed to a worker that is sending it now.
        Sending = "SENDING",
        /// Accepted by the mail server or the SMS gateway.
        Sent = "SENT",
        /// Refused for good, or out of attempts (`error` says why).
        Failed = "FAILED",
        /// Accepted, then bounced back (delivery status notification, gateway receipt).
        Bounced = "BOUNCED",
        /// Its worker died while sending it: it may or may not have left, and it is never
        /// sent again.
        Uncertain = "UNCERTAIN",
        /// Not sent, for the reason in `exclusion`.
        Excluded = "EXCLUDED",
        /// Not sent: the campaign was cancelled first.
        Cancelled = "CANCELLED",
    }
);

stored_enum!(
    /// Why a contact of the segment gets no message.
    Exclusion {
        /// No consent for the channel (CPCE L.34-5).
        NoConsent = "NO_CONSENT",
        /// The address or number is on the tenant's or the platform's suppression list.
        Suppressed = "SUPPRESSED",
        /// No valid address or mobile number.
        InvalidAddress = "INVALID_ADDRESS",
        /// Another contact of the run has the same address or number: it gets one message.
        Duplicate = "DUPLICATE",
    }
);

stored_enum!(
    /// Why an address or number is suppressed.
    SuppressionReason {
        /// The recipient unsubscribed (link or one-click).
        Unsubscribed = "UNSUBSCRIBED",
        /// The recipient answered STOP to an SMS.
        StopSms = "STOP_SMS",
        /// The address does not exist.
        HardBounce = "HARD_BOUNCE",
        /// The recipient marked a message as spam.
        Complaint = "COMPLAINT",
        /// Too many temporary failures in a row.
        SoftBounces = "SOFT_BOUNCES",
        /// Added by hand.
        Manual = "MANUAL",
    }
);

stored_enum!(
    /// One side of an A/B test.
    Variant {
        /// The campaign's own template.
        A = "A",
        /// The variant template.
        B = "B",
    }
);

stored_enum!(
    /// How an A/B test's winner is decided.
    AbWinnerBy {
        /// The higher share of opened messages (tracking must be on).
        Opens = "OPENS",
        /// The higher share of clicked messages (tracking must be on).
        Clicks = "CLICKS",
        /// A person of the tenant chooses.
        Chosen = "CHOSEN",
    }
);

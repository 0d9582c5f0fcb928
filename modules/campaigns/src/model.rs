//! The campaigns module's tables.

pub mod campaign;
pub mod campaign_run;
pub mod kinds;
pub mod platform_suppression;
pub mod quiet_hours_rule;
pub mod send_ledger;
pub mod sender;
pub mod suppression;
pub mod template;
pub mod tenant_settings;

pub use kinds::{
    AbWinnerBy, CampaignStatus, Channel, Exclusion, LedgerStatus, RunPlan, RunStatus, SuppressionReason, Variant,
};

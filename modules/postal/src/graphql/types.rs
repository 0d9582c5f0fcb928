//! The postal module's GraphQL types: submitted addresses and their RNVP, runs, their results
//! and duplicate groups.

use super::loaders::DedupMembersLoader;
use crate::model::{dedup_group, postal_run, rnvp_result};
use async_graphql::dataloader::DataLoader;
use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Result, SimpleObject};
use chrono::{DateTime, Utc};
use crm360_address::{ReasonCode, RnvpResult, Severity};
use crm360_contacts::graphql::Contact;
use crm360_kernel::Right;
use crm360_kernel::guard::RequireRight;
use uuid::Uuid;

pub use crate::model::dedup_group::DuplicateGroupStatus;
pub use crate::model::postal_run::{PostalRunKind, PostalRunStatus};
pub use crate::model::rnvp_result::AddressStatus;

// ---- Submitted addresses ----

/// An address as written: one to six free lines, in any order.
#[derive(InputObject)]
pub struct AddressLinesInput {
    pub lines: Vec<String>,
}

#[derive(InputObject)]
pub struct NormalizeAddressesInput {
    /// At most 1 000 addresses a call.
    pub addresses: Vec<AddressLinesInput>,
}

/// How a reason weighs on the status.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ReasonSeverity {
    Info,
    Correction,
    Error,
}

/// Why an address is valid, corrected or invalid.
#[derive(SimpleObject)]
pub struct AddressReason {
    /// A stable code, such as `LOCALITY_CORRECTED`.
    pub code: String,
    pub severity: ReasonSeverity,
    pub label_fr: String,
    pub label_en: String,
}

/// An address normalised to AFNOR NF Z10-011.
#[derive(SimpleObject)]
pub struct NormalizedAddress {
    /// Lines 1 to 6 of the norm (recipient, delivery point, building, street, distribution
    /// service or lieu-dit, postal code and locality); empty when unused.
    pub lines: Vec<String>,
    pub status: AddressStatus,
    pub reasons: Vec<AddressReason>,
}

#[derive(SimpleObject)]
pub struct NormalizeAddressesPayload {
    /// In the order submitted.
    pub addresses: Vec<NormalizedAddress>,
}

impl From<RnvpResult> for NormalizedAddress {
    fn from(result: RnvpResult) -> NormalizedAddress {
        NormalizedAddress {
            status: result.status.into(),
            reasons: result.reasons.iter().map(reason).collect(),
            lines: result.lines.into_iter().collect(),
        }
    }
}

fn reason(code: ReasonCode) -> AddressReason {
    AddressReason {
        code: code.code().to_owned(),
        severity: match code.severity() {
            Severity::Info => ReasonSeverity::Info,
            Severity::Correction => ReasonSeverity::Correction,
            Severity::Error => ReasonSeverity::Error,
        },
        label_fr: code.label_fr().to_owned(),
        label_en: code.label_en().to_owned(),
    }
}

// ---- Runs ----

/// An RNVP or deduplication run over the tenant's contacts (all, or a saved segment).
#[derive(SimpleObject)]
pub struct PostalRun {
    pub id: ID,
    pub kind: PostalRunKind,
    /// The saved segment run on; absent for every contact.
    pub segment_id: Option<ID>,
    pub status: PostalRunStatus,
    /// Contacts to process.
    pub total: i64,
    /// Contacts processed so far.
    pub processed: i64,
    /// Progress in percent.
    pub percent: f64,
    /// RNVP: addresses found valid, corrected and invalid.
    pub valid: i64,
    pub corrected: i64,
    pub invalid: i64,
    /// Deduplication: duplicate groups found.
    pub groups: i64,
    /// Why a failed run failed.
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<postal_run::Model> for PostalRun {
    fn from(r: postal_run::Model) -> PostalRun {
        PostalRun {
            id: ID(r.id.to_string()),
            kind: r.kind,
            segment_id: r.segment_id.map(|id| ID(id.to_string())),
            status: r.status,
            percent: if r.total > 0 { (r.processed as f64 * 100.0 / r.total as f64).min(100.0) } else { 100.0 },
            total: r.total,
            processed: r.processed,
            valid: r.valid,
            corrected: r.corrected,
            invalid: r.invalid,
            groups: r.groups,
            error: r.error,
            created_at: r.created_at,
            finished_at: r.finished_at,
        }
    }
}

/// The RNVP of one contact's address.
#[derive(SimpleObject)]
pub struct ContactAddressResult {
    pub contact_id: ID,
    /// The six normalised lines; empty when unused.
    pub lines: Vec<String>,
    pub status: AddressStatus,
    pub reasons: Vec<AddressReason>,
    /// When the normalised address was written to the contact.
    pub applied_at: Option<DateTime<Utc>>,
}

impl From<rnvp_result::Model> for ContactAddressResult {
    fn from(r: rnvp_result::Model) -> ContactAddressResult {
        ContactAddressResult {
            contact_id: ID(r.contact_id.to_string()),
            lines: r.lines().iter().map(|l| (*l).to_owned()).collect(),
            status: r.status,
            // An empty string is no reason.
            reasons: r.reasons.split('|').filter_map(ReasonCode::from_code).map(reason).collect(),
            applied_at: r.applied_at,
        }
    }
}

/// Contacts that a deduplication run found to be one person at one address.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct DuplicateGroup {
    pub id: ID,
    pub run_id: ID,
    /// In [0, 1]: the weakest match that joined the group.
    pub confidence: f64,
    pub status: DuplicateGroupStatus,
    /// The contact the group was merged into.
    pub survivor_id: Option<ID>,
    pub decided_at: Option<DateTime<Utc>>,
    #[graphql(skip)]
    pub group_id: Uuid,
}

#[ComplexObject]
impl DuplicateGroup {
    /// The contacts of the group, to review. Requires the `CONSULT` right.
    #[graphql(guard = "RequireRight(Right::Consult)")]
    async fn contacts(&self, ctx: &Context<'_>) -> Result<Vec<Contact>> {
        let loader = ctx.data::<DataLoader<DedupMembersLoader>>()?;
        let members = loader.load_one(self.group_id).await.map_err(|err| async_graphql::Error::from((*err).clone()))?;
        Ok(members.unwrap_or_default().into_iter().map(Contact::from).collect())
    }
}

impl From<dedup_group::Model> for DuplicateGroup {
    fn from(g: dedup_group::Model) -> DuplicateGroup {
        DuplicateGroup {
            id: ID(g.id.to_string()),
            run_id: ID(g.run_id.to_string()),
            confidence: g.confidence,
            status: g.status,
            survivor_id: g.survivor_id.map(|id| ID(id.to_string())),
            decided_at: g.decided_at,
            group_id: g.id,
        }
    }
}

/// A run over every contact, or over a saved segment.
#[derive(InputObject)]
pub struct StartPostalRunInput {
    pub segment_id: Option<ID>,
}

#[derive(SimpleObject)]
pub struct StartPostalRunPayload {
    pub run: PostalRun,
}

#[derive(InputObject)]
pub struct ApplyRnvpCorrectionsInput {
    pub run_id: ID,
    /// Only these contacts; all corrected ones when absent.
    pub contact_ids: Option<Vec<ID>>,
}

#[derive(SimpleObject)]
pub struct ApplyRnvpCorrectionsPayload {
    /// Contacts whose address was rewritten.
    pub applied_count: i64,
}

#[derive(InputObject)]
pub struct MergeDuplicateGroupInput {
    pub group_id: ID,
    /// The contact to keep; the most complete when absent.
    pub survivor_id: Option<ID>,
}

#[derive(SimpleObject)]
pub struct MergeDuplicateGroupPayload {
    pub group: DuplicateGroup,
    /// The merged contact.
    pub survivor_id: ID,
}

#[derive(InputObject)]
pub struct DismissDuplicateGroupInput {
    pub group_id: ID,
}

#[derive(SimpleObject)]
pub struct DismissDuplicateGroupPayload {
    pub group: DuplicateGroup,
}

//! RNVP and deduplication runs over the tenant's contacts.

use super::loaders::DedupMembersLoader;
use super::submitted::{AddressReason, AddressStatus, reason};
use crate::model::{dedup_group, postal_run, rnvp_result};
use crate::runs::{self, KIND_DEDUP, KIND_RNVP};
use async_graphql::connection::Connection;
use async_graphql::dataloader::DataLoader;
use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use crm360_contacts::graphql::Contact;
use crm360_kernel::Right;
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::RequireRight;
use crm360_kernel::ids::{node_id, parse_id};
use crm360_kernel::pagination::{Order, Page};
use crm360_postal::ReasonCode;
use uuid::Uuid;

/// What a postal run does.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum PostalRunKind {
    /// Restructuring, normalisation and postal validation of every address.
    Rnvp,
    /// Finding the same person at the same address.
    Dedup,
}

/// Where a run stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum PostalRunStatus {
    Queued,
    Running,
    Done,
    Failed,
}

/// The review decision on a duplicate group.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum DuplicateGroupStatus {
    /// Awaiting review.
    Pending,
    /// Merged into one contact.
    Merged,
    /// Reviewed: not duplicates.
    Dismissed,
}

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
            kind: if r.kind == KIND_DEDUP { PostalRunKind::Dedup } else { PostalRunKind::Rnvp },
            segment_id: r.segment_id.map(|id| ID(id.to_string())),
            status: match r.status.as_str() {
                runs::STATUS_QUEUED => PostalRunStatus::Queued,
                runs::STATUS_RUNNING => PostalRunStatus::Running,
                runs::STATUS_DONE => PostalRunStatus::Done,
                _ => PostalRunStatus::Failed,
            },
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
            status: match r.status.as_str() {
                "VALID" => AddressStatus::Valid,
                "CORRECTED" => AddressStatus::Corrected,
                _ => AddressStatus::Invalid,
            },
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
    pub tenant_id: Uuid,
    #[graphql(skip)]
    pub group_id: Uuid,
}

#[ComplexObject]
impl DuplicateGroup {
    /// The contacts of the group, to review. Requires the `CONSULT` right.
    #[graphql(guard = "RequireRight(Right::Consult)")]
    async fn contacts(&self, ctx: &Context<'_>) -> Result<Vec<Contact>> {
        let loader = ctx.data::<DataLoader<DedupMembersLoader>>()?;
        let members = loader
            .load_one((self.tenant_id, self.group_id))
            .await
            .map_err(|err| async_graphql::Error::from((*err).clone()))?;
        Ok(members.unwrap_or_default().into_iter().map(Contact::from).collect())
    }
}

impl From<dedup_group::Model> for DuplicateGroup {
    fn from(g: dedup_group::Model) -> DuplicateGroup {
        DuplicateGroup {
            id: ID(g.id.to_string()),
            run_id: ID(g.run_id.to_string()),
            confidence: g.confidence,
            status: match g.status.as_str() {
                runs::GROUP_MERGED => DuplicateGroupStatus::Merged,
                runs::GROUP_DISMISSED => DuplicateGroupStatus::Dismissed,
                _ => DuplicateGroupStatus::Pending,
            },
            survivor_id: g.survivor_id.map(|id| ID(id.to_string())),
            decided_at: g.decided_at,
            tenant_id: g.tenant_id,
            group_id: g.id,
        }
    }
}

#[derive(Default)]
pub struct PostalRunQuery;

#[Object]
impl PostalRunQuery {
    /// The tenant's postal runs, newest first. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn postal_runs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, PostalRun>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::NewestFirst)?;
        let rows = runs::list_runs(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(PostalRun::from).collect(), |r| node_id(&r.id)))
    }

    /// One postal run with its progress. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn postal_run(&self, ctx: &Context<'_>, id: ID) -> Result<Option<PostalRun>> {
        let scope = tenant_scope(ctx)?;
        Ok(runs::find_run(&scope, parse_id(&id, "id")?).await.gql()?.map(PostalRun::from))
    }

    /// The normalised addresses of an RNVP run, by contact. Requires the `CONSULT` right.
    #[graphql(guard = "RequireRight(Right::Consult)")]
    async fn rnvp_results(
        &self,
        ctx: &Context<'_>,
        run_id: ID,
        status: Option<AddressStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ContactAddressResult>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let status = status.map(|s| match s {
            AddressStatus::Valid => "VALID",
            AddressStatus::Corrected => "CORRECTED",
            AddressStatus::Invalid => "INVALID",
        });
        let rows = runs::rnvp_results(&scope, parse_id(&run_id, "runId")?, status, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(ContactAddressResult::from).collect(), |r| node_id(&r.contact_id)))
    }

    /// The duplicate groups a deduplication run found. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn duplicate_groups(
        &self,
        ctx: &Context<'_>,
        run_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, DuplicateGroup>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let rows = runs::groups(&scope, parse_id(&run_id, "runId")?, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(DuplicateGroup::from).collect(), |g| g.group_id))
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

#[derive(Default)]
pub struct PostalRunMutation;

impl PostalRunMutation {
    async fn start(ctx: &Context<'_>, kind: &'static str, input: StartPostalRunInput) -> Result<StartPostalRunPayload> {
        let scope = tenant_scope(ctx)?;
        let segment_id = input.segment_id.map(|id| parse_id(&id, "segmentId")).transpose()?;
        let run = runs::start(&scope, kind, segment_id).await.gql()?;
        Ok(StartPostalRunPayload { run: run.into() })
    }
}

#[Object]
impl PostalRunMutation {
    /// Starts the RNVP of the addresses of every contact, or of a segment's, as a background
    /// job billed per address. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn start_rnvp_run(&self, ctx: &Context<'_>, input: StartPostalRunInput) -> Result<StartPostalRunPayload> {
        PostalRunMutation::start(ctx, KIND_RNVP, input).await
    }

    /// Starts the postal deduplication of every contact, or of a segment's, as a background
    /// job billed per address read. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn start_dedup_run(&self, ctx: &Context<'_>, input: StartPostalRunInput) -> Result<StartPostalRunPayload> {
        PostalRunMutation::start(ctx, KIND_DEDUP, input).await
    }

    /// Writes a finished RNVP run's corrected addresses to the contacts. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn apply_rnvp_corrections(
        &self,
        ctx: &Context<'_>,
        input: ApplyRnvpCorrectionsInput,
    ) -> Result<ApplyRnvpCorrectionsPayload> {
        let scope = tenant_scope(ctx)?;
        let run_id = parse_id(&input.run_id, "runId")?;
        let contact_ids = input
            .contact_ids
            .map(|ids| ids.iter().map(|id| parse_id(id, "contactIds")).collect::<Result<Vec<_>, _>>())
            .transpose()?;
        let applied = runs::apply_rnvp(&scope, run_id, contact_ids.as_deref()).await.gql()?;
        Ok(ApplyRnvpCorrectionsPayload { applied_count: applied as i64 })
    }

    /// Merges a duplicate group into one contact (most recent values, strictest consent).
    /// Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn merge_duplicate_group(
        &self,
        ctx: &Context<'_>,
        input: MergeDuplicateGroupInput,
    ) -> Result<MergeDuplicateGroupPayload> {
        let scope = tenant_scope(ctx)?;
        let group_id = parse_id(&input.group_id, "groupId")?;
        let survivor = input.survivor_id.map(|id| parse_id(&id, "survivorId")).transpose()?;
        let (group, survivor) = runs::merge_group(&scope, group_id, survivor).await.gql()?;
        Ok(MergeDuplicateGroupPayload { group: group.into(), survivor_id: ID(survivor.id.to_string()) })
    }

    /// Marks a duplicate group as not duplicates. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn dismiss_duplicate_group(
        &self,
        ctx: &Context<'_>,
        input: DismissDuplicateGroupInput,
    ) -> Result<DismissDuplicateGroupPayload> {
        let scope = tenant_scope(ctx)?;
        let group = runs::dismiss_group(&scope, parse_id(&input.group_id, "groupId")?).await.gql()?;
        Ok(DismissDuplicateGroupPayload { group: group.into() })
    }
}

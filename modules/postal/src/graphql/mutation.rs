//! RNVP of submitted addresses; starting runs, applying their corrections, deciding on
//! duplicate groups.

use super::types::*;
use crate::model::postal_run::PostalRunKind;
use crate::service::{addresses, dedup, rnvp, runs};
use async_graphql::{Context, ID, Object, Result};
use crm360_kernel::Right;
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::RequireRight;
use crm360_kernel::ids::parse_id;

#[derive(Default)]
pub struct PostalMutation;

#[Object]
impl PostalMutation {
    /// RNVP (restructuring, normalisation and postal validation to AFNOR NF Z10-011) of up to
    /// 1 000 addresses; each address processed is billed as one RNVP unit (an address whose
    /// lines are all empty gets its result but is not billed). Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn normalize_addresses(
        &self,
        ctx: &Context<'_>,
        input: NormalizeAddressesInput,
    ) -> Result<NormalizeAddressesPayload> {
        let scope = tenant_scope(ctx)?;
        let addresses: Vec<Vec<String>> = input.addresses.into_iter().map(|a| a.lines).collect();
        let results = addresses::normalize(&scope, &addresses).await.gql()?;
        Ok(NormalizeAddressesPayload { addresses: results.into_iter().map(NormalizedAddress::from).collect() })
    }
}

#[derive(Default)]
pub struct PostalRunMutation;

impl PostalRunMutation {
    async fn start(
        ctx: &Context<'_>,
        kind: PostalRunKind,
        input: StartPostalRunInput,
    ) -> Result<StartPostalRunPayload> {
        let scope = tenant_scope(ctx)?;
        let segment_id = input.segment_id.map(|id| parse_id(&id, "segmentId")).transpose()?;
        let run = runs::start(&scope, kind, segment_id).await.gql()?;
        Ok(StartPostalRunPayload { run: run.into() })
    }
}

#[Object]
impl PostalRunMutation {
    /// Starts the RNVP of the addresses of every contact, or of a segment's, as a background
    /// job billed per address (a contact without an address is not billed).
    /// Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn start_rnvp_run(&self, ctx: &Context<'_>, input: StartPostalRunInput) -> Result<StartPostalRunPayload> {
        PostalRunMutation::start(ctx, PostalRunKind::Rnvp, input).await
    }

    /// Starts the postal deduplication of every contact, or of a segment's, as a background
    /// job billed per address read (a contact without an address is neither read nor billed).
    /// Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn start_dedup_run(&self, ctx: &Context<'_>, input: StartPostalRunInput) -> Result<StartPostalRunPayload> {
        PostalRunMutation::start(ctx, PostalRunKind::Dedup, input).await
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
        let applied = rnvp::apply_rnvp(&scope, run_id, contact_ids.as_deref()).await.gql()?;
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
        let (group, survivor) = dedup::merge_group(&scope, group_id, survivor).await.gql()?;
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
        let group = dedup::dismiss_group(&scope, parse_id(&input.group_id, "groupId")?).await.gql()?;
        Ok(DismissDuplicateGroupPayload { group: group.into() })
    }
}

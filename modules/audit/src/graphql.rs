//! The audit module's GraphQL fields: the tenant's latest checkpoint and proof bundles.

use crate::service::proof;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::RequireTenantAdmin;
use crm360_kernel::ids::parse_id;

/// A signed checkpoint of the tenant's audit trail.
#[derive(SimpleObject, Clone, Debug)]
pub struct AuditCheckpoint {
    /// How many entries of the tenant's trail it seals.
    pub size: i64,
    /// The Merkle root of those entries (RFC 6962, SHA-256, hex).
    pub root: String,
    pub sealed_at: chrono::DateTime<chrono::Utc>,
    /// The Ed25519 signature of its text (base64).
    pub signature: String,
    /// The platform's public key it verifies with (base64); check it against the one the
    /// operator publishes.
    pub public_key: String,
}

impl From<crate::model::checkpoint::Model> for AuditCheckpoint {
    fn from(c: crate::model::checkpoint::Model) -> AuditCheckpoint {
        AuditCheckpoint {
            size: c.size,
            root: c.root,
            sealed_at: c.sealed_at,
            signature: c.signature,
            public_key: c.public_key,
        }
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The latest signed checkpoint of the tenant's audit trail. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn audit_checkpoint(&self, ctx: &Context<'_>) -> Result<Option<AuditCheckpoint>> {
        let scope = tenant_scope(ctx)?;
        Ok(proof::latest(&scope).await.gql()?.map(AuditCheckpoint::from))
    }

    /// A proof bundle (JSON) of up to 100 sealed entries of the tenant's audit trail against
    /// its latest checkpoint, to keep and verify offline (`crm360 audit verify-proof`).
    /// Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn audit_proof_bundle(&self, ctx: &Context<'_>, entry_ids: Vec<ID>) -> Result<String> {
        let scope = tenant_scope(ctx)?;
        let ids = entry_ids.iter().map(|id| parse_id(id, "entryIds")).collect::<Result<Vec<_>, _>>().gql()?;
        let bundle = proof::bundle(&scope, &ids).await.gql()?;
        Ok(serde_json::to_string_pretty(&bundle).expect("a bundle is plain data"))
    }
}

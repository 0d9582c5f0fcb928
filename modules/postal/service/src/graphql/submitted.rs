//! RNVP of addresses submitted through the API.

use crate::service;
use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject};
use crm360_kernel::Right;
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::RequireRight;
use crm360_postal::{ReasonCode, RnvpResult, RnvpStatus, Severity};

#[derive(Default)]
pub struct PostalMutation;

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

/// The outcome of RNVP for an address.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum AddressStatus {
    /// Conforms; only the formatting the norm requires was applied.
    Valid,
    /// Corrected: lines moved, locality or postal code fixed.
    Corrected,
    /// Cannot be validated without a person: see the reasons.
    Invalid,
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
            status: match result.status {
                RnvpStatus::Valid => AddressStatus::Valid,
                RnvpStatus::Corrected => AddressStatus::Corrected,
                RnvpStatus::Invalid => AddressStatus::Invalid,
            },
            reasons: result.reasons.iter().map(reason).collect(),
            lines: result.lines.into_iter().collect(),
        }
    }
}

pub(crate) fn reason(code: ReasonCode) -> AddressReason {
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

#[Object]
impl PostalMutation {
    /// RNVP (restructuring, normalisation and postal validation to AFNOR NF Z10-011) of up to
    /// 1 000 addresses; each address is billed as one RNVP unit. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn normalize_addresses(
        &self,
        ctx: &Context<'_>,
        input: NormalizeAddressesInput,
    ) -> Result<NormalizeAddressesPayload> {
        let scope = tenant_scope(ctx)?;
        let addresses: Vec<Vec<String>> = input.addresses.into_iter().map(|a| a.lines).collect();
        let results = service::normalize(&scope, &addresses).await.gql()?;
        Ok(NormalizeAddressesPayload { addresses: results.into_iter().map(NormalizedAddress::from).collect() })
    }
}

//! RNVP of addresses submitted through the API, metered.

use crate::error::PostalServiceError;
use crm360_kernel::TenantScope;
use crm360_kernel::metering::{self, UsageKind};
use crm360_postal::{RnvpResult, rnvp};

/// The most addresses one call may carry; larger volumes go through the CSV job.
pub const MAX_BATCH: usize = 1000;
/// Longer input lines are not addresses (the norm allows 38 characters a line).
const MAX_INPUT_LINE: usize = 500;

/// Normalises a batch of addresses and meters one RNVP unit per address.
pub async fn normalize(scope: &TenantScope, addresses: &[Vec<String>]) -> Result<Vec<RnvpResult>, PostalServiceError> {
    if addresses.is_empty() || addresses.len() > MAX_BATCH {
        return Err(PostalServiceError::BatchSize { max: MAX_BATCH });
    }
    for (index, lines) in addresses.iter().enumerate() {
        if lines.is_empty() || lines.len() > 6 {
            return Err(PostalServiceError::LineCount { index, lines: lines.len() });
        }
        if lines.iter().any(|line| line.chars().count() > MAX_INPUT_LINE) {
            return Err(PostalServiceError::LineTooLong { index, max: MAX_INPUT_LINE });
        }
    }
    let results: Vec<RnvpResult> = addresses.iter().map(|lines| rnvp(lines)).collect();
    metering::record(scope.db(), scope.tenant_id(), UsageKind::RnvpAddress, results.len() as i64, scope.now(), None)
        .await?;
    Ok(results)
}

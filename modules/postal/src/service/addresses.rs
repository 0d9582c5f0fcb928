//! RNVP of addresses submitted through the API, metered.

use crate::error::{PostalError, PostalResult};
use crm360_address::normalize::normalize_line;
use crm360_address::{RnvpResult, rnvp};
use crm360_kernel::TenantScope;
use crm360_kernel::metering::UsageKind;

/// The most addresses one call may carry; larger volumes go through the CSV job.
pub const MAX_BATCH: usize = 1000;
/// Longer input lines are not addresses (the norm allows 38 characters a line).
const MAX_INPUT_LINE: usize = 500;

/// Normalises a batch of addresses and meters one RNVP unit per address processed: an
/// address whose lines are all blank gets its result (`INVALID`, nothing to deliver to) but
/// is not billed.
pub async fn normalize(scope: &TenantScope, addresses: &[Vec<String>]) -> PostalResult<Vec<RnvpResult>> {
    check_batch(addresses)?;
    let results: Vec<RnvpResult> = addresses.iter().map(|lines| rnvp(lines)).collect();
    let processed = addresses.iter().filter(|lines| !is_blank(lines)).count() as i64;
    if processed > 0 {
        let txn = scope.begin().await?;
        // Each call is its own unit of work.
        txn.meter(UsageKind::RnvpAddress, processed, format!("rnvp-api:{}", crm360_kernel::ids::new_id())).await?;
        txn.commit().await?;
    }
    Ok(results)
}

/// Whether no line of an address holds a letter or a digit (empty, spaces, punctuation): no
/// address at all.
pub fn is_blank<S: AsRef<str>>(lines: &[S]) -> bool {
    lines.iter().all(|line| normalize_line(line.as_ref()).is_empty())
}

/// Refuses an empty or oversized batch, and anything that is not an address.
fn check_batch(addresses: &[Vec<String>]) -> PostalResult<()> {
    if addresses.is_empty() || addresses.len() > MAX_BATCH {
        return Err(PostalError::BatchSize { max: MAX_BATCH });
    }
    for (index, lines) in addresses.iter().enumerate() {
        if lines.is_empty() || lines.len() > 6 {
            return Err(PostalError::LineCount { index, lines: lines.len() });
        }
        if lines.iter().any(|line| line.chars().count() > MAX_INPUT_LINE) {
            return Err(PostalError::LineTooLong { index, max: MAX_INPUT_LINE });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(lines: &[&str], count: usize) -> Vec<Vec<String>> {
        vec![lines.iter().map(|l| (*l).to_owned()).collect(); count]
    }

    #[test]
    fn batches_that_are_not_addresses_are_refused() {
        assert!(matches!(check_batch(&[]), Err(PostalError::BatchSize { max: MAX_BATCH })));
        assert!(matches!(check_batch(&batch(&["75002 Paris"], MAX_BATCH + 1)), Err(PostalError::BatchSize { .. })));
        let seven = batch(&["a", "b", "c", "d", "e", "f", "g"], 1);
        assert!(matches!(check_batch(&seven), Err(PostalError::LineCount { index: 0, lines: 7 })));
        let long = "x".repeat(MAX_INPUT_LINE + 1);
        assert!(matches!(check_batch(&batch(&[&long], 1)), Err(PostalError::LineTooLong { index: 0, .. })));
        assert!(check_batch(&batch(&["1 rue de la Paix", "75002 Paris"], MAX_BATCH)).is_ok());
    }

    #[test]
    fn blank_addresses_are_no_addresses() {
        assert!(is_blank(&["", "  ", "\t", " - ,"]));
        assert!(!is_blank(&["", "75002 Paris"]));
    }
}

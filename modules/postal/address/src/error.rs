//! The error type of the postal module.

/// Everything that can go wrong in the postal module.
///
/// Address-level problems are never errors: they are reported as [`crate::ReasonCode`]s in an
/// [`crate::RnvpResult`]. Errors are reserved for failures of the stream or of the embedded
/// data itself.
#[derive(Debug, thiserror::Error)]
pub enum PostalError {
    /// The CSV stream could not be read or written.
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),
    /// The output could not be written or flushed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV header is not the expected one.
    #[error("unexpected CSV header: expected {expected}, found {found}")]
    InvalidHeader {
        /// The header the function expects.
        expected: String,
        /// The header that was read.
        found: String,
    },
    /// The CSV input is empty (no header line).
    #[error("the CSV input is empty: a header line {expected} is required")]
    MissingHeader {
        /// The header the function expects.
        expected: String,
    },
}

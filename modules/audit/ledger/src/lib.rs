//! The audit trail's evidence, without a database.
//!
//! Each chain (one per tenant, one for platform-wide operator work) orders its entries by
//! position. An entry's leaf is the SHA-256 of its canonical record (its metadata and the
//! hash of its personal content, so that an erasure can clear the content and keep the
//! leaf); the chain links each leaf to the previous one; the leaves form an RFC 6962 / 9162
//! Merkle tree whose root a checkpoint signs with Ed25519. An inclusion proof lets anybody
//! holding the public key check an entry offline ([`ProofBundle::verify`]).

mod checkpoint;
mod merkle;
mod record;

pub use checkpoint::{Checkpoint, CheckpointKey, SignedCheckpoint};
pub use merkle::{Frontier, Tree, inclusion_proof, root_of, verify_inclusion};
pub use record::{EntryContent, EntryRecord, ProofBundle, ProvenEntry, canonical_json, chain_next};

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// The chain's value before its first entry.
pub const GENESIS: Hash = [0; 32];

/// Why a piece of evidence does not hold.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EvidenceError {
    #[error("malformed {what}: {detail}")]
    Malformed { what: &'static str, detail: String },
    #[error("the checkpoint's signature does not verify with this public key")]
    BadSignature,
    #[error("entry {id}: its content does not match the hash sealed with it")]
    ContentAltered { id: String },
    #[error("entry {id}: its inclusion proof does not lead to the checkpoint's root")]
    NotIncluded { id: String },
}

pub fn to_hex(hash: &Hash) -> String {
    hex::encode(hash)
}

pub fn from_hex(text: &str, what: &'static str) -> Result<Hash, EvidenceError> {
    let bytes = hex::decode(text).map_err(|e| EvidenceError::Malformed { what, detail: e.to_string() })?;
    bytes.try_into().map_err(|_| EvidenceError::Malformed { what, detail: "not 32 bytes".into() })
}

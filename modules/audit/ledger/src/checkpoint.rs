//! Checkpoints: a chain's size and Merkle root at a time, signed with the platform's Ed25519
//! key. The signed text is a few plain lines, so that it can be checked with any Ed25519 tool.

use crate::EvidenceError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

/// What a checkpoint asserts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Checkpoint {
    /// The chain: a tenant's id, or `platform`.
    pub chain: String,
    /// How many entries the tree holds.
    pub size: u64,
    /// The RFC 6962 root of those entries' leaves, in hex.
    pub root: String,
    /// When it was sealed (RFC 3339, UTC).
    pub sealed_at: String,
}

impl Checkpoint {
    /// The exact text that is signed.
    pub fn signed_text(&self) -> String {
        format!(
            "crm360 audit checkpoint v1\nchain {}\nsize {}\nroot {}\nsealed_at {}\n",
            self.chain, self.size, self.root, self.sealed_at
        )
    }
}

/// A checkpoint with its signature (base64) and the public key it verifies with (base64).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SignedCheckpoint {
    #[serde(flatten)]
    pub checkpoint: Checkpoint,
    pub signature: String,
    pub public_key: String,
}

impl SignedCheckpoint {
    /// Checks the signature with the given public key (base64), not the one the checkpoint
    /// names: a forger would name their own.
    pub fn verify(&self, public_key: &str) -> Result<(), EvidenceError> {
        let key = decode_public_key(public_key)?;
        let bytes = BASE64
            .decode(&self.signature)
            .map_err(|e| EvidenceError::Malformed { what: "signature", detail: e.to_string() })?;
        let signature = Signature::from_slice(&bytes)
            .map_err(|e| EvidenceError::Malformed { what: "signature", detail: e.to_string() })?;
        key.verify(self.checkpoint.signed_text().as_bytes(), &signature).map_err(|_| EvidenceError::BadSignature)
    }
}

fn decode_public_key(text: &str) -> Result<VerifyingKey, EvidenceError> {
    let bytes = BASE64
        .decode(text.trim())
        .map_err(|e| EvidenceError::Malformed { what: "public key", detail: e.to_string() })?;
    let bytes: [u8; 32] =
        bytes.try_into().map_err(|_| EvidenceError::Malformed { what: "public key", detail: "not 32 bytes".into() })?;
    VerifyingKey::from_bytes(&bytes).map_err(|e| EvidenceError::Malformed { what: "public key", detail: e.to_string() })
}

/// The platform's signing key.
#[derive(Clone)]
pub struct CheckpointKey(SigningKey);

impl std::fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CheckpointKey({})", self.public_key())
    }
}

impl CheckpointKey {
    /// A key from its 32-byte seed in base64 (the configuration's `audit.signing_key`).
    pub fn from_base64(seed: &str) -> Result<CheckpointKey, EvidenceError> {
        let bytes = BASE64
            .decode(seed.trim())
            .map_err(|e| EvidenceError::Malformed { what: "signing key", detail: e.to_string() })?;
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| EvidenceError::Malformed { what: "signing key", detail: "not 32 bytes".into() })?;
        Ok(CheckpointKey(SigningKey::from_bytes(&seed)))
    }

    /// A new random key, as its base64 seed.
    pub fn generate_base64() -> String {
        let key = SigningKey::generate(&mut rand_core::OsRng);
        BASE64.encode(key.to_bytes())
    }

    /// The public key, in base64.
    pub fn public_key(&self) -> String {
        BASE64.encode(self.0.verifying_key().to_bytes())
    }

    pub fn sign(&self, checkpoint: Checkpoint) -> SignedCheckpoint {
        let signature = self.0.sign(checkpoint.signed_text().as_bytes());
        SignedCheckpoint { checkpoint, signature: BASE64.encode(signature.to_bytes()), public_key: self.public_key() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkpoint() -> Checkpoint {
        Checkpoint {
            chain: "platform".into(),
            size: 3,
            root: "ab".repeat(32),
            sealed_at: "2026-12-03T10:00:00Z".into(),
        }
    }

    #[test]
    fn a_signed_checkpoint_verifies_only_unchanged_and_with_its_key() {
        let key = CheckpointKey::from_base64(&CheckpointKey::generate_base64()).unwrap();
        let signed = key.sign(checkpoint());
        signed.verify(&key.public_key()).unwrap();

        let mut grown = signed.clone();
        grown.checkpoint.size = 4;
        assert_eq!(grown.verify(&key.public_key()), Err(EvidenceError::BadSignature));

        let other = CheckpointKey::from_base64(&CheckpointKey::generate_base64()).unwrap();
        assert_eq!(signed.verify(&other.public_key()), Err(EvidenceError::BadSignature));
        assert!(matches!(CheckpointKey::from_base64("c2hvcnQ="), Err(EvidenceError::Malformed { .. })));
    }
}

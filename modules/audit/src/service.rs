//! The audit module's rules: sealing, verification, proofs and the signing key.

pub mod key;
pub mod proof;
pub mod seal;
pub mod verify;

//! French postal quality for crm360.
//!
//! Two independent services, pure Rust, without database or GraphQL:
//!
//! - **RNVP** (Restructuration, Normalisation, Validation Postale) of French addresses to the
//!   AFNOR NF Z10-011 norm: [`rnvp`] for one address, [`rnvp_csv`] for a CSV stream.
//! - **Postal deduplication**: [`dedup::Deduplicator`] finds the same person at the same
//!   address despite accents, case, abbreviations, typos and swapped names;
//!   [`dedup::survivorship`] chooses the surviving values of a group.
//!
//! The official base of French postal codes (La Poste / BAN `codes-postaux`, MIT licence) is
//! embedded in the binary (see `data/README.md`) and indexed once, lazily, on first use:
//! [`Referential::global`]; so is the lexicon of French first names with their sex that the
//! deduplication reads (INSEE's *Fichier des prénoms*, Licence Ouverte / Etalab 2.0):
//! [`dedup::first_names::Lexicon::global`].

pub mod abbreviations;
mod csv_io;
pub mod dedup;
mod error;
mod locality;
pub mod normalize;
mod reason;
pub mod referential;
pub mod restructure;
mod rnvp;

pub use csv_io::{RnvpCsvSummary, rnvp_csv};
pub use error::PostalError;
pub use reason::{ReasonCode, ReasonSet, Severity};
pub use referential::{Commune, Referential};
pub use rnvp::{AddressLines, LINE_MAX_CHARS, RnvpResult, RnvpStatus, rnvp, rnvp_lines, rnvp_with};

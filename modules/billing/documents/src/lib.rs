//! Legal French invoice documents, without a database.
//!
//! Given one invoice or credit note as data ([`InvoiceDocument`]), this crate produces:
//! - a printable HTML page ([`Renderer::html`]),
//! - a PDF rendered in pure Rust by typst with embedded fonts ([`Renderer::pdf`]),
//! - a Factur-X file: a PDF/A-3b with the EN 16931 CII XML ([`cii_xml`]) attached as
//!   `factur-x.xml` (AFRelationship /Data) and the Factur-X XMP extension schema
//!   (profile "EN 16931") — [`Renderer::facturx`],
//!
//! and checks a CII XML offline against the EN 16931 business rules that need no schematron
//! ([`check_cii`]). Every printed text is French; the mentions printed are [`legal_mentions`].
//!
//! Build one [`Renderer`] at start-up (fonts, typst library, templates) and share it between
//! threads: it is `Send + Sync` and renders a Factur-X PDF in a few milliseconds.

mod check;
mod cii;
pub mod format;
mod html;
mod mentions;
mod pdf;
pub mod sample;
mod validate;
mod xmp;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use check::{RuleViolation, check_cii};
pub use cii::{cii_xml, unit_code};
pub use mentions::{NATURE_OF_OPERATION, legal_mentions};
pub use pdf::{FACTURX_FILE_NAME, Renderer};
pub use validate::validate;

/// What the document is: its title and its UNTDID 1001 type code in the XML.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DocumentKind {
    /// "Facture", type code 380.
    #[default]
    Invoice,
    /// "Avoir", type code 381. Its amounts are positive: they are credited to the buyer.
    CreditNote,
}

impl DocumentKind {
    /// The UNTDID 1001 code: 380 (commercial invoice) or 381 (credit note).
    pub fn type_code(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "380",
            DocumentKind::CreditNote => "381",
        }
    }

    /// The French title: "Facture" or "Avoir".
    pub fn title_fr(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "Facture",
            DocumentKind::CreditNote => "Avoir",
        }
    }
}

/// One invoice or credit note, every amount already computed by the caller (in euros).
///
/// The amounts are checked, not computed, before rendering ([`validate`]): the lines sum to
/// `total_excluding_tax`, `vat_amount` is `total_excluding_tax × vat_rate / 100` rounded to
/// the cent (half away from zero), `total_including_tax` is their sum.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceDocument {
    pub kind: DocumentKind,
    /// The document number, e.g. "F-2026-000042" (assigned by the caller, unique, chronological).
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// The service period: first and last day (inclusive).
    pub period: (NaiveDate, NaiveDate),
    pub seller: Party,
    pub buyer: Party,
    pub lines: Vec<DocumentLine>,
    pub total_excluding_tax: Decimal,
    /// The VAT rate in percent, e.g. 20. Only the standard-rated category (S) is supported.
    pub vat_rate: Decimal,
    pub vat_amount: Decimal,
    pub total_including_tax: Decimal,
    /// Already paid (prepaid) on this document, 0 usually.
    pub amount_paid: Decimal,
    /// For a credit note: the number of the invoice it corrects (required then).
    pub corrects: Option<String>,
    /// For a credit note: the issue date of the corrected invoice, when known (BT-26).
    #[serde(default)]
    pub corrects_issue_date: Option<NaiveDate>,
    /// e.g. "Paiement à 30 jours par virement".
    pub payment_terms: String,
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// Whether the seller opted for paying the VAT on debits ("Option pour le paiement de la
    /// TVA d'après les débits", printed, and BT-8 = 5 in the XML). Default: not opted, VAT on
    /// receipts (the rule for services), nothing printed.
    #[serde(default)]
    pub vat_on_debits: bool,
    /// Extra mentions printed after the legal ones (and written as notes in the XML).
    pub notes: Vec<String>,
}

/// The seller or the buyer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Party {
    pub name: String,
    /// Street lines, without the postcode and city.
    pub address_lines: Vec<String>,
    pub postcode: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, e.g. "FR".
    pub country_code: String,
    /// The 9-digit SIREN (required for the seller and for a French buyer).
    pub siren: Option<String>,
    /// The intra-EU VAT number, e.g. "FR32123456789" (required for the seller).
    pub vat_number: Option<String>,
    pub email: Option<String>,
    /// The seller's legal form and share capital: "SAS au capital de 1 547 143 €".
    pub legal_form_and_capital: Option<String>,
    /// The seller's trade register entry: "RCS Paris 123 456 789".
    pub rcs: Option<String>,
}

/// One line: what is billed, excluding tax.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentLine {
    pub label: String,
    pub quantity: Decimal,
    /// The unit as printed ("contact", "SMS", "forfait"); see [`unit_code`] for the XML.
    pub unit: String,
    pub unit_price: Decimal,
    /// `quantity × unit_price` rounded to the cent.
    pub amount_excluding_tax: Decimal,
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("champ obligatoire manquant : {0}")]
    MissingField(&'static str),
    #[error("champ invalide {field} : {reason}")]
    InvalidField { field: String, reason: String },
    #[error("montants incohérents ({what}) : attendu {expected}, trouvé {found}")]
    InconsistentAmount { what: String, expected: Decimal, found: Decimal },
    #[error("le XML CII ne respecte pas EN 16931 : {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ; "))]
    InvalidXml(Vec<RuleViolation>),
    #[error("polices introuvables : {0}")]
    Fonts(String),
    #[error("composition typst impossible : {0}")]
    Typst(String),
    #[error("écriture du PDF impossible : {0}")]
    Pdf(String),
}

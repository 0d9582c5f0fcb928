//! What an operator configures for billing: its identity as the seller, VAT, payment terms,
//! numbering series, the ECB rate table, the follow-up delays. Operator-specific facts are
//! configuration, never code (the defaults are the contract's publisher's).

use crm360_invoice_documents::Party;
use crm360_pricing::EcbRates;
use rust_decimal::Decimal;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct BillingSettings {
    /// The operator as it appears on invoices.
    pub seller: Party,
    /// VAT in percent (20 in metropolitan France).
    pub vat_rate: Decimal,
    /// Days from issue to due date.
    pub payment_days: i64,
    pub payment_terms: String,
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// Number prefixes: `F-2026-000001`, `AV-2026-000001`.
    pub invoice_prefix: String,
    pub credit_note_prefix: String,
    /// Whether the monthly run issues the drafts it makes (otherwise staff issue them).
    pub auto_issue: bool,
    /// Where issued documents are kept (`<data>/invoices`).
    pub documents_dir: PathBuf,
    pub ecb_rates: EcbRates,
    /// Days after an unanswered formal notice before access is suspended (article 14: 8).
    pub suspension_after_days: i64,
    /// Days after the formal notice before termination may be pronounced (article 14: 15).
    pub termination_after_days: i64,
}

impl BillingSettings {
    /// The defaults, with documents under `data_dir`.
    pub fn defaults(data_dir: &std::path::Path) -> BillingSettings {
        BillingSettings {
            seller: Party {
                name: "Follow The Sun SAS".to_owned(),
                address_lines: vec!["53 avenue de Flandre".to_owned()],
                postcode: "59700".to_owned(),
                city: "Marcq-en-Barœul".to_owned(),
                country_code: "FR".to_owned(),
                siren: Some("534382478".to_owned()),
                vat_number: Some("FR51534382478".to_owned()),
                email: Some("facturation@fts-services.com".to_owned()),
                legal_form_and_capital: Some("SAS au capital de 1 547 143 €".to_owned()),
                rcs: Some("RCS Lille Métropole 534 382 478".to_owned()),
            },
            vat_rate: Decimal::from(20),
            payment_days: 30,
            payment_terms: "Paiement à 30 jours par virement".to_owned(),
            iban: None,
            bic: None,
            invoice_prefix: "F".to_owned(),
            credit_note_prefix: "AV".to_owned(),
            auto_issue: true,
            documents_dir: data_dir.join("invoices"),
            ecb_rates: EcbRates::annex(),
            suspension_after_days: 8,
            termination_after_days: 15,
        }
    }
}

//! An invoice's documents: the printable page, and the Factur-X PDF (a PDF/A-3 carrying the
//! EN 16931 XML) rendered once at issue and kept under the data folder; what is downloaded
//! later is that file, byte for byte (its SHA-256 is on the invoice).

use super::invoices::lines_of;
use super::profiles::StoredParty;
use crate::error::{BillingError, BillingResult};
use crate::model::InvoiceKind;
use crate::model::invoice;
use crate::settings::BillingSettings;
use crm360_invoice_documents::{DocumentKind, DocumentLine, InvoiceDocument, Renderer};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// For a credit note: the number and issue date of the invoice it corrects.
pub type Corrects<'a> = Option<(&'a str, Option<chrono::NaiveDate>)>;

/// The renderer, built once (fonts, the typesetting library) and shared.
#[derive(Clone)]
pub struct Documents {
    renderer: Arc<Renderer>,
}

impl Documents {
    pub fn new() -> BillingResult<Documents> {
        Ok(Documents { renderer: Arc::new(Renderer::new().map_err(|err| BillingError::Document(err.to_string()))?) })
    }

    /// The document of an invoice as data (`corrects`: the number a credit note corrects).
    pub fn document(
        settings: &BillingSettings,
        invoice: &invoice::Model,
        corrects: Corrects<'_>,
        amount_paid: Decimal,
    ) -> InvoiceDocument {
        let party = |value: &serde_json::Value| {
            let stored: StoredParty = serde_json::from_value(value.clone()).unwrap_or_default();
            crm360_invoice_documents::Party::from(&stored)
        };
        let issue_date = invoice.issue_date.unwrap_or(invoice.period_end);
        InvoiceDocument {
            kind: match invoice.kind {
                InvoiceKind::Invoice => DocumentKind::Invoice,
                InvoiceKind::CreditNote => DocumentKind::CreditNote,
            },
            number: invoice.number.clone().unwrap_or_else(|| "BROUILLON".to_owned()),
            issue_date,
            due_date: invoice.due_date.unwrap_or(issue_date),
            period: (invoice.period_start, invoice.period_end),
            seller: party(&invoice.seller),
            buyer: party(&invoice.buyer),
            lines: lines_of(invoice)
                .into_iter()
                .map(|line| DocumentLine {
                    label: line.label,
                    quantity: line.quantity,
                    unit: line.unit,
                    unit_price: line.unit_price,
                    amount_excluding_tax: line.amount,
                })
                .collect(),
            total_excluding_tax: invoice.total_excluding_tax(),
            vat_rate: invoice.vat_rate(),
            vat_amount: invoice.vat(),
            total_including_tax: invoice.total_including_tax(),
            amount_paid,
            corrects: corrects.map(|(number, _)| number.to_owned()),
            corrects_issue_date: corrects.and_then(|(_, issued)| issued),
            // Services: VAT is due on receipts unless the operator opted for debits.
            vat_on_debits: false,
            payment_terms: settings.payment_terms.clone(),
            iban: settings.iban.clone(),
            bic: settings.bic.clone(),
            notes: invoice.reason.iter().map(|r| format!("Motif : {r}")).collect(),
        }
    }

    pub fn html(&self, settings: &BillingSettings, invoice: &invoice::Model, corrects: Corrects<'_>) -> String {
        self.renderer.html(&Self::document(settings, invoice, corrects, Decimal::ZERO))
    }

    pub fn xml(settings: &BillingSettings, invoice: &invoice::Model, corrects: Corrects<'_>) -> String {
        crm360_invoice_documents::cii_xml(&Self::document(settings, invoice, corrects, Decimal::ZERO))
    }

    /// Renders the Factur-X PDF of a document being issued and keeps it; its SHA-256.
    pub fn store(
        &self,
        settings: &BillingSettings,
        invoice: &invoice::Model,
        corrects: Corrects<'_>,
    ) -> BillingResult<String> {
        let document = Self::document(settings, invoice, corrects, Decimal::ZERO);
        let pdf = self.renderer.facturx(&document).map_err(|err| BillingError::Document(err.to_string()))?;
        let path = path_of(settings, invoice)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|err| BillingError::Document(format!("{}: {err}", dir.display())))?;
        }
        // Written beside, then renamed: a reader never sees half a file.
        let partial = path.with_extension("pdf.partial");
        let mut file = std::fs::File::create(&partial)
            .map_err(|err| BillingError::Document(format!("{}: {err}", partial.display())))?;
        file.write_all(&pdf).and_then(|_| file.sync_all()).map_err(|err| BillingError::Document(err.to_string()))?;
        std::fs::rename(&partial, &path).map_err(|err| BillingError::Document(err.to_string()))?;
        Ok(hex(&Sha256::digest(&pdf)))
    }

    /// The kept PDF of an issued document.
    pub fn read(settings: &BillingSettings, invoice: &invoice::Model) -> BillingResult<Vec<u8>> {
        let path = path_of(settings, invoice)?;
        std::fs::read(&path).map_err(|err| BillingError::Document(format!("{}: {err}", path.display())))
    }
}

fn path_of(settings: &BillingSettings, invoice: &invoice::Model) -> BillingResult<PathBuf> {
    let number = invoice
        .number
        .as_deref()
        .ok_or(BillingError::InvalidState { action: "render", why: "a draft has no document".to_owned() })?;
    // Numbers are made of the prefix, digits and dashes; nothing else reaches the path.
    let safe: String = number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    Ok(settings.documents_dir.join(invoice.tenant_id.to_string()).join(format!("{safe}.pdf")))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

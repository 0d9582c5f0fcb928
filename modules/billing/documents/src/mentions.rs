//! What is printed, in French: one view of the document shared by the HTML and the PDF, so
//! both print the same mentions (Code de commerce L441-9 and L441-10, CGI art. 242 nonies A,
//! and the 2026 e-invoicing reform).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::format::{amount_fr, date_fr, date_long_fr, iban_fr, percent_fr, quantity_fr, siren_fr, unit_price_fr};
use crate::{DocumentKind, InvoiceDocument, Party};

/// The nature of the operation (2026 reform): crm360 sells services only.
pub const NATURE_OF_OPERATION: &str = "Prestations de services";

/// Late-payment penalties, as the contract says (L441-10).
pub(crate) const PENALTIES: &str =
    "Pénalités de retard : taux BCE majoré de 10 points, exigibles dès le lendemain de la date d'échéance";
/// The fixed recovery indemnity (L441-10, D441-5).
pub(crate) const RECOVERY_INDEMNITY: &str = "Indemnité forfaitaire pour frais de recouvrement : 40 €";
/// No discount for early payment (L441-9).
pub(crate) const NO_DISCOUNT: &str = "Pas d'escompte pour paiement anticipé";
/// VAT on debits (2026 reform), printed only when the seller opted for it.
pub(crate) const VAT_ON_DEBITS: &str = "Option pour le paiement de la TVA d'après les débits";

/// A party as printed.
#[derive(Serialize)]
pub(crate) struct PartyView {
    pub name: String,
    /// Street lines, then "75002 Paris", then the country when not France.
    pub address: Vec<String>,
    /// Legal form and capital, SIREN, RCS, VAT number, e-mail.
    pub identity: Vec<String>,
}

/// One line as printed.
#[derive(Serialize)]
pub(crate) struct LineView {
    pub label: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub amount: String,
}

/// One row of the totals.
#[derive(Serialize)]
pub(crate) struct TotalView {
    pub label: String,
    pub value: String,
    pub strong: bool,
}

/// Everything printed, formatted.
#[derive(Serialize)]
pub(crate) struct View {
    /// "Facture" or "Avoir".
    pub title: &'static str,
    pub number: String,
    /// "Facture n° F-2026-000042".
    pub heading: String,
    /// Issue date, due date, period, nature of the operation, corrected invoice.
    pub meta: Vec<String>,
    pub seller: PartyView,
    pub buyer: PartyView,
    pub lines: Vec<LineView>,
    pub totals: Vec<TotalView>,
    /// Payment terms, IBAN, BIC.
    pub payment: Vec<String>,
    /// Penalties, indemnity, discount, VAT on debits.
    pub conditions: Vec<String>,
    pub notes: Vec<String>,
    /// The seller's identity in one line, at the foot of each page.
    pub footer: String,
}

fn country_fr(code: &str) -> Option<&'static str> {
    Some(match code {
        "FR" => return None,
        "BE" => "Belgique",
        "CH" => "Suisse",
        "LU" => "Luxembourg",
        "MC" => "Monaco",
        "DE" => "Allemagne",
        "ES" => "Espagne",
        "IT" => "Italie",
        "GB" => "Royaume-Uni",
        "NL" => "Pays-Bas",
        "PT" => "Portugal",
        "IE" => "Irlande",
        "CA" => "Canada",
        "US" => "États-Unis",
        _ => "",
    })
}

fn party_view(party: &Party, seller: bool) -> PartyView {
    let mut address: Vec<String> =
        party.address_lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    address.push(format!("{} {}", party.postcode.trim(), party.city.trim()));
    match country_fr(party.country_code.trim()) {
        None => {}
        Some("") => address.push(party.country_code.trim().to_owned()),
        Some(name) => address.push(name.to_owned()),
    }
    let mut identity = Vec::new();
    if seller && let Some(legal) = &party.legal_form_and_capital {
        identity.push(legal.trim().to_owned());
    }
    if let Some(siren) = &party.siren {
        identity.push(format!("SIREN : {}", siren_fr(siren)));
    }
    if seller && let Some(rcs) = &party.rcs {
        identity.push(rcs.trim().to_owned());
    }
    if let Some(vat) = &party.vat_number {
        identity.push(format!("N° TVA intracommunautaire : {}", vat.trim()));
    }
    if let Some(email) = &party.email {
        identity.push(email.trim().to_owned());
    }
    PartyView { name: party.name.trim().to_owned(), address, identity }
}

pub(crate) fn view(doc: &InvoiceDocument) -> View {
    let title = doc.kind.title_fr();
    let heading = format!("{title} n° {}", doc.number.trim());
    let mut meta = vec![
        format!("Date d'émission : {}", date_fr(doc.issue_date)),
        format!("Date d'échéance : {}", date_fr(doc.due_date)),
        format!("Période de prestation : du {} au {}", date_long_fr(doc.period.0), date_long_fr(doc.period.1)),
        format!("Nature de l'opération : {NATURE_OF_OPERATION}"),
    ];
    if doc.kind == DocumentKind::CreditNote
        && let Some(corrected) = &doc.corrects
    {
        let mut text = format!("Avoir sur la facture n° {}", corrected.trim());
        if let Some(date) = doc.corrects_issue_date {
            text.push_str(&format!(" du {}", date_fr(date)));
        }
        meta.push(text);
    }
    let lines = doc
        .lines
        .iter()
        .map(|l| LineView {
            label: l.label.trim().to_owned(),
            quantity: quantity_fr(l.quantity),
            unit: l.unit.trim().to_owned(),
            unit_price: unit_price_fr(l.unit_price),
            amount: amount_fr(l.amount_excluding_tax),
        })
        .collect();
    let mut totals = vec![
        TotalView { label: "Total HT".into(), value: amount_fr(doc.total_excluding_tax), strong: false },
        TotalView {
            label: format!("TVA {}", percent_fr(doc.vat_rate)),
            value: amount_fr(doc.vat_amount),
            strong: false,
        },
        TotalView {
            label: "Total TTC".into(),
            value: amount_fr(doc.total_including_tax),
            strong: doc.amount_paid.is_zero(),
        },
    ];
    if !doc.amount_paid.is_zero() {
        totals.push(TotalView { label: "Déjà réglé".into(), value: amount_fr(doc.amount_paid), strong: false });
        let due = doc.total_including_tax - doc.amount_paid;
        let label = if doc.kind == DocumentKind::CreditNote { "Reste à créditer" } else { "Net à payer" };
        totals.push(TotalView { label: label.into(), value: amount_fr(due), strong: true });
    }
    let mut payment = vec![doc.payment_terms.trim().to_owned()];
    if let Some(iban) = &doc.iban {
        payment.push(format!("IBAN : {}", iban_fr(iban)));
    }
    if let Some(bic) = &doc.bic {
        payment.push(format!("BIC : {}", bic.trim()));
    }
    let mut conditions = vec![PENALTIES.to_owned(), RECOVERY_INDEMNITY.to_owned(), NO_DISCOUNT.to_owned()];
    if doc.vat_on_debits {
        conditions.push(VAT_ON_DEBITS.to_owned());
    }
    let seller = party_view(&doc.seller, true);
    let mut footer = vec![seller.name.clone()];
    footer.extend(seller.identity.iter().take_while(|s| !s.contains('@')).cloned());
    View {
        title,
        number: doc.number.trim().to_owned(),
        heading,
        meta,
        seller,
        buyer: party_view(&doc.buyer, false),
        lines,
        totals,
        payment,
        conditions,
        notes: doc.notes.iter().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect(),
        footer: footer.join(" — "),
    }
}

impl View {
    /// Every mention the law asks for, as printed.
    pub(crate) fn mentions(&self) -> Vec<String> {
        let mut out = vec![self.heading.clone()];
        out.extend(self.meta.iter().cloned());
        for party in [&self.seller, &self.buyer] {
            out.push(party.name.clone());
            out.extend(party.address.iter().cloned());
            out.extend(party.identity.iter().filter(|s| !s.contains('@')).cloned());
        }
        out.extend(self.payment.iter().cloned());
        out.extend(self.conditions.iter().cloned());
        out.extend(self.notes.iter().cloned());
        out
    }
}

/// The French mentions printed on the document (HTML and PDF), each as printed:
/// "Facture n° …" or "Avoir n° …"; the issue date, due date, service period and nature of
/// the operation; for a credit note the corrected invoice; the seller's name, address, legal
/// form and capital, SIREN, RCS and VAT number; the buyer's name, address, SIREN and VAT
/// number; the payment terms and bank details; the late-payment penalties, the 40 € recovery
/// indemnity, no discount for early payment; the option for VAT on debits when taken; the notes.
pub fn legal_mentions(doc: &InvoiceDocument) -> Vec<String> {
    view(doc).mentions()
}

/// The lines' total excluding tax (used by the XML writer too).
pub(crate) fn lines_total(doc: &InvoiceDocument) -> Decimal {
    doc.lines.iter().map(|l| l.amount_excluding_tax).sum()
}

//! A sample invoice and credit note (crm360 billing one of its customers), for tests,
//! examples and the integrator's own checks.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{DocumentKind, DocumentLine, InvoiceDocument, Party};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn line(label: &str, quantity: i64, unit: &str, unit_price: Decimal, amount: Decimal) -> DocumentLine {
    DocumentLine {
        label: label.to_owned(),
        quantity: Decimal::from(quantity),
        unit: unit.to_owned(),
        unit_price,
        amount_excluding_tax: amount,
    }
}

/// Invoice F-2026-000042 for November 2026: 1 825,00 € HT, VAT 20 %, 2 190,00 € TTC.
pub fn sample_invoice() -> InvoiceDocument {
    InvoiceDocument {
        kind: DocumentKind::Invoice,
        number: "F-2026-000042".into(),
        issue_date: date(2026, 12, 1),
        due_date: date(2026, 12, 31),
        period: (date(2026, 11, 1), date(2026, 11, 30)),
        seller: Party {
            name: "crm360".into(),
            address_lines: vec!["12 rue de la Paix".into()],
            postcode: "75002".into(),
            city: "Paris".into(),
            country_code: "FR".into(),
            siren: Some("732829320".into()),
            vat_number: Some("FR44732829320".into()),
            email: Some("facturation@crm360.fr".into()),
            legal_form_and_capital: Some("SAS au capital de 1 547 143 €".into()),
            rcs: Some("RCS Paris 732 829 320".into()),
        },
        buyer: Party {
            name: "Boulangerie Martin & Fils".into(),
            address_lines: vec!["3 place du Marché".into(), "Bâtiment B".into()],
            postcode: "69002".into(),
            city: "Lyon".into(),
            country_code: "FR".into(),
            siren: Some("552100554".into()),
            vat_number: Some("FR12552100554".into()),
            email: Some("compta@martin-fils.fr".into()),
            legal_form_and_capital: None,
            rcs: None,
        },
        lines: vec![
            line("Contacts en base (niveau 2)", 12_500, "contact", Decimal::new(8, 2), Decimal::new(100_000, 2)),
            line("Utilisateurs", 5, "utilisateur", Decimal::new(3500, 2), Decimal::new(17_500, 2)),
            line(
                "Routage email (sans engagement)",
                40,
                "tranche de 1 000",
                Decimal::new(1250, 2),
                Decimal::new(50_000, 2),
            ),
            line("Routage SMS (sans engagement)", 2_500, "SMS", Decimal::new(6, 2), Decimal::new(15_000, 2)),
        ],
        total_excluding_tax: Decimal::new(182_500, 2),
        vat_rate: Decimal::from(20),
        vat_amount: Decimal::new(36_500, 2),
        total_including_tax: Decimal::new(219_000, 2),
        amount_paid: Decimal::ZERO,
        corrects: None,
        corrects_issue_date: None,
        payment_terms: "Paiement à 30 jours par virement".into(),
        iban: Some("FR76 3000 6000 0112 3456 7890 189".into()),
        bic: Some("AGRIFRPP".into()),
        vat_on_debits: false,
        notes: vec!["Référence client : CLI-0042".into()],
    }
}

/// Credit note A-2026-000003 cancelling the users line of F-2026-000042.
pub fn sample_credit_note() -> InvoiceDocument {
    let mut doc = sample_invoice();
    doc.kind = DocumentKind::CreditNote;
    doc.number = "A-2026-000003".into();
    doc.issue_date = date(2026, 12, 10);
    doc.due_date = date(2026, 12, 10);
    doc.lines =
        vec![line("Utilisateurs (annulation)", 5, "utilisateur", Decimal::new(3500, 2), Decimal::new(17_500, 2))];
    doc.total_excluding_tax = Decimal::new(17_500, 2);
    doc.vat_amount = Decimal::new(3_500, 2);
    doc.total_including_tax = Decimal::new(21_000, 2);
    doc.corrects = Some("F-2026-000042".into());
    doc.corrects_issue_date = Some(date(2026, 12, 1));
    doc.payment_terms = "Remboursement par virement sous 30 jours".into();
    doc.notes = vec![];
    doc
}

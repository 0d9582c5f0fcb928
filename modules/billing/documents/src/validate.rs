//! Checks a document before anything is rendered: required fields, formats, totals.

use rust_decimal::Decimal;

use crate::format::{round_cents, siren_compact};
use crate::{DocumentError, DocumentKind, InvoiceDocument, Party};

fn invalid(field: impl Into<String>, reason: impl Into<String>) -> DocumentError {
    DocumentError::InvalidField { field: field.into(), reason: reason.into() }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// At most two decimals once trailing zeros are dropped.
fn check_cents(field: impl Into<String>, amount: Decimal) -> Result<(), DocumentError> {
    if amount.normalize().scale() > 2 {
        return Err(invalid(field, format!("{amount} a plus de deux décimales")));
    }
    Ok(())
}

fn check_party(party: &Party, role: &'static str, fields: [&'static str; 6]) -> Result<(), DocumentError> {
    let [name, address, postcode, city, country, siren] = fields;
    if blank(&party.name) {
        return Err(DocumentError::MissingField(name));
    }
    if party.address_lines.iter().all(|l| blank(l)) {
        return Err(DocumentError::MissingField(address));
    }
    if blank(&party.postcode) {
        return Err(DocumentError::MissingField(postcode));
    }
    if blank(&party.city) {
        return Err(DocumentError::MissingField(city));
    }
    let cc = party.country_code.trim();
    if cc.len() != 2 || !cc.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(invalid(country, "code pays ISO 3166-1 alpha-2 attendu (« FR »)"));
    }
    match &party.siren {
        Some(s) => {
            let digits = siren_compact(s);
            if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(siren, format!("« {s} » n'est pas un SIREN à 9 chiffres")));
            }
        }
        // The seller always; a French buyer since the 2026 e-invoicing reform.
        None if role == "seller" || cc == "FR" => return Err(DocumentError::MissingField(siren)),
        None => {}
    }
    Ok(())
}

/// Checks that `doc` can be rendered as a legal French invoice: required fields present,
/// identifiers well formed, dates in order, amounts with at most two decimals, and totals
/// consistent (lines sum to the total excluding tax, VAT = rate × total excl. tax rounded to
/// the cent half away from zero, total incl. tax = excl. tax + VAT, 0 ≤ paid ≤ incl. tax).
pub fn validate(doc: &InvoiceDocument) -> Result<(), DocumentError> {
    if blank(&doc.number) {
        return Err(DocumentError::MissingField("number"));
    }
    check_party(
        &doc.seller,
        "seller",
        [
            "seller.name",
            "seller.address_lines",
            "seller.postcode",
            "seller.city",
            "seller.country_code",
            "seller.siren",
        ],
    )?;
    check_party(
        &doc.buyer,
        "buyer",
        ["buyer.name", "buyer.address_lines", "buyer.postcode", "buyer.city", "buyer.country_code", "buyer.siren"],
    )?;
    if doc.seller.vat_number.as_deref().is_none_or(blank) {
        // BR-S-02: a standard-rated invoice carries the seller's VAT identifier.
        return Err(DocumentError::MissingField("seller.vat_number"));
    }
    if doc.seller.legal_form_and_capital.as_deref().is_none_or(blank) {
        return Err(DocumentError::MissingField("seller.legal_form_and_capital"));
    }
    if doc.seller.rcs.as_deref().is_none_or(blank) {
        return Err(DocumentError::MissingField("seller.rcs"));
    }
    if blank(&doc.payment_terms) {
        return Err(DocumentError::MissingField("payment_terms"));
    }
    if doc.iban.as_deref().is_some_and(blank) {
        return Err(invalid("iban", "vide"));
    }
    match (doc.kind, &doc.corrects) {
        (DocumentKind::CreditNote, None) => return Err(DocumentError::MissingField("corrects")),
        (DocumentKind::CreditNote, Some(c)) if blank(c) => {
            return Err(DocumentError::MissingField("corrects"));
        }
        (DocumentKind::Invoice, Some(_)) => {
            return Err(invalid("corrects", "seul un avoir corrige une facture"));
        }
        _ => {}
    }
    if doc.period.1 < doc.period.0 {
        return Err(invalid("period", "la fin de période précède son début"));
    }
    if doc.due_date < doc.issue_date {
        return Err(invalid("due_date", "l'échéance précède la date d'émission"));
    }
    if doc.lines.is_empty() {
        return Err(DocumentError::MissingField("lines"));
    }
    for (i, line) in doc.lines.iter().enumerate() {
        if blank(&line.label) {
            return Err(invalid(format!("lines[{i}].label"), "désignation vide"));
        }
        if line.unit_price.is_sign_negative() && !line.unit_price.is_zero() {
            // BR-27: the item net price shall not be negative.
            return Err(invalid(format!("lines[{i}].unit_price"), "prix unitaire négatif"));
        }
        check_cents(format!("lines[{i}].amount_excluding_tax"), line.amount_excluding_tax)?;
        let expected = round_cents(line.quantity * line.unit_price);
        if expected != line.amount_excluding_tax {
            return Err(DocumentError::InconsistentAmount {
                what: format!("ligne {} : quantité × prix unitaire", i + 1),
                expected,
                found: line.amount_excluding_tax,
            });
        }
    }
    for (field, amount) in [
        ("total_excluding_tax", doc.total_excluding_tax),
        ("vat_amount", doc.vat_amount),
        ("total_including_tax", doc.total_including_tax),
        ("amount_paid", doc.amount_paid),
    ] {
        check_cents(field, amount)?;
    }
    if doc.vat_rate <= Decimal::ZERO || doc.vat_rate >= Decimal::ONE_HUNDRED {
        // A zero rate needs an exemption category (E, Z, AE, K…) and its reason: not supported.
        return Err(invalid("vat_rate", "taux normal (catégorie S) entre 0 et 100 % attendu"));
    }
    let lines_sum: Decimal = doc.lines.iter().map(|l| l.amount_excluding_tax).sum();
    if lines_sum != doc.total_excluding_tax {
        return Err(DocumentError::InconsistentAmount {
            what: "somme des lignes = total HT".into(),
            expected: lines_sum,
            found: doc.total_excluding_tax,
        });
    }
    let vat = round_cents(doc.total_excluding_tax * doc.vat_rate / Decimal::ONE_HUNDRED);
    if vat != doc.vat_amount {
        return Err(DocumentError::InconsistentAmount {
            what: "TVA = total HT × taux, arrondie au centime".into(),
            expected: vat,
            found: doc.vat_amount,
        });
    }
    let ttc = doc.total_excluding_tax + doc.vat_amount;
    if ttc != doc.total_including_tax {
        return Err(DocumentError::InconsistentAmount {
            what: "total TTC = total HT + TVA".into(),
            expected: ttc,
            found: doc.total_including_tax,
        });
    }
    if doc.amount_paid.is_sign_negative() && !doc.amount_paid.is_zero() {
        return Err(invalid("amount_paid", "montant négatif"));
    }
    if doc.amount_paid > doc.total_including_tax {
        return Err(invalid("amount_paid", "supérieur au total TTC"));
    }
    Ok(())
}

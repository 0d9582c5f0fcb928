//! The tenant's identity as a buyer (printed on its invoices), kept by its administrator
//! or by operator staff; the invoice keeps a copy as it was when drafted.

use crate::error::{BillingError, BillingResult};
use crate::model::profile;
use crm360_invoice_documents::Party;
use crm360_kernel::TenantScope;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::scope::OperatorScope;
use sea_orm::Set;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// A party as stored on an invoice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredParty {
    pub name: String,
    pub address_lines: Vec<String>,
    pub postcode: String,
    pub city: String,
    pub country_code: String,
    pub siren: Option<String>,
    pub vat_number: Option<String>,
    pub email: Option<String>,
    pub legal_form_and_capital: Option<String>,
    pub rcs: Option<String>,
}

impl From<&Party> for StoredParty {
    fn from(p: &Party) -> StoredParty {
        StoredParty {
            name: p.name.clone(),
            address_lines: p.address_lines.clone(),
            postcode: p.postcode.clone(),
            city: p.city.clone(),
            country_code: p.country_code.clone(),
            siren: p.siren.clone(),
            vat_number: p.vat_number.clone(),
            email: p.email.clone(),
            legal_form_and_capital: p.legal_form_and_capital.clone(),
            rcs: p.rcs.clone(),
        }
    }
}

impl From<&StoredParty> for Party {
    fn from(p: &StoredParty) -> Party {
        Party {
            name: p.name.clone(),
            address_lines: p.address_lines.clone(),
            postcode: p.postcode.clone(),
            city: p.city.clone(),
            country_code: p.country_code.clone(),
            siren: p.siren.clone(),
            vat_number: p.vat_number.clone(),
            email: p.email.clone(),
            legal_form_and_capital: p.legal_form_and_capital.clone(),
            rcs: p.rcs.clone(),
        }
    }
}

pub async fn find(scope: &TenantScope) -> BillingResult<Option<profile::Model>> {
    let txn = scope.begin().await?;
    let found = txn.find::<profile::Entity>().one(&txn).await?;
    txn.commit().await?;
    Ok(found)
}

/// The buyer printed on a new invoice: the profile, or the tenant's name until one is set.
pub async fn buyer(scope: &OperatorScope, tenant_id: Uuid) -> BillingResult<StoredParty> {
    if let Some(profile) = find(&scope.on_tenant(tenant_id)).await? {
        return Ok(StoredParty {
            name: profile.legal_name,
            address_lines: profile.address_lines.lines().map(str::to_owned).collect(),
            postcode: profile.postcode,
            city: profile.city,
            country_code: profile.country_code,
            siren: profile.siren,
            vat_number: profile.vat_number,
            email: profile.invoice_email,
            legal_form_and_capital: None,
            rcs: None,
        });
    }
    let tenant = crm360_identity::service::tenants::find_tenant(scope, tenant_id)
        .await?
        .ok_or(BillingError::NotFound("tenant"))?;
    Ok(StoredParty { name: tenant.name, country_code: "FR".to_owned(), ..StoredParty::default() })
}

/// What an administrator or staff enter.
#[derive(Clone, Debug)]
pub struct ProfileInput {
    pub legal_name: String,
    pub address_lines: Vec<String>,
    pub postcode: String,
    pub city: String,
    pub country_code: String,
    pub siren: Option<String>,
    pub vat_number: Option<String>,
    pub invoice_email: Option<String>,
}

fn invalid(field: &'static str, reason: &'static str, message: &str) -> BillingError {
    BillingError::Invalid { field, reason, message: message.to_owned() }
}

fn text(value: &str, field: &'static str, max: usize) -> BillingResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(invalid(field, "REQUIRED", "is required"));
    }
    if value.chars().count() > max {
        return Err(invalid(field, "TOO_LONG", "is too long"));
    }
    Ok(value.to_owned())
}

/// A SIREN: nine digits whose Luhn sum is right (spaces allowed in the input).
pub fn parse_siren(value: &str) -> BillingResult<String> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 9 || !digits.chars().all(|c| c.is_ascii_digit()) || !luhn(&digits) {
        return Err(invalid("siren", "INVALID_SIREN", "a SIREN is nine digits with a valid check digit"));
    }
    Ok(digits)
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap_or(0);
            if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A French intra-EU VAT number: FR, a two-digit key, the SIREN; the key is checked.
pub fn parse_vat_number(value: &str, siren: Option<&str>) -> BillingResult<String> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    // Letters and digits only (a byte per character): anything else is no VAT number.
    if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(invalid("vatNumber", "INVALID_VAT_NUMBER", "not a VAT number"));
    }
    if !compact.starts_with("FR") {
        // Other member states: two letters and 2 to 13 characters, not checked further.
        let ok = compact.len() >= 4
            && compact.len() <= 15
            && compact[..2].chars().all(|c| c.is_ascii_uppercase())
            && compact[2..].chars().all(|c| c.is_ascii_alphanumeric());
        return if ok { Ok(compact) } else { Err(invalid("vatNumber", "INVALID_VAT_NUMBER", "not a VAT number")) };
    }
    let rest = &compact[2..];
    let bad = || invalid("vatNumber", "INVALID_VAT_NUMBER", "a French VAT number is FR, a two-digit key and the SIREN");
    if rest.len() != 11 || !rest.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let (key, number) = rest.split_at(2);
    let n: u64 = number.parse().map_err(|_| bad())?;
    if key.parse::<u64>().ok() != Some((12 + 3 * (n % 97)) % 97) {
        return Err(bad());
    }
    if siren.is_some_and(|s| s != number) {
        return Err(invalid("vatNumber", "VAT_SIREN_MISMATCH", "the VAT number does not carry this SIREN"));
    }
    Ok(compact)
}

fn validated(input: ProfileInput) -> BillingResult<ProfileInput> {
    let siren = input.siren.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(parse_siren).transpose()?;
    let vat_number = input
        .vat_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|v| parse_vat_number(v, siren.as_deref()))
        .transpose()?;
    let address_lines: Vec<String> =
        input.address_lines.iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    if address_lines.is_empty() {
        return Err(invalid("addressLines", "REQUIRED", "an address is required"));
    }
    let country_code = input.country_code.trim().to_uppercase();
    if country_code.len() != 2 || !country_code.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(invalid("countryCode", "INVALID_COUNTRY", "a two-letter country code (ISO 3166)"));
    }
    // The 2026 e-invoicing reform: a French buyer is named by its SIREN on every invoice.
    if country_code == "FR" && siren.is_none() {
        return Err(invalid("siren", "REQUIRED", "a French company's SIREN is required on its invoices"));
    }
    let invoice_email = input
        .invoice_email
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|e| {
            crm360_kernel::values::EmailAddress::parse(e)
                .map(|e| e.into_string())
                .map_err(|_| invalid("invoiceEmail", "INVALID_EMAIL", "not a valid email address"))
        })
        .transpose()?;
    Ok(ProfileInput {
        legal_name: text(&input.legal_name, "legalName", 200)?,
        address_lines,
        postcode: text(&input.postcode, "postcode", 20)?,
        city: text(&input.city, "city", 100)?,
        country_code,
        siren,
        vat_number,
        invoice_email,
    })
}

/// Saves the tenant's billing identity (its administrator, or staff on its behalf).
pub async fn save(scope: &TenantScope, input: ProfileInput) -> BillingResult<profile::Model> {
    let input = validated(input)?;
    let txn = scope.begin().await?;
    let before = txn.find::<profile::Entity>().one(&txn).await?;
    let row = profile::ActiveModel {
        tenant_id: Set(scope.tenant_id()),
        legal_name: Set(input.legal_name),
        address_lines: Set(input.address_lines.join("\n")),
        postcode: Set(input.postcode),
        city: Set(input.city),
        country_code: Set(input.country_code),
        siren: Set(input.siren),
        vat_number: Set(input.vat_number),
        invoice_email: Set(input.invoice_email),
        updated_at: Set(txn.now()),
    };
    let saved = if before.is_some() { txn.update(row).await? } else { txn.insert(row).await? };
    txn.audit(
        AuditChange::new("billing.profile.update", "billing_profile", scope.tenant_id())
            .before(json!(before.as_ref().map(|p| &p.legal_name)))
            .after(json!(saved.legal_name)),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siren_and_vat_numbers_are_checked_and_odd_input_refused() {
        assert_eq!(parse_siren("732 829 320").unwrap(), "732829320");
        assert!(parse_siren("732829321").is_err());
        assert_eq!(parse_vat_number("fr 44 732829320", Some("732829320")).unwrap(), "FR44732829320");
        assert!(parse_vat_number("FR45732829320", None).is_err());
        // Found by the GraphQL fuzzer: a multi-byte character once split a string mid-letter.
        for odd in ["é1234", "ÉÉÉÉ", "FRé", "🙂🙂", "\u{0}"] {
            assert!(parse_vat_number(odd, None).is_err(), "{odd}");
        }
        assert_eq!(parse_vat_number("DE123456789", None).unwrap(), "DE123456789");
    }
}

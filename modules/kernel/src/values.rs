//! Validated domain values, one rule each, shared by every module: a value of one of these
//! types has been checked and normalised once, at the edge.

use serde::{Deserialize, Serialize};

/// Why a value was refused: a stable reason code and a message for people.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Refusal {
    pub reason: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn new(reason: &'static str, message: impl Into<String>) -> Refusal {
        Refusal { reason, message: message.into() }
    }
}

/// A syntactically valid email address, trimmed and lower-cased: a dotted domain, no
/// display name, no IP literal, at most 254 characters.
#[derive(Clone, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<EmailAddress, Refusal> {
        let value = raw.trim().to_lowercase();
        let options =
            email_address::Options::default().with_required_tld().without_display_text().without_domain_literal();
        let valid = value.len() <= 254
            && email_address::EmailAddress::parse_with_options(&value, options)
                .is_ok_and(|parsed| parsed.domain().contains('.'));
        if !valid {
            return Err(Refusal::new("INVALID_EMAIL", format!("{value:?} is not a valid email address")));
        }
        Ok(EmailAddress(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The part before the `@` (passwords built on the login are refused).
    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or_default()
    }
}

/// A phone number in E.164 (`+33612345678`); national numbers are read as French.
#[derive(Clone, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<PhoneNumber, Refusal> {
        let value = raw.trim();
        let bad = || Refusal::new("INVALID_PHONE", format!("{value:?} is not a valid phone number"));
        let number = phonenumber::parse(Some(phonenumber::country::Id::FR), value).map_err(|_| bad())?;
        if !phonenumber::is_valid(&number) {
            return Err(bad());
        }
        Ok(PhoneNumber(number.format().mode(phonenumber::Mode::E164).to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A postal code: five digits in France (the default country), a short alphanumeric code
/// elsewhere; upper-cased.
#[derive(Clone, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
pub struct PostalCode(String);

impl PostalCode {
    /// `country` is an ISO 3166-1 alpha-2 code; `None` means France.
    pub fn parse(raw: &str, country: Option<&str>) -> Result<PostalCode, Refusal> {
        let value = raw.trim().to_uppercase();
        let french = country.is_none_or(|c| c == "FR");
        let ok = if french {
            value.len() == 5 && value.chars().all(|c| c.is_ascii_digit())
        } else {
            !value.is_empty()
                && value.len() <= 10
                && value.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        };
        if !ok {
            let expected = if french { "five digits for France" } else { "a postal code" };
            return Err(Refusal::new("INVALID_POSTAL_CODE", format!("{value:?} is not {expected}")));
        }
        Ok(PostalCode(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lower_cased_and_strict() {
        assert_eq!(EmailAddress::parse("  Jeanne.Dupont@Exemple.FR ").unwrap().as_str(), "jeanne.dupont@exemple.fr");
        for raw in [
            "",
            "jeanne",
            "jeanne@",
            "@exemple.fr",
            "jeanne@exemple",
            "Jeanne <j@exemple.fr>",
            "a b@exemple.fr",
            "j@[127.0.0.1]",
        ] {
            assert_eq!(EmailAddress::parse(raw).unwrap_err().reason, "INVALID_EMAIL", "{raw:?} should be refused");
        }
        assert!(EmailAddress::parse(&format!("{}@exemple.fr", "a".repeat(250))).is_err());
    }

    #[test]
    fn phones_come_out_in_e164() {
        assert_eq!(PhoneNumber::parse("06 12 34 56 78").unwrap().as_str(), "+33612345678");
        assert_eq!(PhoneNumber::parse("+32 470 12 34 56").unwrap().as_str(), "+32470123456");
        assert_eq!(PhoneNumber::parse("12").unwrap_err().reason, "INVALID_PHONE");
    }

    #[test]
    fn postal_codes_follow_their_country() {
        assert_eq!(PostalCode::parse(" 75011 ", None).unwrap().as_str(), "75011");
        assert_eq!(PostalCode::parse("7501", Some("FR")).unwrap_err().reason, "INVALID_POSTAL_CODE");
        assert_eq!(PostalCode::parse("sw1a 1aa", Some("GB")).unwrap().as_str(), "SW1A 1AA");
    }
}

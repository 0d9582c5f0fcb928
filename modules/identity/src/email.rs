//! `EmailAddress`: a login, validated and lower-cased once, at the edge.

use crate::error::IdentityError;

/// A syntactically valid email address, lower-cased.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<EmailAddress, IdentityError> {
        let trimmed = raw.trim().to_lowercase();
        let options =
            email_address::Options::default().with_required_tld().without_display_text().without_domain_literal();
        if trimmed.len() > 254 || email_address::EmailAddress::parse_with_options(&trimmed, options).is_err() {
            return Err(IdentityError::InvalidEmail);
        }
        Ok(EmailAddress(trimmed))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the `@`, used to refuse passwords built on the login.
    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses_are_lower_cased_and_trimmed() {
        assert_eq!(EmailAddress::parse("  Jeanne.Dupont@Exemple.FR ").unwrap().as_str(), "jeanne.dupont@exemple.fr");
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for raw in ["", "jeanne", "jeanne@", "@exemple.fr", "jeanne@exemple", "Jeanne <j@exemple.fr>", "a b@exemple.fr"]
        {
            assert!(EmailAddress::parse(raw).is_err(), "{raw:?} should be refused");
        }
    }
}

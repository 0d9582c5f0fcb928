//! Who a message goes to: the address or number of a contact on a channel, its consent, and
//! the hash and mask the suppression lists keep instead of the address itself.

use crate::model::Channel;
use crm360_contacts::model::contact;
use crm360_contacts::service::consents::ConsentStatus;
use sha2::{Digest, Sha256};

/// The contact's address on `channel`: its personal email (else its professional one), or its
/// mobile number (E.164, as the contacts module stores it).
pub fn address_of(contact: &contact::Model, channel: Channel) -> Option<String> {
    let value = match channel {
        Channel::Email => contact.personal_email.as_deref().or(contact.professional_email.as_deref()),
        Channel::Sms => contact.mobile_phone.as_deref(),
    }?;
    let value = value.trim();
    (!value.is_empty()).then(|| normalise(channel, value))
}

/// Whether the contact consented to prospecting on `channel` (CPCE L.34-5: opt-in).
pub fn consented(contact: &contact::Model, channel: Channel) -> bool {
    let status = match channel {
        Channel::Email => contact.consent_email,
        Channel::Sms => contact.consent_sms,
    };
    status == Some(ConsentStatus::Granted)
}

/// The form an address is compared in: emails lowercased, numbers without spaces.
pub fn normalise(channel: Channel, value: &str) -> String {
    match channel {
        Channel::Email => value.trim().to_lowercase(),
        Channel::Sms => value.chars().filter(|c| !c.is_whitespace() && *c != '.' && *c != '-').collect(),
    }
}

/// The SHA-256 (hex) of the normalised address or number: what the suppression lists and the
/// ledger keep.
pub fn hash(channel: Channel, value: &str) -> String {
    let digest = Sha256::digest(normalise(channel, value).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A hint of the address for the screens, without the address: `j•••@exemple.fr`,
/// `+33 6 •• •• •• 78`.
pub fn mask(channel: Channel, value: &str) -> String {
    let value = normalise(channel, value);
    match channel {
        Channel::Email => match value.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}•••@{domain}")
            }
            None => "•••".to_owned(),
        },
        Channel::Sms => {
            let chars: Vec<char> = value.chars().collect();
            if chars.len() < 6 {
                return "•••".to_owned();
            }
            let head: String = chars[..4].iter().collect();
            let tail: String = chars[chars.len() - 2..].iter().collect();
            format!("{head} •• •• •• {tail}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_compare_normalised_values() {
        assert_eq!(hash(Channel::Email, " Zoé.Martin@Exemple.FR "), hash(Channel::Email, "zoé.martin@exemple.fr"));
        assert_eq!(hash(Channel::Sms, "+33 6 12 34 56 78"), hash(Channel::Sms, "+33612345678"));
        assert_ne!(hash(Channel::Sms, "+33612345678"), hash(Channel::Email, "+33612345678x"));
        assert_eq!(hash(Channel::Email, "a@b.fr").len(), 64);
    }

    #[test]
    fn masks_keep_no_address() {
        assert_eq!(mask(Channel::Email, "jeanne.dupont@exemple.fr"), "j•••@exemple.fr");
        assert_eq!(mask(Channel::Sms, "+33612345678"), "+336 •• •• •• 78");
    }
}

//! Passwords: argon2id with OWASP's parameters, and the password policy.

use crate::error::IdentityError;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use crm360_kernel::values::{EmailAddress, Refusal};
use std::sync::LazyLock;

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

/// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB of memory, 2 iterations, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash to verify against when the account does not exist, so that a wrong login takes
/// as long as a wrong password and does not reveal which accounts exist.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash("dummy password never used").unwrap_or_default());

pub fn hash(password: &str) -> Result<String, IdentityError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| IdentityError::Internal(err.to_string()))
}

pub fn verify(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash).is_ok_and(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// Spends the time of one verification, for unknown accounts.
pub fn verify_dummy(password: &str) {
    let _ = verify(password, &DUMMY_HASH);
}

/// The policy (ANSSI and OWASP): 12 to 128 characters, not guessable (zxcvbn score 3 or
/// more, counting the user's own names and email as known words). A refusal's message says
/// why, for the input field the caller knows.
pub fn check_policy(password: &str, email: &EmailAddress, names: &[&str]) -> Result<(), Refusal> {
    let weak = |why: String| Err(Refusal::new("WEAK_PASSWORD", why));
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return weak(format!("at least {MIN_LENGTH} characters are required"));
    }
    if length > MAX_LENGTH {
        return weak(format!("at most {MAX_LENGTH} characters are allowed"));
    }
    let mut known: Vec<&str> = vec![email.as_str(), email.local_part()];
    known.extend(names.iter().copied().filter(|n| !n.is_empty()));
    let entropy = zxcvbn::zxcvbn(password, &known);
    if u8::from(entropy.score()) < 3 {
        return weak("too easy to guess: use a longer passphrase".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> EmailAddress {
        EmailAddress::parse("jeanne.dupont@exemple.fr").unwrap()
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("Correct-horse-battery-9").unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("Correct-horse-battery-9", &stored));
        assert!(!verify("correct-horse-battery-9", &stored));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn the_policy_refuses_short_guessable_and_personal_passwords() {
        assert!(check_policy("Short-1", &email(), &[]).is_err());
        assert!(check_policy("password1234", &email(), &[]).is_err());
        assert!(check_policy("jeanne.dupont2024", &email(), &["Jeanne", "Dupont"]).is_err());
        assert!(check_policy(&"x".repeat(129), &email(), &[]).is_err());
        assert!(check_policy("Violet-Ketchup-Orbite-42", &email(), &[]).is_ok());
    }
}

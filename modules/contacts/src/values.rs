//! Domain values of a contact, each with a `parse` that either gives the normalised value or
//! says why not (a stable reason and a message). Nothing is silently dropped or mangled.

use chrono::{Datelike, NaiveDate};
use crm360_kernel::values::{EmailAddress, PhoneNumber, PostalCode};

/// A correction made while validating (the kernel's): reported, never silent.
pub use crm360_kernel::values::Correction;

/// Why a value was refused (the kernel's, shared by every module).
pub use crm360_kernel::values::Refusal;

pub type Parsed<T> = Result<T, Refusal>;

/// A free text: trimmed, no control characters, bounded length.
pub fn text(raw: &str, max: usize) -> Parsed<String> {
    let value = raw.trim();
    if value.chars().any(|c| c.is_control()) {
        return Err(Refusal::new("CONTROL_CHARACTERS", "contains control characters"));
    }
    if value.chars().count() > max {
        return Err(Refusal::new("TOO_LONG", format!("is longer than {max} characters")));
    }
    Ok(value.to_owned())
}

/// An email address, lower-cased ([`EmailAddress`]'s rule).
pub fn email(raw: &str) -> Parsed<String> {
    EmailAddress::parse(raw).map(EmailAddress::into_string)
}

/// A phone number in E.164 (`+33612345678`); national numbers are read as French
/// ([`PhoneNumber`]'s rule).
pub fn phone(raw: &str) -> Parsed<String> {
    PhoneNumber::parse(raw).map(PhoneNumber::into_string)
}

/// A phone number in E.164; a national number is French, its overseas region taken from its
/// prefix or from the contact's `postal_code` ([`PhoneNumber::parse_near`]).
pub fn phone_near(raw: &str, postal_code: Option<&str>) -> Parsed<String> {
    PhoneNumber::parse_near(raw, postal_code).map(PhoneNumber::into_string)
}

/// A postal code in the form of the contact's country ([`PostalCode`]'s rule: five digits in
/// France, four in Belgium...).
pub fn postal_code(raw: &str, country: Option<&str>) -> Parsed<String> {
    PostalCode::parse(raw, country).map(PostalCode::into_string)
}

/// [`postal_code`], and a French code of four digits (a leading zero dropped by a
/// spreadsheet: `1000` for `01000`) padded back to five when the official base of postal
/// codes says the padded code serves `city`; the padding is the correction returned.
pub fn postal_code_in(raw: &str, country: Option<&str>, city: Option<&str>) -> Parsed<(String, Option<Correction>)> {
    let confirms = |padded: &str| {
        let (Some(city), Ok(code)) = (city.filter(|c| !c.trim().is_empty()), padded.parse::<u32>()) else {
            return false;
        };
        crm360_address::Referential::global().communes_named(city).any(|commune| commune.postal_code == code)
    };
    PostalCode::parse_padded(raw, country, confirms).map(|(code, correction)| (code.into_string(), correction))
}

/// A country or nationality: an ISO 3166-1 alpha-2 code (`FR`).
pub fn country(raw: &str) -> Parsed<String> {
    let value = raw.trim().to_uppercase();
    if value.len() != 2 || !value.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Refusal::new(
            "INVALID_COUNTRY",
            format!("{value:?} is not an ISO 3166-1 alpha-2 code (FR, BE, ...)"),
        ));
    }
    Ok(value)
}

/// A spoken language: an ISO 639-1 code (`fr`).
pub fn language(raw: &str) -> Parsed<String> {
    let value = raw.trim().to_lowercase();
    if value.len() != 2 || !value.chars().all(|c| c.is_ascii_lowercase()) {
        return Err(Refusal::new("INVALID_LANGUAGE", format!("{value:?} is not an ISO 639-1 code (fr, en, ...)")));
    }
    Ok(value)
}

/// A date as French files write it (`31/12/1980`, `31-12-1980`, `31.12.1980`) or ISO 8601.
pub fn date(raw: &str) -> Parsed<NaiveDate> {
    let value = raw.trim();
    for format in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(value, format)
            && date.year() >= 1000
        {
            return Ok(date);
        }
    }
    Err(Refusal::new("INVALID_DATE", format!("{value:?} is not a date (DD/MM/YYYY or YYYY-MM-DD)")))
}

/// A birth date: a date, after 1900 and not after today.
pub fn birth_date(raw: &str, today: NaiveDate) -> Parsed<NaiveDate> {
    let date = date(raw)?;
    if date > today || date.year() < 1900 {
        return Err(Refusal::new("IMPLAUSIBLE_BIRTH_DATE", format!("{date} is not a plausible birth date")));
    }
    Ok(date)
}

/// A number, with `,` or `.` as the decimal separator.
pub fn number(raw: &str) -> Parsed<f64> {
    let value = raw.trim().replace([' ', '\u{a0}'], "").replace(',', ".");
    match value.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(Refusal::new("INVALID_NUMBER", format!("{raw:?} is not a number"))),
    }
}

/// A yes/no value, in French or English.
pub fn boolean(raw: &str) -> Parsed<bool> {
    match fold(raw).as_str() {
        "1" | "true" | "vrai" | "oui" | "o" | "yes" | "y" | "x" => Ok(true),
        "0" | "false" | "faux" | "non" | "n" | "no" => Ok(false),
        _ => Err(Refusal::new("INVALID_BOOLEAN", format!("{raw:?} is not yes or no (oui/non, 1/0, true/false)"))),
    }
}

/// Lower case, trimmed, the French accents folded: for matching codes and synonyms.
pub fn fold(raw: &str) -> String {
    raw.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'à' | 'â' | 'ä' => 'a',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// A code from a closed list, given as the code itself or one of its French synonyms.
pub fn code(raw: &str, reason: &'static str, table: &[(&'static str, &[&str])]) -> Parsed<String> {
    let folded = fold(raw);
    for (code, synonyms) in table {
        if folded == code.to_lowercase() || synonyms.contains(&folded.as_str()) {
            return Ok((*code).to_owned());
        }
    }
    let codes: Vec<&str> = table.iter().map(|(c, _)| *c).collect();
    Err(Refusal::new(reason, format!("{raw:?} is not one of {}", codes.join(", "))))
}

pub const CIVILITIES: &[(&str, &[&str])] = &[
    ("MR", &["m", "m.", "monsieur", "mr."]),
    ("MRS", &["mme", "mme.", "madame", "mlle", "mademoiselle", "mrs.", "ms", "ms."]),
    ("MX", &[]),
];

pub const GENDERS: &[(&str, &[&str])] =
    &[("FEMALE", &["f", "femme", "feminin"]), ("MALE", &["m", "h", "homme", "masculin"]), ("OTHER", &["autre", "x"])];

pub const MARITAL_STATUSES: &[(&str, &[&str])] = &[
    ("SINGLE", &["celibataire", "c"]),
    ("MARRIED", &["marie", "mariee", "m"]),
    ("CIVIL_PARTNERSHIP", &["pacs", "pacse", "pacsee", "pacs/ee"]),
    ("DIVORCED", &["divorce", "divorcee", "d"]),
    ("WIDOWED", &["veuf", "veuve", "v"]),
    ("SEPARATED", &["separe", "separee", "s"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lower_cased_and_checked() {
        assert_eq!(email(" Jean.Dupont@Exemple.FR ").unwrap(), "jean.dupont@exemple.fr");
        assert_eq!(email("jean@localhost").unwrap_err().reason, "INVALID_EMAIL");
        assert_eq!(email("jean.exemple.fr").unwrap_err().reason, "INVALID_EMAIL");
    }

    #[test]
    fn french_phone_numbers_become_e164() {
        assert_eq!(phone("06 12 34 56 78").unwrap(), "+33612345678");
        assert_eq!(phone("+33 1 42 68 53 00").unwrap(), "+33142685300");
        assert_eq!(phone("01.42.68.53.00").unwrap(), "+33142685300");
        assert_eq!(phone("+32 2 555 12 12").unwrap(), "+3225551212");
        assert_eq!(phone("06 12").unwrap_err().reason, "INVALID_PHONE");
        assert_eq!(phone("abc").unwrap_err().reason, "INVALID_PHONE");
    }

    #[test]
    fn postal_codes_depend_on_the_country() {
        assert_eq!(postal_code("75001", None).unwrap(), "75001");
        assert_eq!(postal_code("7500", Some("FR")).unwrap_err().reason, "INVALID_POSTAL_CODE");
        assert_eq!(postal_code("sw1a 1aa", Some("GB")).unwrap(), "SW1A 1AA");
        assert_eq!(postal_code("1000", Some("BE")).unwrap(), "1000");
    }

    #[test]
    fn a_shortened_french_code_is_padded_only_when_the_city_confirms_it() {
        let (code, correction) = postal_code_in("1000", None, Some("Bourg-en-Bresse")).unwrap();
        assert_eq!((code.as_str(), correction.map(|c| c.reason)), ("01000", Some("POSTAL_CODE_PADDED")));
        assert_eq!(postal_code_in("1000", Some("FR"), Some("SAINT DENIS LES BOURG")).unwrap().0, "01000");
        assert_eq!(postal_code_in("1000", None, Some("Lyon")).unwrap_err().reason, "INVALID_POSTAL_CODE");
        assert_eq!(postal_code_in("1000", None, None).unwrap_err().reason, "INVALID_POSTAL_CODE");
        assert_eq!(postal_code_in("1000", Some("BE"), Some("Bruxelles")).unwrap(), ("1000".to_owned(), None));
        assert_eq!(postal_code_in("75011", None, Some("Lyon")).unwrap(), ("75011".to_owned(), None));
    }

    #[test]
    fn overseas_phones_follow_their_prefix_and_postal_code() {
        assert_eq!(phone_near("06 90 12 34 56", None).unwrap(), "+590690123456");
        assert_eq!(phone_near("05 96 71 23 45", Some("97200")).unwrap(), "+596596712345");
    }

    #[test]
    fn dates_read_french_and_iso_forms() {
        let d = NaiveDate::from_ymd_opt(1980, 12, 31).unwrap();
        for raw in ["31/12/1980", "1980-12-31", "31-12-1980", "31.12.1980"] {
            assert_eq!(date(raw).unwrap(), d);
        }
        assert_eq!(date("31/02/1980").unwrap_err().reason, "INVALID_DATE");
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(birth_date("01/01/2030", today).unwrap_err().reason, "IMPLAUSIBLE_BIRTH_DATE");
        assert_eq!(birth_date("01/01/1850", today).unwrap_err().reason, "IMPLAUSIBLE_BIRTH_DATE");
    }

    #[test]
    fn codes_accept_french_synonyms() {
        assert_eq!(code("Mme", "INVALID_CIVILITY", CIVILITIES).unwrap(), "MRS");
        assert_eq!(code("Monsieur", "INVALID_CIVILITY", CIVILITIES).unwrap(), "MR");
        assert_eq!(code("Pacsé", "INVALID_MARITAL_STATUS", MARITAL_STATUSES).unwrap(), "CIVIL_PARTNERSHIP");
        assert_eq!(code("Dr", "INVALID_CIVILITY", CIVILITIES).unwrap_err().reason, "INVALID_CIVILITY");
    }

    #[test]
    fn numbers_booleans_countries_languages() {
        assert_eq!(number("12,5").unwrap(), 12.5);
        assert_eq!(number("1 200").unwrap(), 1200.0);
        assert!(number("douze").is_err());
        assert!(boolean("Oui").unwrap());
        assert!(!boolean("0").unwrap());
        assert!(boolean("peut-être").is_err());
        assert_eq!(country("fr").unwrap(), "FR");
        assert!(country("France").is_err());
        assert_eq!(language("FR").unwrap(), "fr");
        assert!(text("a\u{0}b", 10).is_err());
        assert!(text("abcdef", 3).is_err());
    }
}

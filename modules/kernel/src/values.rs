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

/// A correction made to a value while validating it (reported to the user, never silent):
/// a stable reason code and a message for people.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Correction {
    pub reason: &'static str,
    pub message: String,
}

/// A phone number in E.164 (`+33612345678`). National numbers are French, mainland or
/// overseas: the overseas departments and collectivities share the French numbering plan
/// (`0690 12 34 56` is a Guadeloupe mobile, `+590 690 12 34 56`), so the region is chosen
/// from the number's prefix, then from the contact's postal code (`971xx` Guadeloupe...).
#[derive(Clone, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
pub struct PhoneNumber(String);

/// The overseas regions of the French numbering plan by national prefix (ARCEP): mobiles and
/// landlines of Guadeloupe (with Saint-Barthélemy and Saint-Martin), Martinique, Guyane, La
/// Réunion, Mayotte, Saint-Pierre-et-Miquelon.
const OVERSEAS_PREFIXES: [(&str, phonenumber::country::Id); 14] = {
    use phonenumber::country::Id::*;
    [
        ("0590", GP),
        ("0690", GP),
        ("0691", GP),
        ("0596", MQ),
        ("0696", MQ),
        ("0697", MQ),
        ("0594", GF),
        ("0694", GF),
        ("0262", RE),
        ("0263", RE),
        ("0692", RE),
        ("0693", RE),
        ("0269", YT),
        ("0639", YT),
    ]
};

/// The region of a French overseas postal code (`971xx`, ..., `978xx`), if it is one.
fn overseas_region(postal_code: &str) -> Option<phonenumber::country::Id> {
    use phonenumber::country::Id::*;
    let code = postal_code.trim();
    if code.len() != 5 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(match &code[..3] {
        "971" if code == "97133" => BL,
        "971" if code == "97150" => MF,
        "971" => GP,
        "972" => MQ,
        "973" => GF,
        "974" => RE,
        "975" => PM,
        "976" => YT,
        "977" => BL,
        "978" => MF,
        _ => return None,
    })
}

impl PhoneNumber {
    /// [`PhoneNumber::parse_near`] without a postal code.
    pub fn parse(raw: &str) -> Result<PhoneNumber, Refusal> {
        PhoneNumber::parse_near(raw, None)
    }

    /// Parses a number given in international form (`+590 690...`, `00 32 ...`) or as a
    /// French national number (`06 90 12 34 56`), whose region comes from its prefix
    /// (`0690`: Guadeloupe, `0596`: Martinique, `0262`: La Réunion, ...), else from
    /// `postal_code` when it is overseas (`97200`: Martinique), else mainland France.
    pub fn parse_near(raw: &str, postal_code: Option<&str>) -> Result<PhoneNumber, Refusal> {
        use phonenumber::country::Id;
        let value = raw.trim();
        let bad = || Refusal::new("INVALID_PHONE", format!("{value:?} is not a valid phone number"));
        let valid_in =
            |region: Option<Id>, text: &str| phonenumber::parse(region, text).ok().filter(phonenumber::is_valid);
        let e164 =
            |number: phonenumber::PhoneNumber| PhoneNumber(number.format().mode(phonenumber::Mode::E164).to_string());
        if value.starts_with('+') || value.starts_with("00") {
            let international = match value.strip_prefix("00") {
                Some(rest) => format!("+{rest}"),
                None => value.to_owned(),
            };
            return valid_in(None, &international).map(e164).ok_or_else(bad);
        }
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        let by_postal_code = postal_code.and_then(overseas_region);
        if digits.len() == 10 && digits.starts_with('0') {
            if let Some((_, region)) = OVERSEAS_PREFIXES.iter().find(|(prefix, _)| digits.starts_with(prefix)) {
                // Saint-Barthélemy and Saint-Martin share Guadeloupe's prefixes.
                let region = match by_postal_code {
                    Some(local @ (Id::BL | Id::MF)) if *region == Id::GP => local,
                    _ => *region,
                };
                if let Some(number) = valid_in(Some(region), &digits) {
                    return Ok(e164(number));
                }
            }
            // Saint-Pierre-et-Miquelon's numbers written on the French plan: 0508 + 6 digits.
            if let Some(local) = digits.strip_prefix("0508")
                && let Some(number) = valid_in(Some(Id::PM), local)
            {
                return Ok(e164(number));
            }
        }
        if let Some(number) = valid_in(Some(Id::FR), value) {
            return Ok(e164(number));
        }
        if let Some(region) = by_postal_code
            && let Some(number) = valid_in(Some(region), value)
        {
            return Ok(e164(number));
        }
        Err(bad())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A postal code in its country's form, upper-cased: five digits in France (the default
/// country, overseas `97xxx` and `98xxx` included), four in Belgium, Switzerland,
/// Luxembourg..., `1234 AB` in the Netherlands, `1234-567` in Portugal; a short alphanumeric
/// code in a country without a known form.
#[derive(Clone, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
pub struct PostalCode(String);

/// A country's postal code form: `9` a digit, `A` a letter, `?` a letter or digit; other
/// characters stand for themselves (a space or a hyphen); several forms per country.
fn postal_forms(country: &str) -> Option<&'static [&'static str]> {
    Some(match country {
        // France and the territories of its postal system (overseas, Monaco).
        "FR" | "GP" | "MQ" | "GF" | "RE" | "YT" | "PM" | "BL" | "MF" | "WF" | "PF" | "NC" | "TF" | "MC" => &["99999"],
        "BE" | "CH" | "LU" | "LI" | "AT" | "DK" | "NO" | "HU" | "SI" | "BG" | "CY" | "AU" | "NZ" | "ZA" | "TN"
        | "GE" | "AM" | "MK" | "AR" | "PH" => &["9999"],
        "DE" | "ES" | "IT" | "FI" | "EE" | "LT" | "HR" | "MA" | "DZ" | "TR" | "MX" | "SM" | "VA" | "RS" | "ME"
        | "BA" | "UA" | "TH" | "MY" | "ID" | "SN" | "CI" | "CM" | "EG" | "KR" => &["99999"],
        "SE" | "GR" | "CZ" | "SK" => &["999 99", "99999"],
        "US" => &["99999", "99999-9999"],
        "NL" => &["9999 AA", "9999AA"],
        "PT" => &["9999-999", "9999"],
        "PL" => &["99-999", "99999"],
        "BR" => &["99999-999", "99999999"],
        "JP" => &["999-9999", "9999999"],
        "CA" => &["A9A 9A9", "A9A9A9"],
        "IE" => &["A99 ????", "A99????", "A9W ????"],
        "RU" | "BY" | "KZ" | "IN" | "CN" | "SG" | "RO" | "VN" | "CO" => &["999999"],
        "IS" | "LV" | "MD" => &["999", "LV-9999", "MD-9999", "9999"],
        "GB" | "GG" | "JE" | "IM" => &["A9 9AA", "A99 9AA", "AA9 9AA", "AA99 9AA", "A9A 9AA", "AA9A 9AA"],
        _ => return None,
    })
}

fn matches_form(value: &str, form: &str) -> bool {
    value.chars().count() == form.chars().count()
        && value.chars().zip(form.chars()).all(|(v, f)| match f {
            '9' => v.is_ascii_digit(),
            'A' => v.is_ascii_uppercase(),
            '?' => v.is_ascii_alphanumeric(),
            'W' => v == 'W',
            other => v == other,
        })
}

/// What anything that is not a known form must at least be: short, letters, digits, spaces
/// and hyphens.
fn lenient(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 10
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        && value.chars().any(|c| c.is_ascii_alphanumeric())
}

impl PostalCode {
    /// Validates `raw` for `country` (an ISO 3166-1 alpha-2 code; `None` means France):
    /// trimmed, upper-cased, a leading country prefix (`L-1234`, `CH-1200`, `B-1000`)
    /// dropped, then checked against the country's forms; a country without a known form
    /// takes any short alphanumeric code.
    pub fn parse(raw: &str, country: Option<&str>) -> Result<PostalCode, Refusal> {
        let country = country.map(|c| c.trim().to_uppercase()).unwrap_or_else(|| "FR".to_owned());
        let mut value = raw.trim().to_uppercase().split_whitespace().collect::<Vec<_>>().join(" ");
        for prefix in [format!("{country}-"), format!("{country} ")]
            .into_iter()
            .chain(["L-", "B-", "F-", "D-", "A-", "I-"].map(str::to_owned))
        {
            if let Some(rest) = value.strip_prefix(prefix.as_str())
                && rest.starts_with(|c: char| c.is_ascii_digit())
                && postal_forms(&country).is_some_and(|forms| forms.iter().any(|f| matches_form(rest, f)))
            {
                value = rest.to_owned();
                break;
            }
        }
        let ok = match postal_forms(&country) {
            Some(forms) => forms.iter().any(|form| matches_form(&value, form)),
            None => lenient(&value),
        };
        if !ok {
            let expected = match postal_forms(&country) {
                Some(_) if country == "FR" => "five digits for France".to_owned(),
                Some(forms) => format!("a postal code of {country} ({})", forms.join(" or ")),
                None => "a postal code".to_owned(),
            };
            return Err(Refusal::new("INVALID_POSTAL_CODE", format!("{value:?} is not {expected}")));
        }
        Ok(PostalCode(value))
    }

    /// [`PostalCode::parse`] for France, where a four-digit code is one that a spreadsheet
    /// shortened by dropping its leading zero (`1000` for `01000`): it is padded back to five
    /// digits when `locality_confirms` says the padded code serves the contact's locality
    /// (given the padded code), and the padding is reported as a correction. Other countries
    /// are [`PostalCode::parse`] itself.
    pub fn parse_padded(
        raw: &str,
        country: Option<&str>,
        locality_confirms: impl FnOnce(&str) -> bool,
    ) -> Result<(PostalCode, Option<Correction>), Refusal> {
        let refused = match PostalCode::parse(raw, country) {
            Ok(code) => return Ok((code, None)),
            Err(refused) => refused,
        };
        let french = country.is_none_or(|c| c.trim().eq_ignore_ascii_case("FR"));
        let value = raw.trim();
        if french && value.len() == 4 && value.chars().all(|c| c.is_ascii_digit()) {
            let padded = format!("0{value}");
            if locality_confirms(&padded) {
                let message = format!("{value:?} was read as {padded:?} (a leading zero dropped by a spreadsheet)");
                return Ok((PostalCode(padded), Some(Correction { reason: "POSTAL_CODE_PADDED", message })));
            }
        }
        Err(refused)
    }

    /// A postal code of any country, for targeting (a segment's value): trimmed,
    /// upper-cased, any short alphanumeric code.
    pub fn parse_any(raw: &str) -> Result<PostalCode, Refusal> {
        let value = raw.trim().to_uppercase().split_whitespace().collect::<Vec<_>>().join(" ");
        if !lenient(&value) {
            return Err(Refusal::new("INVALID_POSTAL_CODE", format!("{value:?} is not a postal code")));
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
    fn overseas_numbers_take_their_region_from_their_prefix_or_postal_code() {
        for (raw, e164) in [
            ("06 90 12 34 56", "+590690123456"),
            ("0691 28 12 34", "+590691281234"),
            ("05 90 82 12 34", "+590590821234"),
            ("05 96 71 23 45", "+596596712345"),
            ("06 96 12 34 56", "+596696123456"),
            ("06 94 20 12 34", "+594694201234"),
            ("05 94 29 12 34", "+594594291234"),
            ("06 92 12 34 56", "+262692123456"),
            ("06 93 12 34 56", "+262693123456"),
            ("02 62 12 34 56", "+262262123456"),
            ("06 39 69 12 34", "+262639691234"),
            ("05 08 41 23 45", "+508412345"),
            ("02 69 61 12 34", "+262269611234"),
            ("+590 690 12 34 56", "+590690123456"),
            ("00 596 596 71 23 45", "+596596712345"),
            ("06 12 34 56 78", "+33612345678"),
            ("01 42 68 53 00", "+33142685300"),
        ] {
            assert_eq!(PhoneNumber::parse(raw).map(PhoneNumber::into_string), Ok(e164.to_owned()), "{raw}");
        }
        // Saint-Barthélemy shares Guadeloupe's prefixes: its postal code tells them apart
        // (same E.164 country code, validated against its own plan).
        assert_eq!(PhoneNumber::parse_near("06 90 12 34 56", Some("97133")).unwrap().as_str(), "+590690123456");
    }

    #[test]
    fn postal_codes_follow_their_country() {
        assert_eq!(PostalCode::parse(" 75011 ", None).unwrap().as_str(), "75011");
        assert_eq!(PostalCode::parse("7501", Some("FR")).unwrap_err().reason, "INVALID_POSTAL_CODE");
        assert_eq!(PostalCode::parse("sw1a 1aa", Some("GB")).unwrap().as_str(), "SW1A 1AA");
        assert_eq!(PostalCode::parse("97110", Some("FR")).unwrap().as_str(), "97110");
        assert_eq!(PostalCode::parse("98000", Some("MC")).unwrap().as_str(), "98000");
        for (raw, country, stored) in [
            ("1000", "BE", "1000"),
            ("B-1000", "BE", "1000"),
            ("1201", "CH", "1201"),
            ("CH-1201", "CH", "1201"),
            ("L-1234", "LU", "1234"),
            ("10115", "DE", "10115"),
            ("1012 ab", "NL", "1012 AB"),
            ("1000-001", "PT", "1000-001"),
            ("k1a 0b1", "CA", "K1A 0B1"),
            ("114 55", "SE", "114 55"),
            ("ab12", "ZZ", "AB12"),
        ] {
            assert_eq!(PostalCode::parse(raw, Some(country)).unwrap().as_str(), stored, "{raw} {country}");
        }
        for (raw, country) in [("1000", "FR"), ("10000", "BE"), ("123", "CH"), ("1234", "DE"), ("ABCD", "LU")] {
            assert_eq!(
                PostalCode::parse(raw, Some(country)).unwrap_err().reason,
                "INVALID_POSTAL_CODE",
                "{raw} {country}"
            );
        }
    }

    #[test]
    fn a_french_code_shortened_by_a_spreadsheet_is_padded_when_the_locality_confirms_it() {
        let (code, correction) = PostalCode::parse_padded("1000", None, |padded| padded == "01000").unwrap();
        assert_eq!(code.as_str(), "01000");
        assert_eq!(correction.unwrap().reason, "POSTAL_CODE_PADDED");
        assert_eq!(PostalCode::parse_padded("1000", Some("FR"), |_| false).unwrap_err().reason, "INVALID_POSTAL_CODE");
        let (belgian, none) = PostalCode::parse_padded("1000", Some("BE"), |_| panic!("not asked")).unwrap();
        assert_eq!((belgian.as_str(), none), ("1000", None));
        let (full, none) = PostalCode::parse_padded("75011", None, |_| panic!("not asked")).unwrap();
        assert_eq!((full.as_str(), none), ("75011", None));
    }

    #[test]
    fn a_target_postal_code_may_be_of_any_country() {
        assert_eq!(PostalCode::parse_any(" 1000 ").unwrap().as_str(), "1000");
        assert_eq!(PostalCode::parse_any("sw1a 1aa").unwrap().as_str(), "SW1A 1AA");
        assert_eq!(PostalCode::parse_any("75;").unwrap_err().reason, "INVALID_POSTAL_CODE");
    }
}

//! RNVP of one address: restructure, normalise, validate.

use serde::Serialize;

use crate::ReasonCode as R;
use crate::abbreviations::{abbreviate_to_fit, expand_word, is_repetition_index, street_type_at};
use crate::locality::validate_locality;
use crate::normalize::{is_digits, normalize_line_into};
use crate::reason::{ReasonSet, Severity};
use crate::referential::Referential;
use crate::restructure::restructure;

/// The maximum length of an address line in NF Z10-011.
pub const LINE_MAX_CHARS: usize = 38;

/// Six free address lines, in the order the customer gave them (possibly misplaced).
pub type AddressLines = [String; 6];

/// The outcome of RNVP for an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RnvpStatus {
    /// The address conforms; only formatting required by the norm was applied.
    Valid,
    /// The address was corrected (lines moved, locality or postal code corrected...).
    Corrected,
    /// The address cannot be validated; see the reasons.
    Invalid,
}

impl RnvpStatus {
    /// The stable SCREAMING_CASE code: `VALID`, `CORRECTED` or `INVALID`.
    pub fn code(self) -> &'static str {
        match self {
            RnvpStatus::Valid => "VALID",
            RnvpStatus::Corrected => "CORRECTED",
            RnvpStatus::Invalid => "INVALID",
        }
    }

    /// The status implied by a set of reasons.
    pub fn from_reasons(reasons: &ReasonSet) -> RnvpStatus {
        match reasons.max_severity() {
            Some(Severity::Error) => RnvpStatus::Invalid,
            Some(Severity::Correction) => RnvpStatus::Corrected,
            Some(Severity::Info) | None => RnvpStatus::Valid,
        }
    }
}

/// A normalised address: the six AFNOR lines (empty when unused), its status and reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RnvpResult {
    /// Lines 1 to 6 of NF Z10-011, upper case, without accents or punctuation.
    pub lines: [String; 6],
    /// Valid, corrected or invalid.
    pub status: RnvpStatus,
    /// Why, in stable codes (see [`R`]).
    pub reasons: ReasonSet,
}

impl RnvpResult {
    /// The non-empty lines, in order, as they would be printed on an envelope.
    pub fn printed_lines(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(String::as_str).filter(|l| !l.is_empty())
    }
}

/// RNVP of six free lines: see [`rnvp`].
pub fn rnvp_lines(lines: &AddressLines) -> RnvpResult {
    rnvp(lines)
}

/// Restructures, normalises and validates a French address given as free lines (at most
/// six; empty strings for missing lines), against the embedded base of postal codes.
///
/// ```
/// use crm360_address::{rnvp, RnvpStatus};
/// let r = rnvp(&["Mme Léa Martin", "12 av. des Champs-Élysées", "75008 Pariss"]);
/// assert_eq!(r.lines[3], "12 AVENUE DES CHAMPS ELYSEES");
/// assert_eq!(r.lines[5], "75008 PARIS");
/// assert_eq!(r.status, RnvpStatus::Corrected);
/// ```
pub fn rnvp<S: AsRef<str>>(lines: &[S]) -> RnvpResult {
    rnvp_with(lines, Referential::global())
}

/// RNVP against a given referential (for tests with a custom base).
pub fn rnvp_with<S: AsRef<str>>(lines: &[S], referential: &Referential) -> RnvpResult {
    let mut reasons = ReasonSet::new();
    if lines.len() > 6 {
        reasons.insert(R::TooManyLines);
    }
    let mut normalised: Vec<String> = Vec::with_capacity(lines.len().max(6));
    for line in lines {
        let mut s = String::with_capacity(line.as_ref().len());
        normalize_line_into(line.as_ref(), &mut s);
        normalised.push(s);
    }
    let structured = restructure(&normalised, &mut reasons);
    let mut out: [String; 6] = structured.lines;

    out[1] = expand_keywords(&out[1], &mut reasons);
    out[2] = expand_keywords(&out[2], &mut reasons);
    out[3] = normalise_street(&out[3], &mut reasons);
    out[4] = normalise_distribution(&out[4]);

    match structured.locality {
        Some(parsed) => {
            let validated = validate_locality(parsed, referential, &mut reasons);
            out[5] = validated.line();
        }
        None => {
            reasons.insert(R::PostalCodeMissing);
            reasons.insert(R::LocalityMissing);
        }
    }

    if out[3].is_empty() && out[4].is_empty() {
        reasons.insert(R::StreetMissing);
    }
    for line in out.iter_mut() {
        if let Some(short) = abbreviate_to_fit(line, LINE_MAX_CHARS) {
            *line = short;
            reasons.insert(R::LineTooLongAbbreviated);
        }
        if line.len() > LINE_MAX_CHARS {
            reasons.insert(R::LineTooLong);
        }
    }
    RnvpResult { lines: out, status: RnvpStatus::from_reasons(&reasons), reasons }
}

/// Writes keywords of lines 2 and 3 in full (`BAT` → `BATIMENT`, `APPT` → `APPARTEMENT`).
fn expand_keywords(line: &str, reasons: &mut ReasonSet) -> String {
    if line.is_empty() {
        return String::new();
    }
    let mut changed = false;
    let words: Vec<&str> = line
        .split(' ')
        .map(|w| {
            let full = match w {
                "BAT" | "BT" => "BATIMENT",
                "RES" | "RESID" => "RESIDENCE",
                "IMM" => "IMMEUBLE",
                "APPT" | "APT" | "APP" | "APPART" => "APPARTEMENT",
                "ESC" => "ESCALIER",
                "ETG" => "ETAGE",
                "LGT" => "LOGEMENT",
                other => other,
            };
            changed |= full != w;
            full
        })
        .collect();
    let mut out = words.join(" ");
    // `c/o` (care of) is written `CHEZ` in French addresses.
    if let Some(rest) = out.strip_prefix("C O ") {
        out = format!("CHEZ {rest}");
        changed = true;
    }
    if changed {
        reasons.insert(R::AbbreviationExpanded);
    }
    out
}

/// Line 5: `B P 12` → `BP 12`, `BOITE POSTALE 12` → `BP 12`, `LIEUDIT` → `LIEU DIT`.
fn normalise_distribution(line: &str) -> String {
    if let Some(rest) = line.strip_prefix("LIEUDIT ") {
        return format!("LIEU DIT {rest}");
    }
    if let Some(rest) = line.strip_prefix("B P ") {
        return format!("BP {rest}");
    }
    if let Some(rest) = line.strip_prefix("BOITE POSTALE ") {
        return format!("BP {rest}");
    }
    line.to_string()
}

/// Line 4: number and repetition index split (`12BIS` → `12 BIS`), `N°` dropped, street type
/// and titles written in full.
fn normalise_street(line: &str, reasons: &mut ReasonSet) -> String {
    if line.is_empty() {
        return String::new();
    }
    let mut tokens: Vec<&str> = Vec::with_capacity(8);
    let mut raw = line.split(' ').peekable();
    // `N 12`, `NO 12`, `NUMERO 12`.
    if let Some(&first) = raw.peek()
        && matches!(first, "N" | "NO" | "NUM" | "NUMERO")
    {
        let mut look = raw.clone();
        look.next();
        if look.peek().is_some_and(|t| t.bytes().next().is_some_and(|b| b.is_ascii_digit())) {
            raw.next();
        }
    }
    for t in raw {
        tokens.push(t);
    }
    let mut out: Vec<&str> = Vec::with_capacity(tokens.len() + 2);
    let mut i = 0;
    if let Some(first) = tokens.first() {
        let digits = first.bytes().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && digits < first.len() && is_repetition_index(&first[digits..]) {
            out.push(&first[..digits]);
            out.push(&first[digits..]);
            i = 1;
        } else if digits == first.len() {
            out.push(first);
            i = 1;
            // A one-letter repetition index is one only when a street type follows it, or
            // when it is not itself a street type abbreviation (`12 R DE LA PAIX`).
            if let Some(next) = tokens.get(1)
                && is_repetition_index(next)
                && (street_type_at(&tokens[2..]).is_some() || street_type_at(&tokens[1..]).is_none())
            {
                out.push(next);
                i = 2;
            }
        }
    }
    // Street type in full.
    if let Some((n, st)) = street_type_at(&tokens[i..])
        && i + n < tokens.len()
    {
        let written = tokens[i..i + n].join(" ");
        if written != st.full {
            reasons.insert(R::AbbreviationExpanded);
        }
        out.extend(st.full.split(' '));
        i += n;
    }
    for t in &tokens[i..] {
        match expand_word(t) {
            Some(full) if !is_digits(t) => {
                reasons.insert(R::AbbreviationExpanded);
                out.push(full);
            }
            _ => out.push(t),
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn street(s: &str) -> String {
        normalise_street(s, &mut ReasonSet::new())
    }

    #[test]
    fn street_lines() {
        assert_eq!(street("12BIS R DE LA PAIX"), "12 BIS RUE DE LA PAIX");
        assert_eq!(street("N 5 BD FOCH"), "5 BOULEVARD FOCH");
        assert_eq!(street("12 B AV ST EXUPERY"), "12 B AVENUE SAINT EXUPERY");
        assert_eq!(street("3 R DU GAL LECLERC"), "3 RUE DU GENERAL LECLERC");
        assert_eq!(street("RTE DE LYON"), "ROUTE DE LYON");
        assert_eq!(street("8 RUE"), "8 RUE");
    }
}

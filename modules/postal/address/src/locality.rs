//! Line 6: parsing the postal code and locality, and validating them against the base.

use crate::ReasonCode as R;
use crate::normalize::{is_digits, locality_key};
use crate::reason::ReasonSet;
use crate::referential::{Commune, Referential, department_of};

/// Similarity (Jaro-Winkler on locality keys) above which a misspelt locality is corrected
/// among the communes of its postal code.
const FUZZY_IN_CODE: f64 = 0.85;
/// Lower threshold when the postal code serves a single locality: the customer meant it.
const FUZZY_SINGLE: f64 = 0.78;
/// Stricter threshold when searching a whole department or all of France.
const FUZZY_WIDE: f64 = 0.92;
/// Two fuzzy candidates closer than this are ambiguous.
const FUZZY_MARGIN: f64 = 0.015;

/// Line 6 as read from the input, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ParsedLocality {
    /// The postal code, if one was found.
    pub code: Option<u32>,
    /// A reason for a repair of the code's form (`LEADING_ZERO_RESTORED`, 2A/2B → 20).
    pub code_repair: Option<R>,
    /// The locality words, normalised, without the code and the CEDEX part.
    pub locality: String,
    /// `CEDEX` and what follows it (`CEDEX 08`), if present.
    pub cedex: Option<String>,
}

/// Parses a five-digit code token, or a Corsican `2A`/`2B` code written with letters.
fn code_token(token: &str) -> Option<(u32, Option<R>)> {
    if token.len() == 5 && is_digits(token) {
        return token.parse().ok().map(|c| (c, None));
    }
    if token.len() == 5 && (token.starts_with("2A") || token.starts_with("2B")) {
        let rest = &token[2..];
        if is_digits(rest) {
            return rest.parse::<u32>().ok().map(|c| (20_000 + c, Some(R::PostalCodeCorrected)));
        }
    }
    None
}

fn has_letters(tokens: &[&str]) -> bool {
    tokens.iter().any(|t| t.bytes().any(|b| b.is_ascii_alphabetic()))
}

/// Reads a normalised line as `CODE LOCALITY [CEDEX [N]]` (or `LOCALITY CODE`), accepting a
/// leading `F`/`FR` country prefix, a code split in two (`75 001`) and a four-digit code that
/// lost its leading zero. Returns `None` when the line does not look like line 6.
pub(crate) fn parse_locality_line(tokens: &[&str]) -> Option<ParsedLocality> {
    let mut t = tokens;
    if t.len() >= 2 && matches!(t[0], "F" | "FR" | "FRANCE") && (2..=5).contains(&t[1].len()) && is_digits(&t[1][..2]) {
        t = &t[1..];
    }
    let first = *t.first()?;
    let (code, repair, rest): (u32, Option<R>, &[&str]) = if let Some((c, r)) = code_token(first) {
        (c, r, &t[1..])
    } else if first.len() == 2 && is_digits(first) && t.len() >= 2 && t[1].len() == 3 && is_digits(t[1]) {
        (first.parse::<u32>().ok()? * 1000 + t[1].parse::<u32>().ok()?, None, &t[2..])
    } else if first.len() == 4
        && is_digits(first)
        && t.len() >= 2
        && has_letters(&t[1..2])
        && crate::abbreviations::street_type_at(&t[1..]).is_none()
    {
        (first.parse().ok()?, Some(R::PostalCodeLeadingZeroRestored), &t[1..])
    } else if t.len() >= 2
        && let Some((c, r)) = code_token(t[t.len() - 1])
        && has_letters(&t[..t.len() - 1])
    {
        (c, r, &t[..t.len() - 1])
    } else {
        return None;
    };
    let (locality, cedex) = split_cedex(rest);
    Some(ParsedLocality { code: Some(code), code_repair: repair, locality, cedex })
}

/// Splits the CEDEX part off a locality (`PARIS CEDEX 08` → `PARIS`, `CEDEX 08`).
pub(crate) fn split_cedex(tokens: &[&str]) -> (String, Option<String>) {
    match tokens.iter().position(|t| t.starts_with("CEDEX")) {
        Some(i) => {
            let mut cedex = String::from("CEDEX");
            let glued = &tokens[i]["CEDEX".len()..];
            if !glued.is_empty() {
                cedex.push(' ');
                cedex.push_str(glued);
            }
            for t in &tokens[i + 1..] {
                cedex.push(' ');
                cedex.push_str(t);
            }
            (tokens[..i].join(" "), Some(cedex))
        }
        None => (tokens.join(" "), None),
    }
}

fn ordinal_number(token: &str) -> Option<u32> {
    let digits_end = token.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(token.len());
    if digits_end == 0 {
        return None;
    }
    let suffix = &token[digits_end..];
    if !matches!(suffix, "" | "E" | "ER" | "EME" | "EMME" | "IEME" | "ERE") {
        return None;
    }
    token[..digits_end].parse().ok()
}

/// Recognises `PARIS 15`, `PARIS 15E ARRONDISSEMENT`, `LYON 1ER`, `MARSEILLE 08`: returns the
/// city and the arrondissement number.
pub(crate) fn fold_arrondissement<'a>(tokens: &[&'a str]) -> Option<(&'a str, u32)> {
    let (&city, rest) = tokens.split_first()?;
    let max = match city {
        "PARIS" => 20,
        "LYON" => 9,
        "MARSEILLE" => 16,
        _ => return None,
    };
    let (&num, mut rest) = rest.split_first()?;
    let n = ordinal_number(num)?;
    if let Some((&suffix, more)) = rest.split_first()
        && matches!(suffix, "E" | "ER" | "EME")
    {
        rest = more;
    }
    if !rest.iter().all(|t| matches!(*t, "ARRONDISSEMENT" | "ARR" | "ARRT" | "ARRDT" | "ARDT")) {
        return None;
    }
    (1..=max).contains(&n).then_some((city, n))
}

/// The postal codes of an arrondissement (Paris 16 has two: 75016 and 75116).
fn arrondissement_codes(city: &str, n: u32) -> [Option<u32>; 2] {
    match city {
        "PARIS" if n == 16 => [Some(75016), Some(75116)],
        "PARIS" => [Some(75000 + n), None],
        "LYON" => [Some(69000 + n), None],
        "MARSEILLE" => [Some(13000 + n), None],
        _ => [None, None],
    }
}

fn similarity(key: &str, c: &Commune) -> f64 {
    strsim::jaro_winkler(key, &c.label_key).max(strsim::jaro_winkler(key, &c.name_key))
}

/// The best fuzzy candidate above `threshold`, unless another commune with another label is
/// just as close.
fn best_fuzzy<'a>(key: &str, candidates: impl Iterator<Item = &'a Commune>, threshold: f64) -> Option<&'a Commune> {
    let mut best: Option<(&Commune, f64)> = None;
    let mut runner_up = 0.0f64;
    for c in candidates {
        let s = similarity(key, c);
        match best {
            Some((b, bs)) if s > bs => {
                if b.label_key != c.label_key {
                    runner_up = runner_up.max(bs);
                }
                best = Some((c, s));
            }
            Some((b, _)) => {
                if b.label_key != c.label_key {
                    runner_up = runner_up.max(s);
                }
            }
            None => best = Some((c, s)),
        }
    }
    let (c, s) = best?;
    (s >= threshold && s - runner_up >= FUZZY_MARGIN).then_some(c)
}

/// What to print for a commune the customer's `key` designates: its delivery label, or its
/// name when the customer wrote (something closer to) the name and it fits on line 6. Both are
/// official for the code (`59160 LOMME` and `59160 LILLE`).
fn display<'a>(c: &'a Commune, key: &str) -> &'a str {
    let label = if *c.label_key == *key { 1.0 } else { strsim::jaro_winkler(key, &c.label_key) };
    let name = if *c.name_key == *key { 1.0 } else { strsim::jaro_winkler(key, &c.name_key) };
    if name > label && c.name.len() <= 32 { &c.name } else { &c.label }
}

/// The commune of an arrondissement (`PARIS`, 15 → the 75015 row labelled `PARIS`).
fn arrondissement_commune<'a>(
    arrondissement: Option<(&str, u32)>,
    referential: &'a Referential,
) -> Option<&'a Commune> {
    let (city, n) = arrondissement?;
    arrondissement_codes(city, n)
        .into_iter()
        .flatten()
        .flat_map(|code| referential.communes_for_code(code).iter())
        .find(|c| c.label.split(' ').next() == Some(city))
}

/// The single postal code among communes, if they all share one.
fn single_code<'a>(mut communes: impl Iterator<Item = &'a Commune>) -> Option<&'a Commune> {
    let first = communes.next()?;
    communes.all(|c| c.postal_code == first.postal_code).then_some(first)
}

/// The validated line 6.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ValidatedLocality {
    /// The postal code, if known.
    pub code: Option<u32>,
    /// The locality to print (the delivery label when validated).
    pub locality: String,
    /// The CEDEX part, if any.
    pub cedex: Option<String>,
}

impl ValidatedLocality {
    /// Line 6 as printed: `CODE LOCALITY [CEDEX N]`.
    pub fn line(&self) -> String {
        let mut out = String::with_capacity(38);
        if let Some(code) = self.code {
            out.push_str(&format!("{code:05}"));
        }
        if !self.locality.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.locality);
        }
        if let Some(cedex) = &self.cedex {
            // Some delivery labels already end with CEDEX.
            let cedex = if self.locality.ends_with("CEDEX") {
                cedex.trim_start_matches("CEDEX").trim_start()
            } else {
                cedex.as_str()
            };
            if !cedex.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(cedex);
            }
        }
        out
    }
}

/// Validates line 6 against the base, correcting the locality from the code or the code
/// from the locality when it can be done without ambiguity.
pub(crate) fn validate_locality(
    parsed: ParsedLocality,
    referential: &Referential,
    reasons: &mut ReasonSet,
) -> ValidatedLocality {
    let written: String = {
        let tokens: Vec<&str> = parsed.locality.split(' ').collect();
        match fold_arrondissement(&tokens) {
            Some((city, _)) => city.to_string(),
            None => parsed.locality.clone(),
        }
    };
    let out = validate_inner(parsed, referential, reasons);
    // `PARIS 16` is the label of 75016 and 75116: the same as `PARIS` written.
    let printed: &str = {
        let tokens: Vec<&str> = out.locality.split(' ').collect();
        match fold_arrondissement(&tokens) {
            Some((city, _)) => city,
            None => &out.locality,
        }
    };
    // The printed locality differs from what was written although it matched exactly: an
    // abbreviation written in full (`ST MALO` → `SAINT MALO`) or a missing article
    // (`ABYMES` → `LES ABYMES`). Either way the locality was rewritten: a correction.
    if !written.is_empty()
        && printed != written
        && !reasons.contains(R::LocalityCorrected)
        && !reasons.contains(R::LocalityUnknown)
        && !reasons.contains(R::LocalityPostalCodeMismatch)
        && out.code.is_some()
    {
        if expanded_words(&written) == expanded_words(printed) {
            reasons.insert(R::AbbreviationExpanded);
        }
        reasons.insert(R::LocalityCorrected);
    }
    out
}

fn expanded_words(s: &str) -> Vec<&str> {
    s.split(' ')
        .map(|w| match w {
            "ST" => "SAINT",
            "STE" => "SAINTE",
            other => other,
        })
        .collect()
}

fn validate_inner(parsed: ParsedLocality, referential: &Referential, reasons: &mut ReasonSet) -> ValidatedLocality {
    if let Some(r) = parsed.code_repair {
        reasons.insert(r);
    }
    let tokens: Vec<&str> = if parsed.locality.is_empty() { Vec::new() } else { parsed.locality.split(' ').collect() };
    let arrondissement = fold_arrondissement(&tokens);
    let locality_text = match arrondissement {
        Some((city, _)) => {
            reasons.insert(R::ArrondissementFolded);
            city.to_string()
        }
        None => parsed.locality.clone(),
    };
    let key = locality_key(&locality_text);
    let mut out = ValidatedLocality { code: parsed.code, locality: locality_text, cedex: parsed.cedex.clone() };
    let accept = |out: &mut ValidatedLocality, c: &Commune| {
        out.code = Some(c.postal_code);
        out.locality = display(c, &key).to_string();
    };
    match parsed.code {
        Some(code) if referential.contains_code(code) => {
            let candidates = referential.communes_for_code(code);
            if key.is_empty() {
                match single_label(candidates) {
                    Some(c) => {
                        accept(&mut out, c);
                        reasons.insert(R::LocalityCompleted);
                    }
                    None => {
                        reasons.insert(R::LocalityMissing);
                    }
                }
                return out;
            }
            if let Some(c) = candidates.iter().find(|c| *c.label_key == *key) {
                accept(&mut out, c);
                check_arrondissement(arrondissement, code, reasons);
                return out;
            }
            if let Some(c) = candidates.iter().find(|c| *c.name_key == *key) {
                accept(&mut out, c);
                check_arrondissement(arrondissement, code, reasons);
                return out;
            }
            // The arrondissement tells the code (`75000 PARIS 15`, `69005 LYON 3`).
            if let Some(c) = arrondissement_commune(arrondissement, referential) {
                accept(&mut out, c);
                reasons.insert(R::PostalCodeCorrected);
                return out;
            }
            // The locality exists elsewhere exactly: the code is wrong.
            let exact: Vec<&Commune> = referential.communes_for_key(&key).collect();
            if !exact.is_empty() {
                let dept = department_of(code);
                let same_dept = exact.iter().copied().filter(|c| department_of(c.postal_code) == dept);
                let pick = single_code(same_dept.clone())
                    .or_else(|| if same_dept.count() == 0 { single_code(exact.iter().copied()) } else { None });
                match pick {
                    Some(c) => {
                        accept(&mut out, c);
                        reasons.insert(R::PostalCodeCorrected);
                    }
                    None => {
                        // Maybe a misspelling of a commune of this code that happens to be
                        // the name of a commune elsewhere: prefer the code's communes.
                        if let Some(c) = best_fuzzy(&key, candidates.iter(), FUZZY_IN_CODE) {
                            accept(&mut out, c);
                            reasons.insert(R::LocalityCorrected);
                        } else {
                            reasons.insert(R::LocalityPostalCodeMismatch);
                        }
                    }
                }
                return out;
            }
            let threshold = if single_label(candidates).is_some() { FUZZY_SINGLE } else { FUZZY_IN_CODE };
            if let Some(c) = best_fuzzy(&key, candidates.iter(), threshold) {
                accept(&mut out, c);
                reasons.insert(R::LocalityCorrected);
                return out;
            }
            // A misspelt locality with a wrong code, in the same department.
            if let Some(c) = best_fuzzy(&key, referential.department_communes(department_of(code)), FUZZY_WIDE)
                && let Some(only) = single_code(referential.communes_for_key(&c.label_key))
            {
                accept(&mut out, only);
                reasons.insert(R::PostalCodeCorrected);
                reasons.insert(R::LocalityCorrected);
                return out;
            }
            reasons.insert(R::LocalityPostalCodeMismatch);
            out
        }
        Some(code) => {
            let dept = department_of(code);
            if out.cedex.is_some() {
                // CEDEX codes are not in the base of geographic codes: accept the code when the
                // locality is a real one of the same department.
                if key.is_empty() {
                    reasons.insert(R::LocalityMissing);
                    return out;
                }
                let exact = referential.communes_for_key(&key).find(|c| department_of(c.postal_code) == dept);
                let known_elsewhere = referential.communes_for_key(&key).next().is_some();
                let found = match exact {
                    Some(c) => Some(c),
                    None if known_elsewhere => None,
                    None => {
                        let f = best_fuzzy(&key, referential.department_communes(dept), FUZZY_WIDE);
                        if f.is_some() {
                            reasons.insert(R::LocalityCorrected);
                        }
                        f
                    }
                };
                match found {
                    Some(c) => {
                        out.locality = display(c, &key).trim_end_matches(" CEDEX").to_string();
                        reasons.insert(R::CedexCodeAccepted);
                    }
                    None => {
                        if known_elsewhere {
                            reasons.insert(R::LocalityPostalCodeMismatch);
                        } else {
                            reasons.insert(R::LocalityUnknown);
                        }
                    }
                }
                return out;
            }
            if key.is_empty() {
                reasons.insert(R::PostalCodeUnknown);
                reasons.insert(R::LocalityMissing);
                return out;
            }
            if let Some(c) = arrondissement_commune(arrondissement, referential) {
                accept(&mut out, c);
                reasons.insert(R::PostalCodeCorrected);
                return out;
            }
            let exact: Vec<&Commune> = referential.communes_for_key(&key).collect();
            if !exact.is_empty() {
                let same_dept: Vec<&Commune> =
                    exact.iter().copied().filter(|c| department_of(c.postal_code) == dept).collect();
                let pool = if same_dept.is_empty() { &exact } else { &same_dept };
                match single_code(pool.iter().copied()) {
                    Some(c) => {
                        accept(&mut out, c);
                        reasons.insert(R::PostalCodeCorrected);
                    }
                    None => {
                        reasons.insert(R::PostalCodeUnknown);
                        reasons.insert(R::PostalCodeAmbiguous);
                    }
                }
                return out;
            }
            if let Some(c) = best_fuzzy(&key, referential.department_communes(dept), FUZZY_WIDE) {
                match single_code(referential.communes_for_key(&c.label_key)) {
                    Some(only) => {
                        accept(&mut out, only);
                        reasons.insert(R::PostalCodeCorrected);
                        reasons.insert(R::LocalityCorrected);
                    }
                    None => {
                        out.locality = display(c, &key).to_string();
                        reasons.insert(R::LocalityCorrected);
                        reasons.insert(R::PostalCodeUnknown);
                        reasons.insert(R::PostalCodeAmbiguous);
                    }
                }
                return out;
            }
            reasons.insert(R::PostalCodeUnknown);
            out
        }
        None => {
            if key.is_empty() {
                reasons.insert(R::PostalCodeMissing);
                reasons.insert(R::LocalityMissing);
                return out;
            }
            if let Some(c) = arrondissement_commune(arrondissement, referential) {
                accept(&mut out, c);
                reasons.insert(R::PostalCodeCompleted);
                return out;
            }
            let exact: Vec<&Commune> = referential.communes_for_key(&key).collect();
            let (found, corrected, found_key) = if exact.is_empty() {
                match best_fuzzy(&key, referential.initial_communes(&key), FUZZY_WIDE) {
                    Some(c) => (referential.communes_for_key(&c.label_key).collect(), true, c.label_key.to_string()),
                    None => (Vec::new(), false, String::new()),
                }
            } else {
                (exact, false, key.clone())
            };
            if found.is_empty() {
                reasons.insert(R::PostalCodeMissing);
                reasons.insert(R::LocalityUnknown);
                return out;
            }
            if corrected {
                reasons.insert(R::LocalityCorrected);
                out.locality = display(found[0], &key).to_string();
            }
            // Several codes serve communes of that name, but the delivery label may be the
            // name written under one code only: `BOULOGNE BILLANCOURT` is 92100 (its 75016
            // part is delivered under the label `PARIS`).
            let labelled = || found.iter().copied().filter(|c| *c.label_key == *found_key);
            let pick = single_code(found.iter().copied())
                .or_else(|| if labelled().next().is_some() { single_code(labelled()) } else { None });
            match pick {
                Some(c) => {
                    accept(&mut out, c);
                    reasons.insert(R::PostalCodeCompleted);
                }
                None => {
                    reasons.insert(R::PostalCodeMissing);
                    reasons.insert(R::PostalCodeAmbiguous);
                }
            }
            out
        }
    }
}

/// The commune when all the communes of a code share one delivery label.
fn single_label(candidates: &[Commune]) -> Option<&Commune> {
    let first = candidates.first()?;
    candidates.iter().all(|c| c.label_key == first.label_key).then_some(first)
}

fn check_arrondissement(arrondissement: Option<(&str, u32)>, code: u32, reasons: &mut ReasonSet) {
    if let Some((city, n)) = arrondissement
        && !arrondissement_codes(city, n).contains(&Some(code))
    {
        reasons.insert(R::ArrondissementMismatch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<ParsedLocality> {
        let n = crate::normalize::normalize_line(s);
        let t: Vec<&str> = n.split(' ').collect();
        parse_locality_line(&t)
    }

    #[test]
    fn parses_code_locality_and_cedex() {
        let p = parse("75008 Paris Cedex 08").unwrap();
        assert_eq!(p.code, Some(75008));
        assert_eq!(p.locality, "PARIS");
        assert_eq!(p.cedex.as_deref(), Some("CEDEX 08"));
        let p = parse("F-1000 Bourg-en-Bresse").unwrap();
        assert_eq!(p.code, Some(1000));
        assert_eq!(p.code_repair, Some(R::PostalCodeLeadingZeroRestored));
        let p = parse("2A000 Ajaccio").unwrap();
        assert_eq!(p.code, Some(20000));
        let p = parse("Lyon 69003").unwrap();
        assert_eq!((p.code, p.locality.as_str()), (Some(69003), "LYON"));
        assert_eq!(parse("75 001 PARIS").unwrap().code, Some(75001));
        assert_eq!(parse("12 rue de la Paix"), None);
        assert_eq!(parse("1200 route de Lyon"), None);
    }

    #[test]
    fn folds_arrondissements() {
        assert_eq!(fold_arrondissement(&["PARIS", "15E", "ARRONDISSEMENT"]), Some(("PARIS", 15)));
        assert_eq!(fold_arrondissement(&["LYON", "1ER"]), Some(("LYON", 1)));
        assert_eq!(fold_arrondissement(&["MARSEILLE", "08"]), Some(("MARSEILLE", 8)));
        assert_eq!(fold_arrondissement(&["PARIS", "21"]), None);
        assert_eq!(fold_arrondissement(&["LYON", "LA", "FORET"]), None);
    }
}

//! Character normalisation to AFNOR NF Z10-011.
//!
//! The norm allows only upper-case letters without diacritics, digits and spaces on an
//! address line. Decisions taken here (documented because the norm leaves some to practice):
//!
//! - Letters are folded to ASCII with [`deunicode`] (`é` → `E`, `œ` → `OE`, `ß` → `SS`), then
//!   upper-cased.
//! - Every punctuation sign is removed. The apostrophe and the hyphen are replaced by a space,
//!   as La Poste prints them (`SAINT-DENIS` → `SAINT DENIS`, `L'ISLE` → `L ISLE`); so are the
//!   comma, the dot, the slash and any other sign, so that two words never glue together.
//! - `&` becomes the word `ET`; the degree sign of `N°` is dropped.
//! - Runs of spaces are collapsed and the line is trimmed.

/// Normalises one free line into `out` (cleared first): upper-case ASCII letters, digits
/// and single spaces, no leading or trailing space.
pub fn normalize_line_into(input: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    let push = |out: &mut String, c: char, pending_space: &mut bool| {
        if *pending_space && !out.is_empty() {
            out.push(' ');
        }
        *pending_space = false;
        out.push(c);
    };
    for c in input.chars() {
        if c.is_ascii_alphanumeric() {
            push(out, c.to_ascii_uppercase(), &mut pending_space);
        } else if c == '&' {
            pending_space = true;
            push(out, 'E', &mut pending_space);
            push(out, 'T', &mut pending_space);
            pending_space = true;
        } else if c.is_ascii() || c == '°' || c == 'º' || c.is_whitespace() {
            pending_space = true;
        } else {
            match deunicode::deunicode_char(c) {
                Some(folded) if folded.chars().all(|f| f.is_ascii_alphanumeric()) => {
                    for f in folded.chars() {
                        push(out, f.to_ascii_uppercase(), &mut pending_space);
                    }
                }
                _ => pending_space = true,
            }
        }
    }
}

/// Normalises one free line: see [`normalize_line_into`].
pub fn normalize_line(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    normalize_line_into(input, &mut out);
    out
}

/// Expansion of the abbreviations found in locality names, used only for matching keys
/// (`ST DENIS` and `SAINT DENIS` are the same locality).
fn expand_locality_word(word: &str) -> &str {
    match word {
        "ST" => "SAINT",
        "STE" => "SAINTE",
        "SS" => "SOUS",
        "DVT" => "DEVANT",
        "GD" => "GRAND",
        "GDE" => "GRANDE",
        "PT" => "PETIT",
        "PTE" => "PETITE",
        "ND" => "NOTREDAME",
        other => other,
    }
}

/// The matching key of an already normalised locality: leading article left out,
/// abbreviations expanded, spaces removed (`ST GERMAIN EN LAYE` → `SAINTGERMAINENLAYE`,
/// `LES ABYMES` → `ABYMES`). Written into `out`.
pub fn locality_key_into(normalised: &str, out: &mut String) {
    out.clear();
    let mut words = normalised.split(' ').peekable();
    // A leading article is left out: `ABYMES` and `LES ABYMES` are the same locality.
    if let Some(first) = words.peek()
        && matches!(*first, "LE" | "LA" | "LES" | "L")
    {
        let mut rest = words.clone();
        rest.next();
        if rest.peek().is_some() {
            words.next();
        }
    }
    for word in words {
        out.push_str(expand_locality_word(word));
    }
}

/// The matching key of an already normalised locality: see [`locality_key_into`].
pub fn locality_key(normalised: &str) -> String {
    let mut out = String::with_capacity(normalised.len());
    locality_key_into(normalised, &mut out);
    out
}

/// Whether a token is all ASCII digits (and not empty).
pub fn is_digits(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_upper_cases() {
        assert_eq!(normalize_line("Hôtel de Ville, Évry"), "HOTEL DE VILLE EVRY");
        assert_eq!(normalize_line("Cœur-de-Lœuf"), "COEUR DE LOEUF");
        assert_eq!(normalize_line("çà et là"), "CA ET LA");
    }

    #[test]
    fn apostrophe_and_hyphen_become_spaces() {
        assert_eq!(normalize_line("L'Haÿ-les-Roses"), "L HAY LES ROSES");
        assert_eq!(normalize_line("rue d’Alsace"), "RUE D ALSACE");
    }

    #[test]
    fn punctuation_is_removed_and_spaces_collapse() {
        assert_eq!(normalize_line("  12 ,  rue   de la Paix. "), "12 RUE DE LA PAIX");
        assert_eq!(normalize_line("N° 5 bd Foch"), "N 5 BD FOCH");
        assert_eq!(normalize_line("B.P. 123"), "B P 123");
        assert_eq!(normalize_line("Dupont & Fils"), "DUPONT ET FILS");
        assert_eq!(normalize_line("\t"), "");
    }

    #[test]
    fn locality_keys_ignore_abbreviations_and_spaces() {
        assert_eq!(locality_key("ST DENIS"), locality_key("SAINT DENIS"));
        assert_eq!(locality_key("LA ROCHELLE"), "ROCHELLE");
        assert_eq!(locality_key("LES ABYMES"), locality_key("ABYMES"));
        assert_eq!(locality_key("LA"), "LA");
    }
}

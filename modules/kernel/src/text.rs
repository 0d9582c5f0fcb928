//! Text as a French user compares it: one folding function, computed in Rust and stored by
//! every writer (the contacts' `<column>_folded` columns), so that a comparison gives the same
//! answer on SQLite and PostgreSQL whatever their `lower()` and collations do.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `value` taken literally inside a `LIKE` pattern: `\`, `%` and `_` escaped with `\` (use
/// with `LikeExpr::new(pattern).escape('\\')`).
pub fn escape_like(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The folded form of a text: Unicode canonical decomposition (NFD) with the diacritics
/// removed, lower case, `œ` → `oe`, `æ` → `ae`, `ß` → `ss` (and `ø`, `ł`, `đ` to their base
/// letter), hyphens, apostrophes (`'`, `’`), underscores and runs of whitespace made one
/// space, trimmed.
///
/// `Saint-Étienne`, `SAINT ETIENNE` and `saint  etienne` all fold to `saint etienne`; folded
/// text sorts in French order byte by byte (`é` beside `e`, not after `z`).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A separator is written only before the next letter: runs become one space, and none is
    // left at either end.
    let mut pending_space = false;
    let push = |out: &mut String, pending: &mut bool, c: char| {
        if *pending && !out.is_empty() {
            out.push(' ');
        }
        *pending = false;
        out.push(c);
    };
    for decomposed in s.nfd() {
        if is_combining_mark(decomposed) {
            continue;
        }
        for c in decomposed.to_lowercase() {
            if is_combining_mark(c) {
                continue;
            }
            match c {
                c if c.is_whitespace() || is_separator(c) => pending_space = true,
                'œ' => {
                    push(&mut out, &mut pending_space, 'o');
                    out.push('e');
                }
                'æ' => {
                    push(&mut out, &mut pending_space, 'a');
                    out.push('e');
                }
                'ß' => {
                    push(&mut out, &mut pending_space, 's');
                    out.push('s');
                }
                'ø' => push(&mut out, &mut pending_space, 'o'),
                'ł' => push(&mut out, &mut pending_space, 'l'),
                'đ' => push(&mut out, &mut pending_space, 'd'),
                c => push(&mut out, &mut pending_space, c),
            }
        }
    }
    out
}

/// Hyphens, dashes, apostrophes and underscores: word separators, folded to a space.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\''
            | '\u{2019}'
            | '\u{2018}'
            | '\u{02BC}'
            | '_'
    )
}

/// [`fold`] of an optional text (a column that may be empty).
pub fn fold_opt(s: Option<&str>) -> Option<String> {
    s.map(fold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_hyphens_and_spaces_fold_away() {
        for city in ["Saint-Etienne", "SAINT ETIENNE", "Saint-Étienne", "  saint   étienne ", "SAINT_ÉTIENNE"] {
            assert_eq!(fold(city), "saint etienne", "{city:?}");
        }
        assert_eq!(fold("LEFÈVRE"), "lefevre");
        assert_eq!(fold("Lefèvre"), "lefevre");
        assert_eq!(fold("L'Haÿ-les-Roses"), "l hay les roses");
        assert_eq!(fold("L’Île-Bouchard"), "l ile bouchard");
        assert_eq!(fold("Çà et là"), "ca et la");
    }

    #[test]
    fn ligatures_and_sharp_s_expand() {
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("cœur"), "coeur");
        assert_eq!(fold("Lætitia"), "laetitia");
        assert_eq!(fold("Æsop"), "aesop");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Søren Łukasz"), "soren lukasz");
    }

    #[test]
    fn precomposed_and_decomposed_forms_fold_alike() {
        assert_eq!(fold("e\u{301}cole"), fold("école"));
        assert_eq!(fold("école"), "ecole");
    }

    #[test]
    fn separators_never_lead_trail_or_repeat() {
        assert_eq!(fold(" - Jean -- Pierre - "), "jean pierre");
        assert_eq!(fold("\t\n"), "");
        assert_eq!(fold("a\u{a0}b"), "a b");
        assert_eq!(fold("Ab_cd'ef’gh"), "ab cd ef gh");
    }

    #[test]
    fn folded_text_sorts_in_french_order() {
        let mut names = vec!["Zoé", "Émile", "eric", "Étienne", "Edgar"];
        names.sort_by_key(|n| fold(n));
        assert_eq!(names, vec!["Edgar", "Émile", "eric", "Étienne", "Zoé"]);
    }

    #[test]
    fn other_scripts_are_lower_cased_and_kept() {
        assert_eq!(fold("ΑΘΗΝΑ"), "αθηνα");
        assert_eq!(fold("東京"), "東京");
        assert_eq!(fold("Dupont 12"), "dupont 12");
    }
}

//! Scoring a pair of fingerprints: same person at the same address, or not.

use super::key::{Fingerprint, FingerprintStore};

/// Similarity thresholds (Jaro-Winkler) below which a pair does not match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchThresholds {
    /// First names (see [`name_similarity`]).
    pub first_name: f64,
    /// Last names (see [`name_similarity`]).
    pub last_name: f64,
    /// Street words (type, number and repetition index must be equal).
    pub street: f64,
    /// Locality.
    pub city: f64,
}

impl Default for MatchThresholds {
    fn default() -> Self {
        MatchThresholds { first_name: 0.86, last_name: 0.88, street: 0.85, city: 0.85 }
    }
}

/// Similarity of two normalised words in [0, 1]: Jaro-Winkler, raised to 0.9 for a single
/// edit (Damerau) in words of five letters or more.
pub fn word_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let jw = strsim::jaro_winkler(a, b);
    if jw < 0.9 && a.len().min(b.len()) >= 5 && a.len().abs_diff(b.len()) <= 1 && strsim::osa_distance(a, b) <= 1 {
        return 0.9;
    }
    jw
}

/// Families of French first names whose masculine and feminine forms differ by a few
/// letters: two people of a household, not a typo.
const GENDERED_FAMILIES: &[&[&str]] = &[
    &["JEAN", "JEANNE", "JEANINE", "JEANNINE", "JEANNETTE"],
    &["LOUIS", "LOUISE", "LOUISETTE"],
    &["MICHEL", "MICHELE", "MICHELLE", "MICHELINE"],
    &["DANIEL", "DANIELE", "DANIELLE"],
    &["PASCAL", "PASCALE"],
    &["FRANCOIS", "FRANCOISE"],
    &["CHRISTIAN", "CHRISTIANE"],
    &["SIMON", "SIMONE"],
    &["ANDRE", "ANDREE"],
    &["RENE", "RENEE"],
    &["MARTIN", "MARTINE"],
    &["PAUL", "PAULE", "PAULINE", "PAULETTE"],
    &["YVES", "YVETTE", "YVONNE"],
    &["EMILE", "EMILIE", "EMILIEN", "EMILIENNE"],
    &["GABRIEL", "GABRIELLE"],
    &["JULIEN", "JULIENNE", "JULIE", "JULES", "JULIETTE"],
    &["LUCIEN", "LUCIENNE", "LUC", "LUCIE", "LUCILE"],
    &["DENIS", "DENISE"],
    &["JOSEPH", "JOSEPHINE", "JOSETTE"],
    &["HENRI", "HENRIETTE"],
    &["GEORGES", "GEORGETTE"],
    &["ROBERT", "ROBERTE"],
    &["ALEXANDRE", "ALEXANDRA"],
    &["NOEL", "NOELLE", "NOELIE"],
    &["FREDERIC", "FREDERIQUE"],
    &["ERIC", "ERICA"],
    &["PATRICK", "PATRICIA"],
    &["JACQUES", "JACQUELINE"],
    &["ANTOINE", "ANTOINETTE"],
    &["BERNARD", "BERNADETTE"],
    &["MARCEL", "MARCELLE", "MARCELINE"],
    &["ALBERT", "ALBERTINE"],
    &["LEON", "LEONIE"],
    &["OLIVIER", "OLIVIA"],
    &["GILBERT", "GILBERTE"],
    &["RAYMOND", "RAYMONDE"],
    &["FERNAND", "FERNANDE"],
    &["ARMAND", "ARMANDE"],
    &["MARIE", "MARIO", "MARIUS"],
    &["ADRIEN", "ADRIENNE"],
    &["FABIEN", "FABIENNE"],
    &["VIVIEN", "VIVIENNE"],
    &["ETIENNE", "ESTELLE"],
    &["CLEMENT", "CLEMENTINE", "CLEMENCE"],
    &["MAXIME", "MAXIMILIEN"],
    &["VALENTIN", "VALENTINE"],
    &["YANN", "YANNICK"],
];

/// Whether two first names are different forms of one family (`JEAN` and `JEANNE`,
/// `LOUIS` and `LOUISE`, `MICHEL` and `MICHELLE`): two people, not a typo. A list rather
/// than a suffix rule, so that a truncated typo (`JEANN` for `JEANNE`) is not taken for
/// another person.
pub fn gendered_pair(a: &str, b: &str) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 6 {
        return false;
    }
    GENDERED_FAMILIES.iter().any(|family| family.contains(&a) && family.contains(&b))
}

/// Similarity of two names: equal, or within a typo or two (optimal string alignment
/// distance, so a transposition is one edit), or very close by Jaro-Winkler. Jaro-Winkler
/// alone is too lenient for short first names (`MARIE` and `MARCEL`, `JULIEN` and `JULES`
/// would pass), and those are exactly the people who share an address.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shortest = a.len().min(b.len());
    let distance = strsim::osa_distance(a, b);
    if distance == 1 && shortest >= 3 {
        return 0.92;
    }
    if distance == 2 && shortest >= 8 {
        return 0.88;
    }
    let jw = strsim::jaro_winkler(a, b);
    if jw >= 0.95 { jw } else { jw.min(0.5) }
}

fn names(first_a: &str, last_a: &str, first_b: &str, last_b: &str, t: &MatchThresholds) -> Option<f64> {
    if gendered_pair(last_a, last_b) || gendered_pair(first_a, first_b) {
        return None;
    }
    let last = name_similarity(last_a, last_b);
    if last < t.last_name {
        return None;
    }
    let first = if first_a.is_empty() && first_b.is_empty() { 1.0 } else { name_similarity(first_a, first_b) };
    if first < t.first_name {
        return None;
    }
    Some(0.4 * first + 0.6 * last)
}

/// The score in [0, 1] of a matching pair, or `None` when the pair is not the same person at
/// the same address.
pub fn score_pair(store: &FingerprintStore, a: &Fingerprint, b: &Fingerprint, t: &MatchThresholds) -> Option<f64> {
    if a.postal_code != b.postal_code || a.number != b.number || a.repetition != b.repetition {
        return None;
    }
    if a.street_type != 255 && b.street_type != 255 && a.street_type != b.street_type {
        return None;
    }
    let street = word_similarity(store.text(a.street), store.text(b.street));
    if street < t.street {
        return None;
    }
    let city = word_similarity(store.text(a.city), store.text(b.city));
    if city < t.city {
        return None;
    }
    let (fa, la, fb, lb) = (store.text(a.first), store.text(a.last), store.text(b.first), store.text(b.last));
    let name = match (names(fa, la, fb, lb, t), names(fa, la, lb, fb, t)) {
        (Some(x), Some(y)) => x.max(y),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => return None,
    };
    Some((0.6 * name + 0.25 * street + 0.15 * city).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gendered_pairs() {
        for (a, b) in [
            ("JEAN", "JEANNE"),
            ("LOUIS", "LOUISE"),
            ("MICHEL", "MICHELLE"),
            ("PASCAL", "PASCALE"),
            ("DANIEL", "DANIELLE"),
            ("YVES", "YVETTE"),
            ("FRANCOIS", "FRANCOISE"),
            ("CHRISTIAN", "CHRISTIANE"),
        ] {
            assert!(gendered_pair(a, b), "{a} {b}");
        }
        for (a, b) in [("JEAN", "JAEN"), ("MARIE", "MARIE"), ("JEANNE", "JEANN"), ("MARIE", "MARE")] {
            assert!(!gendered_pair(a, b), "{a} {b}");
        }
    }

    #[test]
    fn names_tolerate_a_typo_but_not_another_name() {
        assert!(name_similarity("ERIC", "EFIC") >= 0.9);
        assert!(name_similarity("JEAN", "JAEN") >= 0.9);
        assert!(name_similarity("CHRISTOPHE", "CHRISTOHPE") >= 0.9);
        assert!(name_similarity("MARIE", "MARCEL") < 0.8);
        assert!(name_similarity("JULIEN", "JULES") < 0.8);
    }

    #[test]
    fn single_edits_in_long_words_are_close() {
        assert!(word_similarity("DUPONT", "DUPOND") >= 0.9);
        assert!(word_similarity("MARTIN", "MRATIN") >= 0.9);
        assert!(word_similarity("MARTIN", "BERNARD") < 0.7);
    }
}

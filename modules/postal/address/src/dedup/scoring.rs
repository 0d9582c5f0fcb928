//! Scoring a pair of fingerprints: same person at the same address, or not.

use super::first_names::{Lexicon, Verdict, compare_as_last_names, compare_first_names};
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

pub use super::first_names::gendered_pair;

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

/// One slot of names compared: as first names (strictly: two established first names are
/// two people) or as surnames (two different surnames left to string similarity).
fn slot(a: &str, b: &str, as_first_names: bool) -> Option<f64> {
    let verdict = if as_first_names { compare_first_names(a, b) } else { compare_as_last_names(a, b) };
    match verdict {
        Verdict::Different => None,
        Verdict::Same(s) => Some(s),
        Verdict::Undecided => Some(name_similarity(a, b)),
    }
}

fn names(first_a: &str, last_a: &str, first_b: &str, last_b: &str, t: &MatchThresholds) -> Option<f64> {
    // Which slot holds the first names? The first, unless the other looks more like first
    // names (records whose names are both swapped, compared straight): the lexicon tells.
    let lexicon = Lexicon::global();
    let first_likeness = |x: &str| lexicon.get(x).map_or(0, |k| k.magnitude);
    let swapped =
        first_likeness(last_a).max(first_likeness(last_b)) > first_likeness(first_a).max(first_likeness(first_b));
    let last = slot(last_a, last_b, swapped)?;
    if last < t.last_name {
        return None;
    }
    let first = if first_a.is_empty() && first_b.is_empty() { 1.0 } else { slot(first_a, first_b, !swapped)? };
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
    let (street_a, street_b) = (store.text(a.street), store.text(b.street));
    if street_a.is_empty() && street_b.is_empty() && a.number == 0 {
        // No address on either side: not "the same person at the same address".
        return None;
    }
    let street = word_similarity(street_a, street_b);
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
            ("MARIN", "MARINE"),
            ("LEO", "LEA"),
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

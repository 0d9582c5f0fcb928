//! Compact fingerprints of contacts, stored in one arena.

use super::ContactRecord;
use super::first_names::{Gender, Lexicon};
use crate::abbreviations::{STREET_TYPES, expand_word, is_repetition_index, street_type_at};
use crate::locality::fold_arrondissement;
use crate::normalize::{is_digits, locality_key_into, normalize_line_into};
use crate::restructure::{LineKind, classify_tokens};

/// A slice of the arena.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    len: u32,
}

/// What the deduplicator keeps of a record (about 48 bytes plus the text in the arena).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// The caller's identifier.
    pub id: u64,
    /// Postal code as a number, 0 if none.
    pub postal_code: u32,
    /// House number, 0 if none.
    pub number: u32,
    /// Repetition index: 0 none, 1 BIS, 2 TER, 3 QUATER, 4 QUINQUIES, 10+ a letter.
    pub repetition: u8,
    /// Index of the street type in [`STREET_TYPES`], 255 if none.
    pub street_type: u8,
    /// The sex the first-name lexicon gives the record's first name (0 unknown or epicene,
    /// 1 masculine, 2 feminine); see [`record_gender`].
    pub gender: u8,
    pub(crate) first: Span,
    pub(crate) last: Span,
    pub(crate) street: Span,
    pub(crate) main_word: Span,
    pub(crate) city: Span,
}

/// Fingerprints and their text.
#[derive(Debug, Default)]
pub struct FingerprintStore {
    arena: String,
    prints: Vec<Fingerprint>,
    scratch: String,
    scratch2: String,
}

/// Words left out of street keys.
fn is_stop_word(w: &str) -> bool {
    matches!(w, "DE" | "DU" | "DES" | "LA" | "LE" | "LES" | "L" | "D" | "ET" | "A" | "AU" | "AUX" | "EN")
}

/// The sex of a record's first name per the lexicon: 1 masculine, 2 feminine, 0 when
/// unknown, epicene, or when the last name is as much a first name (`MARTIN SOPHIE` may be
/// swapped: nothing is said).
pub fn record_gender(first: &str, last: &str) -> u8 {
    let lexicon = Lexicon::global();
    let (Some(known), other) = (lexicon.get(first), lexicon.get(last)) else { return 0 };
    if other.is_some_and(|o| o.magnitude >= known.magnitude) {
        return 0;
    }
    match known.gender {
        Gender::Masculine => 1,
        Gender::Feminine => 2,
        Gender::Epicene => 0,
    }
}

fn repetition_code(t: &str) -> u8 {
    match t {
        "BIS" | "B" => 1,
        "TER" | "T" => 2,
        "QUATER" | "Q" => 3,
        "QUINQUIES" => 4,
        other => 10 + other.as_bytes().first().map_or(0, |b| b.saturating_sub(b'A')),
    }
}

impl FingerprintStore {
    pub(crate) fn reserve(&mut self, n: usize) {
        self.prints.reserve(n);
        self.arena.reserve(n.saturating_mul(40));
    }

    /// Number of fingerprints.
    pub fn len(&self) -> usize {
        self.prints.len()
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.prints.is_empty()
    }

    /// The fingerprint at an index.
    pub fn get(&self, i: u32) -> &Fingerprint {
        &self.prints[i as usize]
    }

    /// All fingerprints.
    pub fn all(&self) -> &[Fingerprint] {
        &self.prints
    }

    /// The text of a span.
    pub fn text(&self, span: Span) -> &str {
        &self.arena[span.start as usize..(span.start + span.len) as usize]
    }

    fn put(&mut self, s: &str) -> Span {
        let start = self.arena.len() as u32;
        self.arena.push_str(s);
        Span { start, len: s.len() as u32 }
    }

    /// Computes and stores the fingerprint of a record.
    pub fn push(&mut self, r: &ContactRecord<'_>) {
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut scratch2 = std::mem::take(&mut self.scratch2);
        let mut fp = Fingerprint { id: r.id, street_type: 255, ..Fingerprint::default() };

        normalize_line_into(r.first_name, &mut scratch);
        fp.first = self.put(&scratch);
        normalize_line_into(r.last_name, &mut scratch);
        fp.last = self.put(&scratch);
        fp.gender = record_gender(self.text(fp.first), self.text(fp.last));

        // Postal code: digits only, a lost leading zero restored.
        let digits: String = r.postal_code.chars().filter(char::is_ascii_digit).collect();
        fp.postal_code = match digits.len() {
            4 | 5 => digits.parse().unwrap_or(0),
            _ => 0,
        };

        // Locality key, arrondissements folded.
        normalize_line_into(r.city, &mut scratch);
        {
            let tokens: Vec<&str> = scratch.split(' ').collect();
            let folded = match fold_arrondissement(&tokens) {
                Some((city, _)) => city,
                None => scratch.as_str(),
            };
            locality_key_into(folded, &mut scratch2);
        }
        fp.city = self.put(&scratch2);

        // The street line: the first line that looks like one, else the first non-empty line.
        let mut chosen: Option<String> = None;
        let mut fallback: Option<String> = None;
        for line in r.address_lines {
            normalize_line_into(line, &mut scratch);
            if scratch.is_empty() {
                continue;
            }
            let tokens: Vec<&str> = scratch.split(' ').collect();
            match classify_tokens(&tokens) {
                LineKind::Street => {
                    chosen = Some(scratch.clone());
                    break;
                }
                LineKind::Unknown | LineKind::Distribution if fallback.is_none() => {
                    fallback = Some(scratch.clone());
                }
                _ => {}
            }
        }
        let street_line = chosen.or(fallback).unwrap_or_default();
        self.street_key(&street_line, &mut fp, &mut scratch2);

        self.prints.push(fp);
        self.scratch = scratch;
        self.scratch2 = scratch2;
    }

    /// Parses number, repetition, type and the significant words of a street line.
    fn street_key(&mut self, line: &str, fp: &mut Fingerprint, key: &mut String) {
        key.clear();
        let mut tokens: Vec<&str> = line.split(' ').filter(|t| !t.is_empty()).collect();
        if tokens.len() > 1
            && matches!(tokens[0], "N" | "NO" | "NUMERO")
            && tokens[1].bytes().next().is_some_and(|b| b.is_ascii_digit())
        {
            tokens.remove(0);
        }
        let mut i = 0;
        if let Some(first) = tokens.first() {
            let d = first.bytes().take_while(u8::is_ascii_digit).count();
            if d > 0 && d <= 5 {
                fp.number = first[..d].parse().unwrap_or(0);
                i = 1;
                let suffix = &first[d..];
                if !suffix.is_empty() && is_repetition_index(suffix) {
                    fp.repetition = repetition_code(suffix);
                } else if let Some(next) = tokens.get(1)
                    && is_repetition_index(next)
                    && (street_type_at(&tokens[2..]).is_some() || street_type_at(&tokens[1..]).is_none())
                {
                    fp.repetition = repetition_code(next);
                    i = 2;
                }
            }
        }
        if let Some((n, st)) = street_type_at(&tokens[i..])
            && i + n < tokens.len()
        {
            fp.street_type = STREET_TYPES.iter().position(|s| s.full == st.full).map_or(255, |p| p as u8);
            i += n;
        } else if let Some(word) = tokens.get(i)
            && i + 1 < tokens.len()
            && word.len() >= 4
        {
            // A misspelt street type (`AVENEU`, `BOULEVAR`): one edit from a full form.
            if let Some(p) =
                STREET_TYPES.iter().position(|s| !s.full.contains(' ') && strsim::osa_distance(s.full, word) == 1)
            {
                fp.street_type = p as u8;
                i += 1;
            }
        }
        let mut main_start = 0;
        for t in &tokens[i..] {
            if is_stop_word(t) {
                continue;
            }
            main_start = key.len();
            match expand_word(t) {
                Some(full) if !is_digits(t) => key.push_str(full),
                _ => key.push_str(t),
            }
        }
        fp.street = self.put(key);
        fp.main_word = Span { start: fp.street.start + main_start as u32, len: (key.len() - main_start) as u32 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn street_keys_ignore_abbreviations_and_stop_words() {
        let mut s = FingerprintStore::default();
        for (i, line) in ["12 bis av. du Gal de Gaulle", "12B AVENUE GENERAL DE GAULLE"].iter().enumerate() {
            s.push(&ContactRecord {
                id: i as u64,
                address_lines: &[line],
                postal_code: "1000",
                ..ContactRecord::default()
            });
        }
        let (a, b) = (*s.get(0), *s.get(1));
        assert_eq!(s.text(a.street), "GENERALGAULLE");
        assert_eq!(s.text(a.street), s.text(b.street));
        assert_eq!(s.text(a.main_word), "GAULLE");
        assert_eq!((a.number, a.repetition, a.postal_code), (12, 1, 1000));
        assert_eq!((a.repetition, a.street_type), (b.repetition, b.street_type));
    }
}

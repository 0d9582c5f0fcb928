//! The standard abbreviations of NF Z10-011 and how they are applied.
//!
//! The norm wants words written in full, and abbreviated only when a line would exceed 38
//! characters. The abbreviations are those of the lists published with the norm (street
//! types, as in La Poste's and the FANTOIR type lists; titles, ranks and common words).
//!
//! Order of abbreviation, as the norm and La Poste's addressing guide describe it:
//! 1. the keyword that opens the line (the street type after the number on line 4, or the
//!    `BATIMENT` / `RESIDENCE` / `APPARTEMENT`... keyword of lines 2, 3 and 5);
//! 2. then the other words, one at a time, starting from the end of the line and moving
//!    left, stopping as soon as the line fits;
//! 3. the last word of the line (the "mot directeur", e.g. `GAULLE` in
//!    `RUE DU GENERAL DE GAULLE`) is never abbreviated.

use crate::normalize::is_digits;

/// A street type: its full form (one or more words), its standard abbreviation, and other
/// spellings seen in customer files that mean the same type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreetType {
    /// The full form, e.g. `BOULEVARD` or `ROND POINT`.
    pub full: &'static str,
    /// The standard abbreviation, e.g. `BD`.
    pub abbreviation: &'static str,
    /// Other abbreviations found in the wild, e.g. `BLD`, `BVD`.
    pub variants: &'static [&'static str],
}

macro_rules! street_types {
    ($( $full:literal => $abbr:literal $([$($v:literal),*])? ),* $(,)?) => {
        /// The street types of the norm with their standard abbreviations.
        pub const STREET_TYPES: &[StreetType] = &[
            $( StreetType { full: $full, abbreviation: $abbr, variants: &[$($($v),*)?] } ),*
        ];
    };
}

street_types! {
    "ALLEE" => "ALL" ["AL", "ALLEES"],
    "AVENUE" => "AV" ["AVE", "AVN"],
    "BOULEVARD" => "BD" ["BLD", "BVD", "BLVD", "BOUL"],
    "CARREFOUR" => "CAR" ["CARR"],
    "CHAUSSEE" => "CHS" ["CHAUS"],
    "CHEMIN" => "CHE" ["CH", "CHEM", "CHMN"],
    "CITE" => "CITE",
    "CORNICHE" => "COR",
    "COURS" => "CRS",
    "DOMAINE" => "DOM",
    "DESCENTE" => "DSC",
    "ECART" => "ECA",
    "ESPLANADE" => "ESP" ["ESPL"],
    "FAUBOURG" => "FG" ["FBG", "FAUB"],
    "GRANDE RUE" => "GR",
    "HAMEAU" => "HAM",
    "HALLE" => "HLE",
    "IMPASSE" => "IMP",
    "LIEU DIT" => "LD" ["LIEUDIT"],
    "LOTISSEMENT" => "LOT" ["LOTISS"],
    "MARCHE" => "MAR",
    "MONTEE" => "MTE",
    "PARC" => "PARC",
    "PASSAGE" => "PAS" ["PASS", "PSG"],
    "PLACE" => "PL",
    "PLAINE" => "PLN",
    "PLATEAU" => "PLT",
    "PARVIS" => "PRV",
    "PROMENADE" => "PROM" ["PRO"],
    "QUAI" => "QUAI" ["QU"],
    "QUARTIER" => "QUA" ["QRT", "QUART"],
    "RESIDENCE" => "RES" ["RESID"],
    "RUELLE" => "RLE",
    "ROCADE" => "ROC",
    "ROND POINT" => "RPT" ["RDPT", "RONDPOINT"],
    "ROUTE" => "RTE" ["RT"],
    "RUE" => "RUE" ["R"],
    "SENTIER" => "SEN" ["SENT"],
    "SQUARE" => "SQ",
    "TERRE PLEIN" => "TPL",
    "TRAVERSE" => "TRA" ["TRAV"],
    "VILLA" => "VLA",
    "VILLAGE" => "VLGE" ["VGE"],
    "VOIE" => "VOIE",
    "ZONE ARTISANALE" => "ZA",
    "ZONE D AMENAGEMENT CONCERTE" => "ZAC",
    "ZONE INDUSTRIELLE" => "ZI",
}

/// Titles, ranks and common words with their standard abbreviations, applied from the end
/// of a line that is too long.
pub const COMMON_WORDS: &[(&str, &str)] = &[
    ("ADJUDANT", "ADJ"),
    ("AERODROME", "AERD"),
    ("AEROPORT", "AERP"),
    ("AGRICOLE", "AGRIC"),
    ("ANCIEN", "ANC"),
    ("ANCIENNE", "ANC"),
    ("APPARTEMENT", "APP"),
    ("ARRONDISSEMENT", "ARR"),
    ("BASSE", "BSE"),
    ("BATIMENT", "BAT"),
    ("CAPITAINE", "CAP"),
    ("CENTRAL", "CTRL"),
    ("CENTRALE", "CTRE"),
    ("CENTRE", "CTRE"),
    ("CHATEAU", "CHT"),
    ("COLONEL", "COL"),
    ("COMMANDANT", "CDT"),
    ("DOCTEUR", "DR"),
    ("ENTREE", "ENT"),
    ("ESCALIER", "ESC"),
    ("ETAGE", "ETG"),
    ("FRERES", "FRS"),
    ("GENERAL", "GAL"),
    ("GRAND", "GD"),
    ("GRANDE", "GDE"),
    ("GRANDES", "GDES"),
    ("GRANDS", "GDS"),
    ("HAUT", "HT"),
    ("HAUTE", "HTE"),
    ("IMMEUBLE", "IMM"),
    ("INDUSTRIELLE", "IND"),
    ("INFERIEUR", "INF"),
    ("INFERIEURE", "INF"),
    ("INGENIEUR", "ING"),
    ("LIEUTENANT", "LT"),
    ("MADAME", "MME"),
    ("MADEMOISELLE", "MLLE"),
    ("MAISON", "MAIS"),
    ("MARECHAL", "MAL"),
    ("MESDAMES", "MMES"),
    ("MESSIEURS", "MM"),
    ("MONSEIGNEUR", "MGR"),
    ("MONSIEUR", "M"),
    ("MOULIN", "MLN"),
    ("NATIONAL", "NAL"),
    ("NATIONALE", "NALE"),
    ("PETIT", "PT"),
    ("PETITE", "PTE"),
    ("PETITES", "PTES"),
    ("PETITS", "PTS"),
    ("PRESIDENT", "PDT"),
    ("PROFESSEUR", "PR"),
    ("PROLONGE", "PROL"),
    ("PROLONGEE", "PROL"),
    ("RESIDENCE", "RES"),
    ("SAINT", "ST"),
    ("SAINTE", "STE"),
    ("SAINTES", "STES"),
    ("SAINTS", "STS"),
    ("SERGENT", "SGT"),
    ("SOUS", "SS"),
    ("SUPERIEUR", "SUP"),
    ("SUPERIEURE", "SUP"),
    ("UNIVERSITAIRE", "UNIV"),
    ("UNIVERSITE", "UNIV"),
    ("VIEILLE", "VIEL"),
    ("VIEUX", "VX"),
];

/// Two-word phrases with a standard abbreviation (`NOTRE DAME` → `ND`).
const COMMON_PHRASES: &[(&str, &str, &str)] = &[("NOTRE", "DAME", "ND"), ("BOITE", "POSTALE", "BP")];

/// Abbreviations of titles that customers write in street names and that the norm wants in
/// full when the line fits (`RUE ST JACQUES` → `RUE SAINT JACQUES`). Only unambiguous ones.
const EXPANDABLE_WORDS: &[(&str, &str)] = &[
    ("ST", "SAINT"),
    ("STE", "SAINTE"),
    ("DR", "DOCTEUR"),
    ("GAL", "GENERAL"),
    ("GEN", "GENERAL"),
    ("MAL", "MARECHAL"),
    ("FG", "FAUBOURG"),
    ("FBG", "FAUBOURG"),
    ("PDT", "PRESIDENT"),
    ("CDT", "COMMANDANT"),
];

/// The street type that opens `tokens` (full form, standard abbreviation or variant), with
/// the number of tokens it spans.
pub fn street_type_at(tokens: &[&str]) -> Option<(usize, &'static StreetType)> {
    let first = *tokens.first()?;
    // Full forms first, longest first, so that `GRANDE RUE` wins over nothing and
    // `ZONE INDUSTRIELLE` is read as one type.
    let mut best: Option<(usize, &'static StreetType)> = None;
    for st in STREET_TYPES {
        let n = st.full.split(' ').count();
        if n <= tokens.len()
            && st.full.split(' ').zip(tokens.iter()).all(|(a, b)| a == *b)
            && best.is_none_or(|(m, _)| n > m)
        {
            best = Some((n, st));
        }
    }
    if best.is_some() {
        return best;
    }
    STREET_TYPES.iter().find(|st| st.abbreviation == first || st.variants.contains(&first)).map(|st| (1, st))
}

/// The full form of a title abbreviation customers write (`ST` → `SAINT`), if any.
pub fn expand_word(word: &str) -> Option<&'static str> {
    EXPANDABLE_WORDS.iter().find(|(abbr, _)| *abbr == word).map(|(_, full)| *full)
}

fn common_abbreviation(word: &str) -> Option<&'static str> {
    COMMON_WORDS.binary_search_by(|(full, _)| (*full).cmp(word)).ok().map(|i| COMMON_WORDS[i].1)
}

fn line_len(tokens: &[&str]) -> usize {
    if tokens.is_empty() { 0 } else { tokens.iter().map(|t| t.len()).sum::<usize>() + tokens.len() - 1 }
}

/// Whether a token is a repetition index (`BIS`, `TER`, `QUATER`, `QUINQUIES` or one letter).
pub fn is_repetition_index(token: &str) -> bool {
    matches!(token, "BIS" | "TER" | "QUATER" | "QUINQUIES")
        || (token.len() == 1 && token.as_bytes()[0].is_ascii_uppercase())
}

/// Abbreviates a normalised line that is longer than `max` characters, following the norm's
/// order (see the module documentation). Returns `None` when the line already fits;
/// otherwise the abbreviated line, which may still be too long when no abbreviation is left.
pub fn abbreviate_to_fit(line: &str, max: usize) -> Option<String> {
    if line.len() <= max {
        return None;
    }
    let mut tokens: Vec<&str> = line.split(' ').collect();
    // 1. The opening keyword, after a house number and its repetition index.
    let mut start = 0;
    if tokens.first().is_some_and(|t| is_digits(t)) {
        start = 1;
        if tokens.get(1).is_some_and(|t| is_repetition_index(t)) && tokens.len() > 3 {
            start = 2;
        }
    }
    if let Some((n, st)) = street_type_at(&tokens[start..]) {
        // Never abbreviate the last word of the line.
        if start + n < tokens.len() {
            tokens.splice(start..start + n, [st.abbreviation]);
        }
    } else if let Some(abbr) = tokens.get(start).and_then(|t| common_abbreviation(t))
        && start + 1 < tokens.len()
    {
        tokens[start] = abbr;
    }
    // 2. The other words, from the end of the line, never the last one.
    let mut i = tokens.len().saturating_sub(1);
    while line_len(&tokens) > max && i > 0 {
        i -= 1;
        if i >= 1
            && let Some((_, _, abbr)) = COMMON_PHRASES.iter().find(|(a, b, _)| tokens[i - 1] == *a && tokens[i] == *b)
        {
            tokens.splice(i - 1..=i, [*abbr]);
            i -= 1;
        } else if let Some(abbr) = common_abbreviation(tokens[i]) {
            tokens[i] = abbr;
        } else if let Some(st) = STREET_TYPES.iter().find(|st| st.full == tokens[i]) {
            tokens[i] = st.abbreviation;
        }
    }
    Some(tokens.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_sorted_for_binary_search() {
        assert!(COMMON_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn street_types_are_found_in_full_and_abbreviated() {
        assert_eq!(street_type_at(&["BD", "FOCH"]).map(|(_, s)| s.full), Some("BOULEVARD"));
        assert_eq!(street_type_at(&["BLD", "FOCH"]).map(|(_, s)| s.full), Some("BOULEVARD"));
        assert_eq!(street_type_at(&["ROND", "POINT", "X"]).map(|(n, s)| (n, s.abbreviation)), Some((2, "RPT")));
        assert_eq!(street_type_at(&["VICTOR", "HUGO"]), None);
    }

    #[test]
    fn short_lines_are_left_alone() {
        assert_eq!(abbreviate_to_fit("12 AVENUE DE LA REPUBLIQUE", 38), None);
    }

    #[test]
    fn street_type_first_then_words_from_the_end() {
        // 43 characters: the street type alone is enough.
        assert_eq!(
            abbreviate_to_fit("12 BOULEVARD DU MARECHAL DE LATTRE TASSIGNY", 38).as_deref(),
            Some("12 BD DU MARECHAL DE LATTRE TASSIGNY")
        );
        // Needs more: words from the end, the last word kept.
        assert_eq!(
            abbreviate_to_fit("145 AVENUE DU GENERAL SAINT CYR DE GAULLE PROLONGEE", 38).as_deref(),
            Some("145 AV DU GAL ST CYR DE GAULLE PROLONGEE")
        );
    }

    #[test]
    fn the_last_word_is_never_abbreviated() {
        let out = abbreviate_to_fit("RESIDENCE DES JARDINS DU VIEUX MOULIN SAINT", 38);
        assert_eq!(out.as_deref(), Some("RES DES JARDINS DU VIEUX MOULIN SAINT"));
    }
}

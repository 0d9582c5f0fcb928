//! Restructuration: recognising what each free line is and putting it on its AFNOR line.
//!
//! The six lines of NF Z10-011:
//! 1. recipient (civility, name, company);
//! 2. delivery point inside the building (appartement, étage, escalier, chez, c/o...);
//! 3. building (bâtiment, résidence, immeuble, entrée, tour, zone...);
//! 4. number, repetition index and street;
//! 5. distribution service or lieu-dit (BP, TSA, CS, lieu-dit, hamlet) and the commune when
//!    the distribution office has another name;
//! 6. postal code and locality (with CEDEX when there is one).
//!
//! Lines whose content is recognised go to their role, whatever their position. Lines that
//! are not recognised keep their position when it is free, and otherwise go by their place
//! relative to the street: before it they are building complements, after it lieux-dits.

use crate::ReasonCode as R;
use crate::abbreviations::{is_repetition_index, street_type_at};
use crate::locality::{ParsedLocality, parse_locality_line};
use crate::normalize::is_digits;
use crate::reason::ReasonSet;

/// What a normalised line looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineKind {
    /// Line 1: starts with a civility or a company form.
    Recipient,
    /// Line 2: appartement, étage, escalier, chez, c/o...
    DeliveryPoint,
    /// Line 3: bâtiment, résidence, immeuble, entrée, tour, zone...
    Building,
    /// Line 4: a house number or a street type.
    Street,
    /// Line 5: BP, TSA, CS, lieu-dit, hamlet.
    Distribution,
    /// Line 6: a postal code with a locality.
    Locality,
    /// A postal code alone.
    PostalCodeOnly,
    /// The country line `FRANCE`.
    Country,
    /// Nothing recognisable (a name, a lieu-dit, a building name, a locality...).
    Unknown,
}

const CIVILITIES: &[&str] = &[
    "M",
    "MR",
    "MME",
    "MLLE",
    "MELLE",
    "MONSIEUR",
    "MADAME",
    "MADEMOISELLE",
    "MM",
    "MMES",
    "MESSIEURS",
    "MESDAMES",
    "DR",
    "DOCTEUR",
    "ME",
    "MAITRE",
    "PR",
    "PROFESSEUR",
    "SOCIETE",
    "SARL",
    "SAS",
    "SASU",
    "SA",
    "SCI",
    "EURL",
    "ETS",
    "ETABLISSEMENTS",
    "ASSOCIATION",
    "FAMILLE",
    "CABINET",
    "MAIRIE",
];

const DELIVERY_POINT_WORDS: &[&str] = &[
    "APPARTEMENT",
    "APPART",
    "APPT",
    "APT",
    "APP",
    "ETAGE",
    "ETG",
    "ESCALIER",
    "ESC",
    "CHEZ",
    "PORTE",
    "CHAMBRE",
    "LOGEMENT",
    "LGT",
    "BAL",
    "ATTN",
    "BOX",
    "STUDIO",
];

const BUILDING_WORDS: &[&str] = &[
    "BATIMENT",
    "BAT",
    "BT",
    "BLOC",
    "RESIDENCE",
    "RES",
    "RESID",
    "IMMEUBLE",
    "IMM",
    "ENTREE",
    "ENT",
    "TOUR",
    "PAVILLON",
    "HALL",
    "ZONE",
    "ZI",
    "ZA",
    "ZAC",
    "ZAE",
    "CENTRE",
    "CC",
    "PARC",
    "DOMAINE",
    "VILLA",
    "LOTISSEMENT",
    "LOT",
    "CITE",
];

const DISTRIBUTION_WORDS: &[&str] = &["BP", "TSA", "CS", "CIDEX", "LD", "LIEUDIT", "HAMEAU", "HAM"];

/// Whether a token is a house number (`12`, `12BIS`, `12B`).
fn is_house_number(token: &str) -> bool {
    let digits = token.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 5 {
        return false;
    }
    let suffix = &token[digits..];
    suffix.is_empty() || is_repetition_index(suffix)
}

/// Classifies one normalised line.
pub fn classify(line: &str) -> LineKind {
    let tokens: Vec<&str> = line.split(' ').filter(|t| !t.is_empty()).collect();
    classify_tokens(&tokens)
}

pub(crate) fn classify_tokens(tokens: &[&str]) -> LineKind {
    let Some(&first) = tokens.first() else {
        return LineKind::Unknown;
    };
    // `N 12 RUE ...` (from `N° 12`): the number sign does not change the kind.
    if matches!(first, "N" | "NO" | "NUM" | "NUMERO")
        && tokens.len() > 2
        && tokens[1].bytes().next().is_some_and(|b| b.is_ascii_digit())
    {
        return classify_tokens(&tokens[1..]);
    }
    if matches!(tokens, ["FRANCE"] | ["FRANCE", "METROPOLITAINE"]) {
        return LineKind::Country;
    }
    if tokens.len() == 1 && (first.len() == 5 || first.len() == 4) && is_digits(first) {
        return LineKind::PostalCodeOnly;
    }
    let second = tokens.get(1).copied().unwrap_or("");
    if DISTRIBUTION_WORDS.contains(&first)
        || (first == "B" && second == "P")
        || matches!(
            (first, second),
            ("BOITE", "POSTALE") | ("CASE", "POSTALE") | ("POSTE", "RESTANTE") | ("LIEU", "DIT")
        )
    {
        return LineKind::Distribution;
    }
    if parse_locality_line(tokens).is_some() {
        return LineKind::Locality;
    }
    if tokens.iter().take(3).any(|t| DELIVERY_POINT_WORDS.contains(t))
        || (first == "C" && second == "O")
        || matches!((first, second), ("A", "L") | ("BOITE", "AUX"))
    {
        return LineKind::DeliveryPoint;
    }
    if BUILDING_WORDS.contains(&first) && !is_house_number(second) {
        return LineKind::Building;
    }
    if tokens.len() >= 2 && is_house_number(first) {
        return LineKind::Street;
    }
    if let Some((n, _)) = street_type_at(tokens)
        && tokens.len() > n
    {
        return LineKind::Street;
    }
    if CIVILITIES.contains(&first) && tokens.len() >= 2 {
        return LineKind::Recipient;
    }
    LineKind::Unknown
}

/// The result of restructuring: the lines per role (still to be normalised further) and
/// the parsed line 6.
#[derive(Debug, Default)]
pub(crate) struct Restructured {
    pub lines: [String; 6],
    pub locality: Option<ParsedLocality>,
}

/// Assigns normalised input lines (by input position) to the six AFNOR roles.
pub(crate) fn restructure(normalised: &[String], reasons: &mut ReasonSet) -> Restructured {
    let n = normalised.len();
    let mut kinds: Vec<LineKind> =
        normalised.iter().map(|l| if l.is_empty() { LineKind::Unknown } else { classify(l) }).collect();
    let present = |i: usize| !normalised[i].is_empty();

    // Country lines are dropped.
    if (0..n).any(|i| present(i) && kinds[i] == LineKind::Country) {
        reasons.insert(R::CountryLineRemoved);
    }

    // Sources of each role, in input order.
    let mut sources: [Vec<usize>; 6] = Default::default();
    let mut used = vec![false; n];
    for i in 0..n {
        if !present(i) || kinds[i] == LineKind::Country {
            used[i] = true;
        }
    }

    // Line 6: the last locality line; or a code alone joined with a neighbouring line; or,
    // failing that, an unrecognised last line (a locality without its code).
    let mut locality: Option<ParsedLocality> = None;
    if let Some(i) = (0..n).rev().find(|&i| !used[i] && kinds[i] == LineKind::Locality) {
        let tokens: Vec<&str> = normalised[i].split(' ').collect();
        locality = parse_locality_line(&tokens);
        sources[5].push(i);
        used[i] = true;
    } else if let Some(i) = (0..n).rev().find(|&i| !used[i] && kinds[i] == LineKind::PostalCodeOnly) {
        let neighbour = (i + 1..n)
            .find(|&j| !used[j])
            .filter(|&j| kinds[j] == LineKind::Unknown)
            .or_else(|| (0..i).rev().find(|&j| !used[j]).filter(|&j| kinds[j] == LineKind::Unknown));
        let joined = match neighbour {
            Some(j) => {
                used[j] = true;
                sources[5].push(j);
                reasons.insert(R::LinesMerged);
                format!("{} {}", normalised[i], normalised[j])
            }
            None => normalised[i].clone(),
        };
        let tokens: Vec<&str> = joined.split(' ').collect();
        locality = parse_locality_line(&tokens).or_else(|| {
            Some(ParsedLocality {
                code: normalised[i].parse().ok(),
                code_repair: (normalised[i].len() == 4).then_some(R::PostalCodeLeadingZeroRestored),
                ..ParsedLocality::default()
            })
        });
        sources[5].insert(0, i);
        used[i] = true;
    } else if let Some(i) = (0..n).rev().find(|&i| !used[i]) {
        let after_street = (0..i).any(|j| kinds[j] == LineKind::Street && !used[j]);
        if kinds[i] == LineKind::Unknown && (i == 5 || after_street) {
            let tokens: Vec<&str> = normalised[i].split(' ').collect();
            let (text, cedex) = crate::locality::split_cedex(&tokens);
            locality = Some(ParsedLocality { code: None, code_repair: None, locality: text, cedex });
            sources[5].push(i);
            used[i] = true;
        }
    }

    // Line 4: the first street line. Further street lines become line 5.
    let mut street_at: Option<usize> = None;
    for i in 0..n {
        if used[i] || kinds[i] != LineKind::Street {
            continue;
        }
        if street_at.is_none() {
            street_at = Some(i);
            sources[3].push(i);
        } else {
            kinds[i] = LineKind::Distribution;
            continue;
        }
        used[i] = true;
    }

    // Recognised roles.
    for i in 0..n {
        if used[i] {
            continue;
        }
        let role = match kinds[i] {
            LineKind::Recipient => 0,
            LineKind::DeliveryPoint => 1,
            LineKind::Building => 2,
            LineKind::Distribution => 4,
            // A second locality or a lone code with no locality line: a lieu-dit at worst.
            LineKind::Locality | LineKind::PostalCodeOnly => 4,
            _ => continue,
        };
        sources[role].push(i);
        used[i] = true;
    }

    // Unrecognised lines. When the input already follows the AFNOR positions (street on line
    // 4 or locality on line 6), a free position is kept; otherwise the place relative to the
    // street decides: the first line before it is the recipient, the others building
    // complements, lines after it lieux-dits.
    let positioned = street_at == Some(3) || sources[5].first() == Some(&5);
    let first_present = (0..n).find(|&i| present(i));
    for i in 0..n {
        if used[i] {
            continue;
        }
        let before_street = street_at.is_some_and(|s| i < s);
        let role = if positioned && i < 5 && i != 3 && sources[i].is_empty() {
            i
        } else if Some(i) == first_present
            && sources[0].is_empty()
            && (before_street || street_at.is_none())
            && !normalised[i].bytes().any(|b| b.is_ascii_digit())
        {
            0
        } else if before_street {
            if sources[2].is_empty() || !sources[1].is_empty() { 2 } else { 1 }
        } else {
            4
        };
        sources[role].push(i);
        used[i] = true;
    }

    let mut out = Restructured { lines: Default::default(), locality };
    let mut moved = false;
    for (role, src) in sources.iter().enumerate() {
        if src.len() > 1 {
            reasons.insert(R::LinesMerged);
        }
        if src.iter().any(|&i| i != role) {
            moved = true;
        }
        if role == 5 {
            continue;
        }
        let mut line = String::new();
        for &i in src {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&normalised[i]);
        }
        out.lines[role] = line;
    }
    if moved {
        reasons.insert(R::LinesRestructured);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_lines() {
        assert_eq!(classify("M JEAN DUPONT"), LineKind::Recipient);
        assert_eq!(classify("APPARTEMENT 12 3EME ETAGE"), LineKind::DeliveryPoint);
        assert_eq!(classify("3EME ETAGE"), LineKind::DeliveryPoint);
        assert_eq!(classify("C O MME MARTIN"), LineKind::DeliveryPoint);
        assert_eq!(classify("BATIMENT B"), LineKind::Building);
        assert_eq!(classify("RESIDENCE LES PINS"), LineKind::Building);
        assert_eq!(classify("12 BIS RUE DE LA PAIX"), LineKind::Street);
        assert_eq!(classify("12BIS RUE DE LA PAIX"), LineKind::Street);
        assert_eq!(classify("AVENUE FOCH"), LineKind::Street);
        assert_eq!(classify("BP 123"), LineKind::Distribution);
        assert_eq!(classify("LIEU DIT LES VIGNES"), LineKind::Distribution);
        assert_eq!(classify("75001 PARIS"), LineKind::Locality);
        assert_eq!(classify("75001"), LineKind::PostalCodeOnly);
        assert_eq!(classify("FRANCE"), LineKind::Country);
        assert_eq!(classify("LE BOURG"), LineKind::Unknown);
    }

    fn run(lines: &[&str]) -> (Vec<String>, ReasonSet) {
        let norm: Vec<String> = lines.iter().map(|l| crate::normalize::normalize_line(l)).collect();
        let mut reasons = ReasonSet::new();
        let r = restructure(&norm, &mut reasons);
        let mut v: Vec<String> = r.lines.to_vec();
        v[5] = r.locality.map(|p| format!("{:?} {}", p.code, p.locality)).unwrap_or_default();
        (v, reasons)
    }

    #[test]
    fn compact_input_is_spread_on_the_six_lines() {
        let (lines, reasons) = run(&["Jean Dupont", "12 rue de la Paix", "75002 Paris", "", "", ""]);
        assert_eq!(lines, ["JEAN DUPONT", "", "", "12 RUE DE LA PAIX", "", "Some(75002) PARIS"]);
        assert!(reasons.contains(R::LinesRestructured));
    }

    #[test]
    fn misplaced_lines_are_moved() {
        let (lines, _) = run(&["M Dupont", "12 rue X", "Bât B", "Appt 5", "", "75002 Paris"]);
        assert_eq!(lines, ["M DUPONT", "APPT 5", "BAT B", "12 RUE X", "", "Some(75002) PARIS"]);
    }

    #[test]
    fn unknown_line_after_street_is_a_lieu_dit() {
        let (lines, _) = run(&["Mme Roux", "", "", "3 chemin des Vignes", "Les Granges", "26400 Crest"]);
        assert_eq!(lines[4], "LES GRANGES");
    }
}

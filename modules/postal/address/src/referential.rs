//! The official base of French postal codes, embedded and indexed once.
//!
//! Source: `data/codes-postaux.csv` (BAN / La Poste `codes-postaux`, MIT licence, see
//! `data/codes-postaux.LICENSE` and `data/README.md`), compiled into the binary with
//! `include_str!` and parsed lazily on first use, so nothing is read from disk at run time.
//!
//! Indexes built at load time:
//! - postal code → communes (the rows are sorted by code, so a range of the table);
//! - locality key (commune name and delivery label, see [`crate::normalize::locality_key`])
//!   → communes;
//! - department → communes, and first letter → communes, for fuzzy look-ups.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::locality::fold_arrondissement;
use crate::normalize::{locality_key, normalize_line};

const EMBEDDED_CSV: &str = include_str!("../data/codes-postaux.csv");

/// One row of the base: a commune (or an arrondissement) served by a postal code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commune {
    /// The postal code, as a number (`1000` for `01000`); see [`format_postal_code`].
    pub postal_code: u32,
    /// The INSEE code of the commune (`2A004` for Ajaccio).
    pub insee: Box<str>,
    /// The commune's name, normalised (`SAINT DENIS LES BOURG`, `PARIS 1ER ARRONDISSEMENT`).
    pub name: Box<str>,
    /// The delivery label (libellé d'acheminement) that goes on line 6, normalised
    /// (`PARIS`, `ST GERMAIN DE JOUX`, `LA JONCHERE`).
    pub label: Box<str>,
    pub(crate) name_key: Box<str>,
    pub(crate) label_key: Box<str>,
}

/// The indexed base of French postal codes.
#[derive(Debug)]
pub struct Referential {
    communes: Vec<Commune>,
    by_code: HashMap<u32, (u32, u32)>,
    by_key: HashMap<Box<str>, Vec<u32>>,
    by_department: HashMap<u32, Vec<u32>>,
    by_initial: Vec<Vec<u32>>,
}

static GLOBAL: LazyLock<Referential> = LazyLock::new(|| Referential::from_csv(EMBEDDED_CSV));

/// The department of a postal code: its first two digits, or three for overseas (97x, 98x).
/// Corsica's codes (20xxx) give `20` for both 2A and 2B.
pub fn department_of(postal_code: u32) -> u32 {
    if postal_code >= 97000 { postal_code / 100 } else { postal_code / 1000 }
}

/// Formats a postal code on five digits (`1000` → `01000`).
pub fn format_postal_code(postal_code: u32) -> String {
    format!("{postal_code:05}")
}

/// Rewrites a delivery label whose article is written after it in parentheses
/// (`JONCHERE (LA)`, `MAGNILS-REIGNIERS(LES)`) with the article first, then normalises it.
fn canonical_label(raw: &str) -> String {
    let trimmed = raw.trim();
    if let Some(open) = trimmed.rfind('(')
        && trimmed.ends_with(')')
    {
        let article = trimmed[open + 1..trimmed.len() - 1].trim();
        if matches!(article, "LA" | "LE" | "LES" | "L") {
            return normalize_line(&format!("{article} {}", &trimmed[..open]));
        }
    }
    normalize_line(trimmed)
}

fn key_of(normalised: &str) -> String {
    let tokens: Vec<&str> = normalised.split(' ').collect();
    match fold_arrondissement(&tokens) {
        Some((city, _)) => locality_key(city),
        None => locality_key(normalised),
    }
}

impl Referential {
    /// The base embedded in the binary, parsed and indexed on first use.
    pub fn global() -> &'static Referential {
        &GLOBAL
    }

    /// Builds a referential from CSV text with the header
    /// `code_postal,code_commune_insee,nom_commune,libelle_acheminement`. Rows that do not have
    /// a five-digit postal code are skipped.
    pub fn from_csv(text: &str) -> Referential {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
        let mut communes = Vec::with_capacity(36_000);
        for record in reader.records().flatten() {
            let (Some(code), Some(insee), Some(name), Some(label)) =
                (record.get(0), record.get(1), record.get(2), record.get(3))
            else {
                continue;
            };
            let Ok(postal_code) = code.trim().parse::<u32>() else {
                continue;
            };
            if code.trim().len() != 5 {
                continue;
            }
            let name = normalize_line(name);
            let label = canonical_label(label);
            communes.push(Commune {
                postal_code,
                insee: insee.trim().into(),
                name_key: key_of(&name).into(),
                label_key: key_of(&label).into(),
                name: name.into(),
                label: label.into(),
            });
        }
        communes.sort_by(|a, b| (a.postal_code, &a.insee).cmp(&(b.postal_code, &b.insee)));

        let mut by_code: HashMap<u32, (u32, u32)> = HashMap::with_capacity(7_000);
        let mut by_key: HashMap<Box<str>, Vec<u32>> = HashMap::with_capacity(40_000);
        let mut by_department: HashMap<u32, Vec<u32>> = HashMap::with_capacity(110);
        let mut by_initial: Vec<Vec<u32>> = vec![Vec::new(); 27];
        for (i, c) in communes.iter().enumerate() {
            let i = i as u32;
            by_code.entry(c.postal_code).and_modify(|r| r.1 = i + 1).or_insert((i, i + 1));
            by_key.entry(c.label_key.clone()).or_default().push(i);
            if c.name_key != c.label_key {
                by_key.entry(c.name_key.clone()).or_default().push(i);
            }
            by_department.entry(department_of(c.postal_code)).or_default().push(i);
            by_initial[initial_bucket(&c.label_key)].push(i);
            if c.name_key.as_bytes().first() != c.label_key.as_bytes().first() {
                by_initial[initial_bucket(&c.name_key)].push(i);
            }
        }
        Referential { communes, by_code, by_key, by_department, by_initial }
    }

    /// Number of rows (commune × postal code) in the base.
    pub fn len(&self) -> usize {
        self.communes.len()
    }

    /// Whether the base is empty.
    pub fn is_empty(&self) -> bool {
        self.communes.is_empty()
    }

    /// All rows of the base, sorted by postal code then INSEE code.
    pub fn communes(&self) -> &[Commune] {
        &self.communes
    }

    /// The communes served by a postal code (empty if the code is unknown).
    pub fn communes_for_code(&self, postal_code: u32) -> &[Commune] {
        match self.by_code.get(&postal_code) {
            Some(&(start, end)) => &self.communes[start as usize..end as usize],
            None => &[],
        }
    }

    /// Whether the postal code is in the base.
    pub fn contains_code(&self, postal_code: u32) -> bool {
        self.by_code.contains_key(&postal_code)
    }

    /// The communes whose name or delivery label has this locality key.
    pub fn communes_for_key<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a Commune> + 'a {
        self.by_key.get(key).map(|v| v.as_slice()).unwrap_or(&[]).iter().map(move |&i| &self.communes[i as usize])
    }

    /// The communes whose name or label is `locality` (any spelling that normalises to it).
    pub fn communes_named<'a>(&'a self, locality: &str) -> impl Iterator<Item = &'a Commune> + 'a {
        let key = key_of(&normalize_line(locality));
        self.communes_for_key(&key).collect::<Vec<_>>().into_iter()
    }

    /// The communes of a department (see [`department_of`]).
    pub(crate) fn department_communes(&self, department: u32) -> impl Iterator<Item = &Commune> {
        self.by_department
            .get(&department)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|&i| &self.communes[i as usize])
    }

    /// The communes whose key starts with the same letter as `key`.
    pub(crate) fn initial_communes(&self, key: &str) -> impl Iterator<Item = &Commune> {
        self.by_initial[initial_bucket(key)].iter().map(|&i| &self.communes[i as usize])
    }
}

fn initial_bucket(key: &str) -> usize {
    match key.as_bytes().first() {
        Some(b) if b.is_ascii_uppercase() => (b - b'A') as usize,
        _ => 26,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_base_is_complete() {
        let r = Referential::global();
        let rows = EMBEDDED_CSV.lines().count() - 1;
        assert_eq!(r.len(), rows);
        assert!(r.len() > 35_000);
    }

    #[test]
    fn looks_up_codes_and_names() {
        let r = Referential::global();
        let paris15 = r.communes_for_code(75015);
        assert!(paris15.iter().any(|c| &*c.label == "PARIS"));
        assert!(r.communes_for_code(20000).iter().any(|c| c.insee.starts_with("2A")));
        assert!(r.communes_for_code(97400).iter().any(|c| &*c.label == "SAINT DENIS"));
        assert!(r.communes_named("Saint-Étienne").any(|c| c.postal_code == 42000));
        assert!(r.communes_named("ST ETIENNE").any(|c| c.postal_code == 42000));
        assert!(!r.contains_code(75000));
    }

    #[test]
    fn labels_with_a_trailing_article_are_rewritten() {
        assert_eq!(canonical_label("JONCHERE (LA)"), "LA JONCHERE");
        assert_eq!(canonical_label("MAGNILS-REIGNIERS(LES)"), "LES MAGNILS REIGNIERS");
        assert_eq!(canonical_label("ST-GERMAIN-DE-JOUX"), "ST GERMAIN DE JOUX");
    }

    #[test]
    fn departments() {
        assert_eq!(department_of(1000), 1);
        assert_eq!(department_of(20090), 20);
        assert_eq!(department_of(97411), 974);
    }
}

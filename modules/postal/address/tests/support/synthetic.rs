//! Deterministic generator of realistic French contacts with injected duplicates, shared by
//! the dedup tests and the benchmark.
//!
//! Each entity (a person at an address) is derived from the seed and its number alone, so a
//! duplicate can re-create its entity without storing it. Hard negatives are generated on
//! purpose: households (another person at the same address, same last name, sometimes the
//! masculine/feminine form of the first name: JEAN and JEANNE) and namesakes (same names,
//! another address). Duplicates apply one to three perturbations: case, accents, typos,
//! swapped first and last names, street-type abbreviations, punctuation, locality spelling.

#![allow(dead_code)]

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crm360_address::Referential;

const FIRST_NAMES: &[&str] = &[
    "Jean",
    "Jeanne",
    "Marie",
    "Pierre",
    "Michel",
    "Michelle",
    "Louis",
    "Louise",
    "Daniel",
    "Danielle",
    "Pascal",
    "Pascale",
    "François",
    "Françoise",
    "Christian",
    "Christiane",
    "Philippe",
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Catherine",
    "Hélène",
    "Émilie",
    "Jérôme",
    "Stéphane",
    "Céline",
    "Sébastien",
    "Aurélie",
    "Nicolas",
    "Julien",
    "Camille",
    "Léa",
    "Chloé",
    "Manon",
    "Inès",
    "Zoé",
    "Théo",
    "Hugo",
    "Lucas",
    "Nathan",
    "Gabriel",
    "Raphaël",
    "Arthur",
    "Jules",
    "Adam",
    "Maël",
    "Noémie",
    "Anaïs",
    "Océane",
    "Clément",
    "Benoît",
    "Agnès",
    "Bérénice",
    "Gaëlle",
    "Loïc",
    "Maëlle",
    "Yves",
    "Yvette",
    "André",
    "Andrée",
    "René",
    "Renée",
    "Simon",
    "Simone",
    "Martin",
    "Martine",
    "Robert",
    "Paul",
    "Pauline",
    "Thierry",
    "Olivier",
    "Laurent",
    "Valérie",
    "Sandrine",
    "Christophe",
    "Frédéric",
    "Éric",
    "Patrick",
    "Alain",
    "Bernard",
    "Dominique",
    "Claude",
    "Gérard",
    "Monique",
    "Josiane",
    "Ginette",
    "Marcel",
    "Lucienne",
    "Thérèse",
    "Georges",
    "Henri",
    "Odile",
];

const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Müller",
    "Lefebvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Dumont",
    "Marie",
    "Lemaire",
    "Noël",
    "Meyer",
    "Dufour",
    "Meunier",
    "Brun",
    "Blanchard",
    "Giraud",
    "Joly",
    "Rivière",
    "Lucas",
    "Brunet",
    "Gaillard",
    "Barbier",
    "Arnaud",
    "Martinez",
    "Gérard",
    "Roche",
    "Renard",
    "Schmitt",
    "Roy",
    "Leroux",
    "Colin",
    "Vidal",
    "Caron",
    "Picard",
    "Roger",
    "Fabre",
    "Aubert",
    "Lemoine",
    "Renaud",
    "Dumas",
    "Lacroix",
    "Olivier",
    "Philippe",
    "Bourgeois",
    "Pierre",
    "Benoît",
    "Rey",
    "Leclerc",
    "Payet",
    "Hoarau",
    "Grondin",
    "Santoni",
    "Luciani",
    "Casanova",
    "Le Hénaff",
    "Kerbrat",
    "Le Goff",
    "Le Gall",
    "Hamon",
    "Jacquet",
    "Collet",
    "Prévost",
    "Carré",
    "Charpentier",
    "Baron",
    "Huet",
    "Perrot",
    "Guillot",
    "Millet",
    "Poirier",
    "Deschamps",
    "Besnard",
    "Daniel",
    "Hubert",
    "Langlois",
    "Rolland",
    "Bailly",
    "Hervé",
    "Schneider",
    "Weber",
];

const STREET_TYPES: &[(&str, &str)] = &[
    ("rue", "r"),
    ("rue", "r"),
    ("rue", "r"),
    ("rue", "r"),
    ("avenue", "av"),
    ("avenue", "av"),
    ("boulevard", "bd"),
    ("chemin", "ch"),
    ("place", "pl"),
    ("impasse", "imp"),
    ("allée", "all"),
    ("route", "rte"),
    ("quai", "quai"),
    ("square", "sq"),
    ("cours", "crs"),
];

const STREET_NAMES: &[&str] = &[
    "Victor Hugo",
    "Jean Jaurès",
    "de la République",
    "du Général de Gaulle",
    "Pasteur",
    "des Lilas",
    "de la Gare",
    "Saint-Martin",
    "Gambetta",
    "Jules Ferry",
    "de la Paix",
    "Voltaire",
    "du Maréchal Foch",
    "Émile Zola",
    "des Écoles",
    "du Moulin",
    "de l'Église",
    "Carnot",
    "de la Mairie",
    "des Tilleuls",
    "Anatole France",
    "Jean Moulin",
    "du 8 Mai 1945",
    "de Verdun",
    "des Acacias",
    "du Château",
    "Lamartine",
    "Charles de Gaulle",
    "de Paris",
    "Sainte-Anne",
    "des Roses",
    "Albert Camus",
    "Paul Verlaine",
    "de la Liberté",
    "du Stade",
    "des Peupliers",
    "Georges Clemenceau",
    "de Bretagne",
    "Notre-Dame",
    "des Marronniers",
    "Louis Pasteur",
    "du Commandant Charcot",
    "Saint-Exupéry",
    "des Prés",
    "de la Fontaine",
    "du Port",
    "Marcel Pagnol",
    "Jean Monnet",
    "des Vignes",
    "de Strasbourg",
    "Nationale",
    "du Docteur Roux",
    "des Cerisiers",
    "Pierre Curie",
    "de Lattre de Tassigny",
    "Frédéric Mistral",
    "des Jardins",
    "de Provence",
    "du Président Wilson",
    "Henri Barbusse",
];

/// Big cities, drawn more often (a real file is denser there).
const DENSE_CODES: &[u32] = &[
    75001, 75005, 75008, 75011, 75012, 75013, 75015, 75016, 75017, 75018, 75019, 75020, 69001, 69003, 69006, 69007,
    69008, 13001, 13004, 13008, 13012, 31000, 31200, 31400, 33000, 33800, 44000, 44300, 67000, 67100, 59000, 35000,
    35200, 34000, 34070, 6000, 6100, 38000, 21000, 49000, 29200, 76600, 51100, 42000, 13100, 69100, 63000, 87000,
    25000, 66000, 57000, 45000, 76000, 14000, 54000, 84000, 86000, 64000, 17000, 97400, 97200, 20000, 20200,
];

/// A generated contact, with the entity it belongs to (the ground truth).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: u64,
    pub entity: u32,
    pub first: String,
    pub last: String,
    pub complement: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
}

/// An address place: postal code and locality of the base.
#[derive(Debug, Clone)]
struct Place {
    code: u32,
    label: String,
}

/// The generator: an iterator of contacts.
pub struct Generator {
    seed: u64,
    rng: StdRng,
    places: Vec<Place>,
    dense: Vec<usize>,
    dup_rate: f64,
    next_entity: u32,
    next_id: u64,
    remaining: u64,
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == ' ' || c == '-';
    }
    out
}

fn strip_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'É' | 'È' | 'Ê' => 'E',
            'à' | 'â' => 'a',
            'ï' | 'î' => 'i',
            'ô' => 'o',
            'ü' | 'û' | 'ù' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// One keyboard typo at a random position (substitution, deletion, insertion or
/// transposition); the first letter is spared nine times out of ten.
fn typo(rng: &mut StdRng, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 4 {
        return s.to_string();
    }
    let from = if rng.gen_bool(0.1) { 0 } else { 1 };
    let i = rng.gen_range(from..chars.len());
    let letter = (b'a' + rng.gen_range(0..26u8)) as char;
    let mut out = chars.clone();
    match rng.gen_range(0..4) {
        0 => out[i] = letter,
        1 => {
            out.remove(i);
        }
        2 => out.insert(i, letter),
        _ => {
            if i + 1 < out.len() {
                out.swap(i, i + 1);
            } else {
                out.swap(i - 1, i);
            }
        }
    }
    out.into_iter().collect()
}

impl Generator {
    /// `total` contacts, of which about `dup_rate` are duplicates of earlier entities.
    pub fn new(seed: u64, total: u64, dup_rate: f64) -> Generator {
        let referential = Referential::global();
        let places: Vec<Place> = referential
            .communes()
            .iter()
            .filter(|c| !c.label.contains("CEDEX"))
            .map(|c| Place { code: c.postal_code, label: c.label.to_string() })
            .collect();
        let dense: Vec<usize> =
            DENSE_CODES.iter().filter_map(|code| places.iter().position(|p| p.code == *code)).collect();
        Generator {
            seed,
            rng: StdRng::seed_from_u64(seed),
            places,
            dense,
            dup_rate,
            next_entity: 0,
            next_id: 0,
            remaining: total,
        }
    }

    fn entity_rng(&self, entity: u32, salt: u64) -> StdRng {
        StdRng::seed_from_u64(self.seed ^ (u64::from(entity) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt)
    }

    /// Whether `entity` lives with the previous entity (a household).
    fn household(&self, entity: u32) -> bool {
        // Households of two: the previous entity must not itself be a household member.
        entity > 0 && self.entity_rng(entity, 1).gen_bool(0.08) && !self.household_raw(entity - 1)
    }

    fn household_raw(&self, entity: u32) -> bool {
        entity > 0 && self.entity_rng(entity, 1).gen_bool(0.08)
    }

    /// The entity whose address `entity` uses.
    fn address_owner(&self, mut entity: u32) -> u32 {
        while self.household(entity) {
            entity -= 1;
        }
        entity
    }

    fn address(&self, entity: u32) -> (String, String, u32, String) {
        let owner = self.address_owner(entity);
        let mut rng = self.entity_rng(owner, 2);
        let place = if rng.gen_bool(0.4) && !self.dense.is_empty() {
            &self.places[self.dense[rng.gen_range(0..self.dense.len())]]
        } else {
            &self.places[rng.gen_range(0..self.places.len())]
        };
        let (street_type, _) = STREET_TYPES[rng.gen_range(0..STREET_TYPES.len())];
        let name = STREET_NAMES[rng.gen_range(0..STREET_NAMES.len())];
        let number = rng.gen_range(1..160);
        let repetition = match rng.gen_range(0..40) {
            0 => " bis",
            1 => " ter",
            _ => "",
        };
        let street = format!("{number}{repetition} {street_type} {name}");
        let complement = match rng.gen_range(0..10) {
            0 => format!("Appartement {}", rng.gen_range(1..60)),
            1 => format!("Bâtiment {}", (b'A' + rng.gen_range(0..6u8)) as char),
            _ => String::new(),
        };
        (complement, street, place.code, title_case(&place.label))
    }

    fn names(&self, entity: u32) -> (String, String) {
        let mut rng = self.entity_rng(entity, 3);
        // Zipf-like draw: low indexes are more frequent.
        let zipf = |rng: &mut StdRng, n: usize| -> usize {
            let x: f64 = rng.r#gen();
            ((x * x) * n as f64) as usize % n
        };
        if self.household(entity) {
            let (owner_first, owner_last) = self.names(entity - 1);
            // Another person of the household: the same last name, another first name, often
            // the masculine/feminine form of the other's.
            let first = match FIRST_NAMES.iter().position(|f| *f == owner_first) {
                Some(i) if rng.gen_bool(0.4) && i + 1 < FIRST_NAMES.len() => {
                    let other = if i % 2 == 0 { FIRST_NAMES[i + 1] } else { FIRST_NAMES[i - 1] };
                    other.to_string()
                }
                _ => loop {
                    let f = FIRST_NAMES[zipf(&mut rng, FIRST_NAMES.len())];
                    if f != owner_first {
                        break f.to_string();
                    }
                },
            };
            return (first, owner_last);
        }
        if entity > 0 && self.entity_rng(entity, 4).gen_bool(0.03) {
            // A namesake of the previous entity, elsewhere.
            return self.names(entity - 1);
        }
        (
            FIRST_NAMES[zipf(&mut rng, FIRST_NAMES.len())].to_string(),
            LAST_NAMES[zipf(&mut rng, LAST_NAMES.len())].to_string(),
        )
    }

    /// The clean record of an entity.
    pub fn canonical(&self, entity: u32, id: u64) -> Contact {
        let (first, last) = self.names(entity);
        let (complement, street, code, city) = self.address(entity);
        Contact { id, entity, first, last, complement, street, postal_code: format!("{code:05}"), city }
    }

    fn perturb(&mut self, c: &mut Contact) {
        let n = self.rng.gen_range(1..=3);
        let mut done = [false; 11];
        for _ in 0..n {
            let kind = self.rng.gen_range(0..11);
            if std::mem::replace(&mut done[kind], true) {
                continue;
            }
            match kind {
                0 => {
                    c.first = c.first.to_uppercase();
                    c.last = c.last.to_uppercase();
                    c.street = c.street.to_uppercase();
                    c.city = c.city.to_uppercase();
                }
                1 => {
                    c.first = strip_accents(&c.first).to_lowercase();
                    c.last = strip_accents(&c.last).to_lowercase();
                    c.street = strip_accents(&c.street);
                }
                2 => c.last = typo(&mut self.rng, &c.last),
                3 => c.first = typo(&mut self.rng, &c.first),
                4 => std::mem::swap(&mut c.first, &mut c.last),
                5 => {
                    for (full, short) in STREET_TYPES {
                        let pattern = format!(" {full} ");
                        if c.street.contains(&pattern) {
                            c.street = c.street.replacen(&pattern, &format!(" {short} "), 1);
                            break;
                        }
                    }
                    c.street = c.street.replace("Saint-", "St ").replace("Général", "Gal");
                }
                6 => {
                    // A typo in a word of the street name (not the number nor the type).
                    let words: Vec<&str> = c.street.split(' ').collect();
                    let candidates: Vec<usize> = (2..words.len()).filter(|&i| words[i].chars().count() >= 4).collect();
                    if !candidates.is_empty() {
                        let i = candidates[self.rng.gen_range(0..candidates.len())];
                        let changed = typo(&mut self.rng, words[i]);
                        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
                        words[i] = changed;
                        c.street = words.join(" ");
                    }
                }
                7 => {
                    c.street = c.street.replacen(' ', ", ", 1);
                    c.first = c.first.replace(' ', "-");
                }
                8 => c.city = strip_accents(&c.city).to_lowercase().replace("Saint ", "St "),
                9 => c.street = format!("N° {}", c.street),
                _ => c.complement.clear(),
            }
        }
    }

    /// Six messy lines of the entity for the RNVP benchmark.
    pub fn messy_lines(&mut self, c: &Contact) -> [String; 6] {
        let name = format!("{} {} {}", if self.rng.gen_bool(0.5) { "M." } else { "Mme" }, c.first, c.last);
        let locality = format!("{} {}", c.postal_code, c.city);
        match self.rng.gen_range(0..4) {
            0 => [name, c.complement.clone(), String::new(), c.street.clone(), String::new(), locality],
            1 => [name, c.street.clone(), locality, String::new(), String::new(), String::new()],
            2 => [name, String::new(), c.complement.clone(), c.street.clone(), String::new(), locality.to_uppercase()],
            _ => [c.street.clone(), name, String::new(), String::new(), String::new(), locality],
        }
    }
}

impl Iterator for Generator {
    type Item = Contact;

    fn next(&mut self) -> Option<Contact> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let id = self.next_id;
        self.next_id += 1;
        if self.next_entity > 0 && self.rng.gen_bool(self.dup_rate) {
            // A duplicate, preferably of a recent entity (files are often appended to).
            let back = self.rng.gen_range(0..self.next_entity.min(50_000));
            let entity = self.next_entity - 1 - back;
            let mut c = self.canonical(entity, id);
            self.perturb(&mut c);
            Some(c)
        } else {
            let entity = self.next_entity;
            self.next_entity += 1;
            Some(self.canonical(entity, id))
        }
    }
}

/// Precision and recall of predicted groups against the entities of the records.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    pub true_pairs: u64,
    pub predicted_pairs: u64,
    pub correct_pairs: u64,
}

impl Quality {
    pub fn precision(&self) -> f64 {
        if self.predicted_pairs == 0 { 1.0 } else { self.correct_pairs as f64 / self.predicted_pairs as f64 }
    }
    pub fn recall(&self) -> f64 {
        if self.true_pairs == 0 { 1.0 } else { self.correct_pairs as f64 / self.true_pairs as f64 }
    }
}

/// Pairwise quality: `entity_of[id]` is the true entity of record `id`.
pub fn quality(groups: &[crm360_address::dedup::DuplicateGroup], entity_of: &[u32]) -> Quality {
    let mut per_entity: std::collections::HashMap<u32, u64> = std::collections::HashMap::new();
    for &e in entity_of {
        *per_entity.entry(e).or_default() += 1;
    }
    let true_pairs = per_entity.values().map(|k| k * (k - 1) / 2).sum();
    let mut predicted_pairs = 0;
    let mut correct_pairs = 0;
    for g in groups {
        let k = g.ids.len() as u64;
        predicted_pairs += k * (k - 1) / 2;
        let mut counts: std::collections::HashMap<u32, u64> = std::collections::HashMap::new();
        for id in &g.ids {
            *counts.entry(entity_of[*id as usize]).or_default() += 1;
        }
        correct_pairs += counts.values().map(|k| k * (k - 1) / 2).sum::<u64>();
    }
    Quality { true_pairs, predicted_pairs, correct_pairs }
}

//! Postal deduplication: the same person at the same address, despite accents, case,
//! abbreviations, typos and swapped first and last names.
//!
//! How it works, for millions of records:
//! 1. **Keys** ([`key`]): each record is reduced to a compact fingerprint (normalised names,
//!    postal code, house number, street type, street words without stop words, locality key),
//!    stored in one string arena; the record itself is not kept.
//! 2. **Blocking** ([`blocking`]): two passes group fingerprints by cheap keys, so that only
//!    records that could match are compared: (postal code, number, start of the street's main
//!    word) and (postal code, number, initials of the two names in any order). A typo can
//!    break one key, rarely both.
//! 3. **Scoring** ([`scoring`]): Jaro-Winkler similarities of names (straight or swapped) and
//!    street and locality, with hard rules: same number and repetition index, compatible
//!    street type, and first names that are one person's ([`first_names`]: not masculine and
//!    feminine forms of one name like `MARIN`/`MARINE`, not two established names like
//!    `LUCAS`/`LUCA`, per INSEE's first-name lexicon and French morphology; spelling
//!    variants, diminutives and initials of compound names accepted).
//! 4. **Grouping** ([`grouping`]): union-find over matching pairs, never joining a group of
//!    masculine first names with one of feminine first names; a group's confidence is its
//!    weakest link.
//! 5. **Survivorship** ([`survivorship`]): which values survive a merge.

pub mod blocking;
pub mod first_names;
pub mod grouping;
pub mod key;
pub mod scoring;
pub mod survivorship;

use serde::Serialize;

use self::blocking::for_each_candidate_pair;
use self::grouping::UnionFind;
use self::key::{Fingerprint, FingerprintStore};
use self::scoring::{MatchThresholds, score_pair};

/// A contact as the deduplicator reads it. Borrowed: the deduplicator keeps only a compact
/// fingerprint, so records can be streamed from a database cursor or a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContactRecord<'a> {
    /// The caller's identifier, returned in the groups (a row number or surrogate key).
    pub id: u64,
    /// First name, as entered.
    pub first_name: &'a str,
    /// Last name, as entered.
    pub last_name: &'a str,
    /// Address lines other than the recipient and the postal code and locality, in any
    /// order (complements, street, lieu-dit); the street line is found among them.
    pub address_lines: &'a [&'a str],
    /// Postal code, as entered (`75002`, `1000`...).
    pub postal_code: &'a str,
    /// Locality, as entered.
    pub city: &'a str,
}

/// A group of records that are the same person at the same address.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateGroup {
    /// The identifiers of the records, in ascending order (at least two).
    pub ids: Vec<u64>,
    /// Confidence in [0, 1]: the lowest pair score among the matches that joined the group.
    pub confidence: f64,
}

/// Settings of the deduplicator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DedupConfig {
    /// Similarity thresholds of a match.
    pub thresholds: MatchThresholds,
    /// Blocks larger than this are compared within a sliding window instead of pairwise.
    pub max_block_size: usize,
    /// Window size used for oversized blocks.
    pub window: usize,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig { thresholds: MatchThresholds::default(), max_block_size: 400, window: 64 }
    }
}

/// Counts of a deduplication run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DedupStats {
    /// Records read.
    pub records: u64,
    /// Pairs scored.
    pub comparisons: u64,
    /// Pairs that matched.
    pub matches: u64,
}

/// Finds duplicate groups among records pushed in any order.
///
/// ```
/// use crm360_address::dedup::{ContactRecord, Deduplicator};
/// let mut d = Deduplicator::new();
/// d.push(&ContactRecord { id: 1, first_name: "Hélène", last_name: "Martin",
///     address_lines: &["12 avenue Victor Hugo"], postal_code: "75016", city: "Paris" });
/// d.push(&ContactRecord { id: 2, first_name: "MARTIN", last_name: "HELENE",
///     address_lines: &["12 av Victor-Hugo"], postal_code: "75016", city: "PARIS" });
/// d.push(&ContactRecord { id: 3, first_name: "Paul", last_name: "Martin",
///     address_lines: &["12 avenue Victor Hugo"], postal_code: "75016", city: "Paris" });
/// let groups = d.finish();
/// assert_eq!(groups.len(), 1);
/// assert_eq!(groups[0].ids, vec![1, 2]);
/// ```
#[derive(Debug, Default)]
pub struct Deduplicator {
    config: DedupConfig,
    store: FingerprintStore,
    stats: DedupStats,
}

impl Deduplicator {
    /// A deduplicator with the default settings.
    pub fn new() -> Self {
        Self::with_config(DedupConfig::default())
    }

    /// A deduplicator with the given settings.
    pub fn with_config(config: DedupConfig) -> Self {
        Deduplicator { config, store: FingerprintStore::default(), stats: DedupStats::default() }
    }

    /// Reserves room for `n` more records (avoids reallocations for large runs).
    pub fn reserve(&mut self, n: usize) {
        self.store.reserve(n);
    }

    /// Reads one record.
    pub fn push(&mut self, record: &ContactRecord<'_>) {
        self.store.push(record);
        self.stats.records += 1;
    }

    /// Number of records read so far.
    pub fn len(&self) -> usize {
        self.store.len()
    }

    /// Whether no record was read.
    pub fn is_empty(&self) -> bool {
        self.store.len() == 0
    }

    /// Compares, groups, and returns the duplicate groups (ordered by their smallest id).
    pub fn finish(self) -> Vec<DuplicateGroup> {
        self.finish_with_stats().0
    }

    /// Like [`Deduplicator::finish`], with counts of the run.
    pub fn finish_with_stats(self) -> (Vec<DuplicateGroup>, DedupStats) {
        let Deduplicator { config, store, mut stats } = self;
        let n = store.len();
        let mut uf = UnionFind::new(n);
        let mut edges: Vec<(u32, f32)> = Vec::new();
        // The sex of each group's first names, by its root: a chain of typos never joins a
        // man and a woman (FRANCOIS ~ FRANCOIES ~ FRANCOISE).
        let mut gender: Vec<u8> = store.all().iter().map(|f| f.gender).collect();
        for_each_candidate_pair(&store, config.max_block_size, config.window, |a, b| {
            let (ra, rb) = (uf.find(a), uf.find(b));
            if ra == rb {
                return;
            }
            stats.comparisons += 1;
            let fa: &Fingerprint = store.get(a);
            let fb: &Fingerprint = store.get(b);
            if let Some(score) = score_pair(&store, fa, fb, &config.thresholds) {
                let (ga, gb) = (gender[ra as usize], gender[rb as usize]);
                if ga != 0 && gb != 0 && ga != gb {
                    return;
                }
                stats.matches += 1;
                uf.union(a, b);
                gender[uf.find(a) as usize] = ga.max(gb);
                edges.push((a, score as f32));
            }
        });
        let groups = uf.groups(&edges, |i| store.get(i).id);
        (groups, stats)
    }
}

/// Deduplicates records in one call (see [`Deduplicator`]).
pub fn find_duplicates<'a>(records: impl IntoIterator<Item = ContactRecord<'a>>) -> Vec<DuplicateGroup> {
    let mut d = Deduplicator::new();
    for r in records {
        d.push(&r);
    }
    d.finish()
}

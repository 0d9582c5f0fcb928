//! Postal deduplication: known duplicates and known non-duplicates, then precision and
//! recall on a generated set with injected duplicates.

#[path = "support/synthetic.rs"]
mod synthetic;

use crm360_address::dedup::{ContactRecord, Deduplicator};

struct Row {
    id: u64,
    first: &'static str,
    last: &'static str,
    street: &'static str,
    code: &'static str,
    city: &'static str,
}

fn groups_of(rows: &[Row]) -> Vec<Vec<u64>> {
    let mut d = Deduplicator::new();
    for r in rows {
        let lines = [r.street];
        d.push(&ContactRecord {
            id: r.id,
            first_name: r.first,
            last_name: r.last,
            address_lines: &lines,
            postal_code: r.code,
            city: r.city,
        });
    }
    d.finish().into_iter().map(|g| g.ids).collect()
}

fn same_group(a: &[Row]) -> bool {
    let g = groups_of(a);
    g.len() == 1 && g[0].len() == a.len()
}

const fn row(
    id: u64,
    first: &'static str,
    last: &'static str,
    street: &'static str,
    code: &'static str,
    city: &'static str,
) -> Row {
    Row { id, first, last, street, code, city }
}

#[test]
fn known_duplicates_are_grouped() {
    let pairs: &[[Row; 2]] = &[
        // Accents and case.
        [
            row(1, "Hélène", "Lefèvre", "12 rue de l'Église", "75004", "Paris"),
            row(2, "HELENE", "LEFEVRE", "12 RUE DE L EGLISE", "75004", "PARIS"),
        ],
        // Street-type and title abbreviations.
        [
            row(1, "Jean", "Dupont", "3 avenue du Général de Gaulle", "92100", "Boulogne-Billancourt"),
            row(2, "Jean", "Dupont", "3 av du Gal de Gaulle", "92100", "Boulogne Billancourt"),
        ],
        // Swapped first and last names.
        [
            row(1, "Sophie", "Martin", "5 place Bellecour", "69002", "Lyon"),
            row(2, "Martin", "Sophie", "5 pl Bellecour", "69002", "LYON"),
        ],
        // Typos in the last name and in the street.
        [
            row(1, "Pierre", "Fournier", "18 boulevard Haussmann", "75009", "Paris"),
            row(2, "Pierre", "Fourneir", "18 bd Hausmann", "75009", "Paris"),
        ],
        // Repetition index written two ways, punctuation, Saint abbreviated.
        [
            row(1, "Anne", "Roux", "7 bis rue Saint-Jacques", "75005", "Paris"),
            row(2, "anne", "roux", "7B, r. St Jacques", "75005", "paris"),
        ],
        // Arrondissement written in the locality; postal code lost its leading zero.
        [
            row(1, "Luc", "Bonnet", "2 rue Nationale", "06000", "Nice"),
            row(2, "Luc", "Bonnet", "2 rue Nationale", "6000", "NICE"),
        ],
        [
            row(1, "Marc", "Henry", "10 rue Mercière", "69002", "Lyon 2e"),
            row(2, "Marc", "Henry", "10 rue Merciere", "69002", "Lyon"),
        ],
        // Faubourg abbreviated in the street name, or as the street type.
        [
            row(1, "Armande", "Roger", "12 rue du Faubourg Saint-Honoré", "75008", "Paris"),
            row(2, "ARMANDE", "ROGER", "12 r. du Fbg St Honore", "75008", "PARIS"),
        ],
        [
            row(1, "Marc", "Henry", "3 faubourg de Paris", "59300", "Valenciennes"),
            row(2, "Marc", "Henry", "3 Fg de Paris", "59300", "Valenciennes"),
        ],
        // Spelling variants, a diminutive and a compound name with an initial.
        [
            row(1, "Mathieu", "Garnier", "4 chemin des Vignes", "84000", "Avignon"),
            row(2, "Matthieu", "Garnier", "4 ch des Vignes", "84000", "Avignon"),
        ],
        [
            row(1, "Alexandre", "Leroy", "7 rue des Trois Rois", "57000", "Metz"),
            row(2, "Alex", "Leroy", "7 r des Trois Rois", "57000", "METZ"),
        ],
        [
            row(1, "Jean-Pierre", "Lambert", "4 rue Lafayette", "25000", "Besançon"),
            row(2, "J-Pierre", "LAMBERT", "4 RUE LAFAYETTE", "25000", "BESANCON"),
        ],
        // Typo in the first name, city spelling.
        [
            row(1, "Christophe", "Garnier", "4 chemin des Vignes", "84000", "Avignon"),
            row(2, "Christohpe", "Garnier", "4 ch des Vignes", "84000", "Avignion"),
        ],
    ];
    for (i, pair) in pairs.iter().enumerate() {
        assert!(same_group(pair), "pair {i} should be grouped: {:?}", groups_of(pair));
    }
}

#[test]
fn known_non_duplicates_are_kept_apart() {
    let pairs: &[[Row; 2]] = &[
        // Same address, another person of the household.
        [
            row(1, "Jean", "Martin", "12 rue Victor Hugo", "75016", "Paris"),
            row(2, "Marie", "Martin", "12 rue Victor Hugo", "75016", "Paris"),
        ],
        // Same address, masculine and feminine forms of one first name.
        [
            row(1, "Jean", "Martin", "12 rue Victor Hugo", "75016", "Paris"),
            row(2, "Jeanne", "Martin", "12 rue Victor Hugo", "75016", "Paris"),
        ],
        [
            row(1, "Louis", "Petit", "3 rue de la Gare", "37000", "Tours"),
            row(2, "Louise", "Petit", "3 rue de la Gare", "37000", "Tours"),
        ],
        // Forms outside any hand-written list: the lexicon and French morphology tell.
        [
            row(1, "Marin", "Petit", "3 rue de la Gare", "37000", "Tours"),
            row(2, "Marine", "Petit", "3 rue de la Gare", "37000", "Tours"),
        ],
        [
            row(1, "Raphaël", "Petit", "3 rue de la Gare", "37000", "Tours"),
            row(2, "Raphaëlle", "PETIT", "3 r de la Gare", "37000", "TOURS"),
        ],
        [
            row(1, "Léo", "Petit", "3 rue de la Gare", "37000", "Tours"),
            row(2, "Petit", "Léa", "3 rue de la Gare", "37000", "Tours"),
        ],
        // Siblings with established first names a letter apart.
        [
            row(1, "Lucas", "Petit", "3 rue de la Gare", "37000", "Tours"),
            row(2, "Luca", "Petit", "3 rue de la Gare", "37000", "Tours"),
        ],
        // Two namesakes without any address: nothing says they live together.
        [row(1, "Jean", "Martin", "", "", ""), row(2, "Jean", "Martin", "", "", "")],
        // Namesakes in different towns.
        [
            row(1, "Jean", "Martin", "12 rue Victor Hugo", "75016", "Paris"),
            row(2, "Jean", "Martin", "12 rue Victor Hugo", "69006", "Lyon"),
        ],
        // Namesakes in the same town, other street or other number.
        [
            row(1, "Jean", "Martin", "12 rue Victor Hugo", "31000", "Toulouse"),
            row(2, "Jean", "Martin", "12 rue Pasteur", "31000", "Toulouse"),
        ],
        [
            row(1, "Jean", "Martin", "12 rue Victor Hugo", "31000", "Toulouse"),
            row(2, "Jean", "Martin", "14 rue Victor Hugo", "31000", "Toulouse"),
        ],
        // 12 and 12 bis are two addresses.
        [
            row(1, "Paul", "Roy", "12 rue des Lilas", "41000", "Blois"),
            row(2, "Paul", "Roy", "12 bis rue des Lilas", "41000", "Blois"),
        ],
        // Rue and impasse of the same name are two streets.
        [
            row(1, "Paul", "Roy", "3 rue des Lilas", "41000", "Blois"),
            row(2, "Paul", "Roy", "3 impasse des Lilas", "41000", "Blois"),
        ],
        // Two communes sharing a postal code.
        [
            row(1, "Eva", "Morel", "1 rue de la Gare", "01000", "Bourg-en-Bresse"),
            row(2, "Eva", "Morel", "1 rue de la Gare", "01000", "Saint-Denis-lès-Bourg"),
        ],
    ];
    for (i, pair) in pairs.iter().enumerate() {
        assert!(groups_of(pair).is_empty(), "pair {i} should not be grouped");
    }
}

#[test]
fn a_chain_of_typos_never_joins_a_man_and_a_woman() {
    // FRANCOIES is one typo from FRANCOIS and one from FRANCOISE.
    let rows = [
        row(1, "François", "Weber", "29 avenue Jean Moulin", "67000", "Strasbourg"),
        row(2, "Françoies", "Weber", "29 avenue Jean Moulin", "67000", "Strasbourg"),
        row(3, "Françoise", "Weber", "29 avenue Jean Moulin", "67000", "Strasbourg"),
    ];
    let groups = groups_of(&rows);
    assert!(groups.iter().all(|g| !(g.contains(&1) && g.contains(&3))), "{groups:?}");
    assert_eq!(groups.len(), 1, "the typo joins one of them: {groups:?}");
}

#[test]
fn groups_of_three_and_confidence() {
    let rows = [
        row(10, "Émilie", "Rousseau", "8 place de l'Hôtel de Ville", "38000", "Grenoble"),
        row(20, "EMILIE", "ROUSSEAU", "8 pl de l Hotel de Ville", "38000", "GRENOBLE"),
        row(30, "Rousseau", "Emilie", "8 place de l'Hôtel-de-Ville", "38000", "Grenoble"),
        row(40, "Émile", "Rousseau", "8 place de l'Hôtel de Ville", "38000", "Grenoble"),
    ];
    let mut d = Deduplicator::new();
    for r in &rows {
        d.push(&ContactRecord {
            id: r.id,
            first_name: r.first,
            last_name: r.last,
            address_lines: &[r.street],
            postal_code: r.code,
            city: r.city,
        });
    }
    let groups = d.finish();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0].ids, vec![10, 20, 30]);
    assert!(groups[0].confidence > 0.9 && groups[0].confidence <= 1.0);
}

#[test]
fn precision_and_recall_on_injected_duplicates() {
    let total = 30_000;
    let generator = synthetic::Generator::new(42, total, 0.12);
    let mut entity_of = Vec::with_capacity(total as usize);
    let mut d = Deduplicator::new();
    for c in generator {
        entity_of.push(c.entity);
        let lines = [c.complement.as_str(), c.street.as_str()];
        d.push(&ContactRecord {
            id: c.id,
            first_name: &c.first,
            last_name: &c.last,
            address_lines: &lines,
            postal_code: &c.postal_code,
            city: &c.city,
        });
    }
    let groups = d.finish();
    let q = synthetic::quality(&groups, &entity_of);
    println!(
        "pairs: true {} predicted {} correct {}; precision {:.4} recall {:.4}",
        q.true_pairs,
        q.predicted_pairs,
        q.correct_pairs,
        q.precision(),
        q.recall()
    );
    assert!(q.true_pairs > 2_000);
    assert!(q.precision() >= 0.95, "precision {}", q.precision());
    assert!(q.recall() >= 0.95, "recall {}", q.recall());
}

#[test]
fn odd_records_never_panic() {
    let odd = ["", "🙂", "N°", "12", "99999999", "1 BIS", "RUE", "ŒŒ", "\u{0}", "N 1 N 2"];
    let mut d = Deduplicator::new();
    for (i, a) in odd.iter().enumerate() {
        for b in odd {
            d.push(&ContactRecord {
                id: i as u64,
                first_name: a,
                last_name: b,
                address_lines: &[a, b],
                postal_code: b,
                city: a,
            });
        }
    }
    let _ = d.finish();
}

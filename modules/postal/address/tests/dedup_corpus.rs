//! Pair precision and recall of the postal deduplication on a labelled corpus of hard cases
//! (`tests/corpus/dedup.csv`): people of one household whose first names are masculine and
//! feminine forms of one name, siblings, namesakes; and the same person written otherwise.

use std::collections::HashMap;

use crm360_address::dedup::{ContactRecord, Deduplicator};

struct Row {
    person: String,
    first: String,
    last: String,
    street: String,
    code: String,
    city: String,
}

fn corpus() -> Vec<Row> {
    let text = include_str!("corpus/dedup.csv");
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b';').comment(Some(b'#')).flexible(false).from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed corpus row");
            Row {
                person: r[0].to_owned(),
                first: r[1].to_owned(),
                last: r[2].to_owned(),
                street: r[3].to_owned(),
                code: r[4].to_owned(),
                city: r[5].to_owned(),
            }
        })
        .collect()
}

/// The pairs found and missed: (true pairs, predicted pairs, correct pairs, wrong pairs,
/// missed pairs), the last two as descriptions for the failure message.
fn evaluate(rows: &[Row]) -> (u64, u64, u64, Vec<String>, Vec<String>) {
    let mut d = Deduplicator::new();
    for (i, r) in rows.iter().enumerate() {
        let lines = [r.street.as_str()];
        d.push(&ContactRecord {
            id: i as u64,
            first_name: &r.first,
            last_name: &r.last,
            address_lines: &lines,
            postal_code: &r.code,
            city: &r.city,
        });
    }
    let groups = d.finish();
    let describe = |i: usize| {
        let r = &rows[i];
        format!("{} {} / {} {} {} ({})", r.first, r.last, r.street, r.code, r.city, r.person)
    };
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let (mut predicted, mut correct) = (0u64, 0u64);
    let mut wrong = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for (k, a) in group.ids.iter().enumerate() {
            group_of.insert(*a as usize, g);
            for b in &group.ids[k + 1..] {
                predicted += 1;
                let (a, b) = (*a as usize, *b as usize);
                if rows[a].person == rows[b].person {
                    correct += 1;
                } else {
                    wrong.push(format!("{}  ~  {}", describe(a), describe(b)));
                }
            }
        }
    }
    let mut by_person: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_person.entry(r.person.as_str()).or_default().push(i);
    }
    let mut truth = 0u64;
    let mut missed = Vec::new();
    for members in by_person.values() {
        for (k, a) in members.iter().enumerate() {
            for b in &members[k + 1..] {
                truth += 1;
                if group_of.get(a).is_none() || group_of.get(a) != group_of.get(b) {
                    missed.push(format!("{}  ~  {}", describe(*a), describe(*b)));
                }
            }
        }
    }
    (truth, predicted, correct, wrong, missed)
}

#[test]
fn pair_precision_and_recall_on_hard_cases_are_above_098() {
    let rows = corpus();
    assert!(rows.len() >= 500, "the corpus has {} rows", rows.len());
    let (truth, predicted, correct, wrong, missed) = evaluate(&rows);
    let precision = if predicted == 0 { 1.0 } else { correct as f64 / predicted as f64 };
    let recall = correct as f64 / truth as f64;
    println!(
        "dedup corpus: {} records, {truth} true pairs, {predicted} predicted, {correct} correct; precision {precision:.4} recall {recall:.4}",
        rows.len()
    );
    for pair in &wrong {
        println!("merged, but two people: {pair}");
    }
    for pair in &missed {
        println!("missed: {pair}");
    }
    assert!(truth >= 150, "{truth} true pairs");
    assert!(
        precision > 0.98 && recall > 0.98,
        "precision {precision:.4}, recall {recall:.4}\nmerged, but two people:\n  {}\nmissed:\n  {}",
        wrong.join("\n  "),
        missed.join("\n  ")
    );
}

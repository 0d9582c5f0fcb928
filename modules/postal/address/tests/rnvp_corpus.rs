//! RNVP of a corpus of messy French addresses, snapshotted with insta.
//!
//! The corpus (`corpus/addresses.csv`) was written for the project from the rules of
//! NF Z10-011: accents, case, punctuation, long lines, street-type abbreviations, lieux-dits,
//! BP/CEDEX, misspelt towns, wrong postal codes, Paris/Lyon/Marseille arrondissements,
//! overseas departments, Corsica and misplaced lines. Each snapshot entry shows the input,
//! the six output lines, the status and the reasons; the accepted snapshot was reviewed by
//! hand.

use std::fmt::Write as _;

use crm360_address::{LINE_MAX_CHARS, RnvpStatus, rnvp, rnvp_csv};

const CORPUS: &str = include_str!("corpus/addresses.csv");

fn corpus_rows() -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(CORPUS.as_bytes());
    reader.records().map(|r| r.expect("corpus row").iter().map(str::to_string).collect()).collect()
}

#[test]
fn corpus_is_large_enough() {
    assert!(corpus_rows().len() >= 200);
}

#[test]
fn corpus_snapshot() {
    let mut report = String::new();
    for (i, row) in corpus_rows().iter().enumerate() {
        let result = rnvp(row);
        for line in &result.lines {
            assert!(
                line.len() <= LINE_MAX_CHARS || result.status == RnvpStatus::Invalid,
                "row {}: line too long: {line}",
                i + 1
            );
            assert!(
                line.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' '),
                "row {}: forbidden character in {line}",
                i + 1
            );
        }
        writeln!(report, "#{:03} in  {}", i + 1, row.join(" | ")).unwrap();
        for (n, line) in result.lines.iter().enumerate() {
            if !line.is_empty() {
                writeln!(report, "     L{} {}", n + 1, line).unwrap();
            }
        }
        writeln!(report, "     => {} {}", result.status.code(), result.reasons.join(" ")).unwrap();
    }
    insta::assert_snapshot!("corpus", report);
}

#[test]
fn corpus_through_csv_gives_the_same_results() {
    let mut out = Vec::new();
    let summary = rnvp_csv(CORPUS.as_bytes(), &mut out).expect("csv run");
    let rows = corpus_rows();
    assert_eq!(summary.rows as usize, rows.len());
    assert_eq!(summary.valid + summary.corrected + summary.invalid, summary.rows);
    let mut reader = csv::Reader::from_reader(out.as_slice());
    for (row, written) in rows.iter().zip(reader.records()) {
        let written = written.expect("output row");
        let expected = rnvp(row);
        for n in 0..6 {
            assert_eq!(&written[n], expected.lines[n].as_str());
        }
        assert_eq!(&written[6], expected.status.code());
        assert_eq!(written[7].to_string(), expected.reasons.join("|"));
    }
}

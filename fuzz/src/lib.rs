//! Fuzz harnesses: each takes arbitrary bytes, as `libfuzzer_sys::fuzz_target!` does (a
//! cargo-fuzz target is one line: `fuzz_target!(|data: &[u8]| crm360_fuzz::csv_reader(data));`),
//! and panics only on a bug: whatever the input, the code under test answers or refuses.
//! `src/main.rs` runs them for a bounded time on stable Rust (CI does, see `scripts/test.sh`).

#![allow(clippy::disallowed_methods)] // the compiled segment is rendered to SQL text, never run

use crm360_contacts::fields::ContactField;
use crm360_contacts::model::consent::ConsentChannel;
use crm360_contacts::service::segments::{Compiler, ComputedField, ConditionSpec, Node, SegmentOperator};
use sea_orm::{DbBackend, EntityTrait, QueryFilter, QueryTrait};

/// The CSV reader: sniffing, then reading every row of the bytes as a file.
pub fn csv_reader(data: &[u8]) {
    use crm360_contacts::service::csv_file::{CsvFile, sniff};
    let _ = sniff(data);
    let path = std::env::temp_dir().join(format!("crm360-fuzz-{}.csv", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(mut file) = CsvFile::open(&path, None) {
        let mut rows = 0u64;
        while let Some(row) = file.next_row() {
            if let Ok(fields) = &row.fields {
                assert_eq!(fields.len(), file.headers.len(), "a row read is as wide as the header");
            }
            rows += 1;
            assert!(rows <= data.len() as u64 + 1, "no more rows than bytes");
        }
        assert!(file.bytes_read() <= data.len() as u64, "read past the end of the file");
    }
    let _ = std::fs::remove_file(&path);
}

/// The segment compiler: a tree built from the bytes (any field, operator and value, NUL
/// bytes, wildcards and accents included), compiled for both databases and rendered to SQL.
pub fn segment_compiler(data: &[u8]) {
    let mut input = Input(data);
    let node = input.node(0);
    let clock = crm360_kernel::clock::Clock::manual(chrono::DateTime::UNIX_EPOCH + chrono::Duration::days(20_000));
    for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
        for identifiers in [true, false] {
            let mut compiler = Compiler::new(Vec::new(), clock.clone()).on(backend).identifiers(identifiers);
            if let Ok(condition) = compiler.compile(&node, "definition") {
                let sql = crm360_contacts::model::contact::Entity::find().filter(condition).build(backend).to_string();
                assert!(!sql.is_empty());
            }
        }
    }
}

/// The RNVP normaliser: up to seven address lines cut from the bytes (as UTF-8, lossily).
pub fn rnvp(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let lines: Vec<&str> = text.split('\n').take(7).collect();
    let result = crm360_address::rnvp(&lines);
    let _ = format!("{result:?}");
}

/// Reads choices from the fuzzer's bytes; zeros once they run out.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((first, rest)) => {
                self.0 = rest;
                *first
            }
            None => 0,
        }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.byte() as usize % items.len()]
    }

    fn text(&mut self) -> String {
        const PIECES: [&str; 16] =
            ["Paris", "é", "%", "_", "\0", "'", "\\", "75", "2024-02-30", "1e308", "-1", "", " ", "Œuvre", "𝔘", "NaN"];
        let n = self.byte() % 6;
        (0..n)
            .map(|_| match self.byte() {
                b if b < 200 => PIECES[b as usize % PIECES.len()].to_owned(),
                b => char::from(b).to_string(),
            })
            .collect()
    }

    fn node(&mut self, depth: usize) -> Node {
        match self.byte() % 5 {
            0 if depth < 14 => Node::And((0..self.byte() % 4).map(|_| self.node(depth + 1)).collect()),
            1 if depth < 14 => Node::Or((0..self.byte() % 4).map(|_| self.node(depth + 1)).collect()),
            2 if depth < 14 => Node::Not(Box::new(self.node(depth + 1))),
            _ => Node::Condition(self.condition()),
        }
    }

    fn condition(&mut self) -> ConditionSpec {
        let operators: Vec<SegmentOperator> =
            <SegmentOperator as async_graphql::resolver_utils::EnumType>::items().iter().map(|i| i.value).collect();
        let computed: Vec<ComputedField> =
            <ComputedField as async_graphql::resolver_utils::EnumType>::items().iter().map(|i| i.value).collect();
        let channels: Vec<ConsentChannel> =
            <ConsentChannel as async_graphql::resolver_utils::EnumType>::items().iter().map(|i| i.value).collect();
        let target = self.byte() % 6;
        let values = (0..match self.byte() {
            255 => 1_200,
            b => b as usize % 4,
        })
            .map(|_| self.text())
            .collect();
        ConditionSpec {
            field: (target <= 2).then(|| self.pick(&ContactField::ALL)),
            computed: (target == 3 || target == 5).then(|| self.pick(&computed)),
            custom_field_key: (target == 4).then(|| self.text()),
            consent_channel: (target == 5).then(|| self.pick(&channels)),
            operator: self.pick(&operators),
            value: (self.byte() % 4 != 0).then(|| self.text()),
            values,
            from: (self.byte() % 3 == 0).then(|| self.text()),
            to: (self.byte() % 3 == 0).then(|| self.text()),
        }
    }
}

//! Survivorship: which values survive when the records of a group are merged.
//!
//! Rules: each field takes the value of the most recently updated record that has one
//! (not empty); on equal dates, the longest (most complete) value. The master record is the
//! most complete one, then the most recent. Consents merge to the strictest.

use serde::Serialize;

/// A consent state, ordered from the strictest: `Denied < Unknown < Granted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Consent {
    /// The person refused (or withdrew).
    Denied,
    /// Nothing recorded.
    Unknown,
    /// The person agreed.
    Granted,
}

/// The strictest consent of the merged records: `Denied` if any is denied, else `Unknown` if
/// any is unknown, else `Granted`. No record gives `Unknown`.
pub fn merge_consent(consents: impl IntoIterator<Item = Consent>) -> Consent {
    consents.into_iter().min().unwrap_or(Consent::Unknown)
}

/// One record of a group, as survivorship sees it: when it was last updated, and its fields
/// in an order the caller chooses (the same for every record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurvivorRecord<T> {
    /// Last update (any ordered type: a timestamp, a `chrono::DateTime`...).
    pub updated_at: T,
    /// Field values; `None` or an empty string means missing.
    pub fields: Vec<Option<String>>,
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl<T> SurvivorRecord<T> {
    /// How many fields have a value.
    pub fn completeness(&self) -> usize {
        self.fields.iter().filter(|v| present(v).is_some()).count()
    }
}

/// The index of the master record: the most complete, then the most recent, then the first.
pub fn choose_master<T: Ord>(records: &[SurvivorRecord<T>]) -> Option<usize> {
    records
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| {
            a.completeness()
                .cmp(&b.completeness())
                .then_with(|| a.updated_at.cmp(&b.updated_at))
                .then_with(|| ib.cmp(ia))
        })
        .map(|(i, _)| i)
}

/// The surviving value of each field: from the most recent record that has it; on equal
/// dates, the longest value. The result has as many fields as the widest record.
pub fn surviving_values<T: Ord>(records: &[SurvivorRecord<T>]) -> Vec<Option<String>> {
    let width = records.iter().map(|r| r.fields.len()).max().unwrap_or(0);
    (0..width)
        .map(|f| {
            records
                .iter()
                .filter_map(|r| present(r.fields.get(f)?).map(|v| (&r.updated_at, v)))
                .max_by(|(ta, va), (tb, vb)| ta.cmp(tb).then_with(|| va.len().cmp(&vb.len())))
                .map(|(_, v)| v.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(t: i64, fields: &[Option<&str>]) -> SurvivorRecord<i64> {
        SurvivorRecord { updated_at: t, fields: fields.iter().map(|f| f.map(str::to_string)).collect() }
    }

    #[test]
    fn consent_keeps_the_strictest() {
        use Consent::*;
        assert_eq!(merge_consent([Granted, Denied, Unknown]), Denied);
        assert_eq!(merge_consent([Granted, Unknown]), Unknown);
        assert_eq!(merge_consent([Granted, Granted]), Granted);
        assert_eq!(merge_consent([]), Unknown);
    }

    #[test]
    fn most_recent_non_empty_value_wins() {
        let records = [
            rec(10, &[Some("Jean"), Some("jean@old.fr"), Some("0601020304")]),
            rec(20, &[Some("Jean"), Some("jean@new.fr"), None]),
            rec(15, &[Some("Jean-Pierre"), Some(""), None]),
        ];
        assert_eq!(
            surviving_values(&records),
            vec![Some("Jean".into()), Some("jean@new.fr".into()), Some("0601020304".into())]
        );
        assert_eq!(choose_master(&records), Some(0));
    }

    #[test]
    fn ties_go_to_the_longest_value() {
        let records = [rec(5, &[Some("J")]), rec(5, &[Some("Jean")])];
        assert_eq!(surviving_values(&records), vec![Some("Jean".into())]);
    }
}

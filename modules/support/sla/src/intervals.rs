//! Half-open UTC intervals `[start, end)`: merging and measuring overlaps.

use chrono::{DateTime, Duration, Utc};

pub(crate) type Span = (DateTime<Utc>, DateTime<Utc>);

/// Sorted, disjoint, non-empty spans covering the same instants as `spans`.
pub(crate) fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|(s, e)| s < e);
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// `span` cut to `bounds`, if anything is left.
pub(crate) fn clip(span: Span, bounds: Span) -> Option<Span> {
    let s = span.0.max(bounds.0);
    let e = span.1.min(bounds.1);
    (s < e).then_some((s, e))
}

/// How much of `span` lies inside the sorted, disjoint `merged` spans.
pub(crate) fn overlap(span: Span, merged: &[Span]) -> Duration {
    let first = merged.partition_point(|(_, e)| *e <= span.0);
    merged[first..].iter().take_while(|(s, _)| *s < span.1).filter_map(|&m| clip(m, span)).map(|(s, e)| e - s).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: i64) -> DateTime<Utc> {
        DateTime::UNIX_EPOCH + Duration::hours(h)
    }

    #[test]
    fn merges_overlapping_and_touching_spans_and_drops_empty_ones() {
        let spans = vec![(at(5), at(6)), (at(1), at(3)), (at(2), at(4)), (at(4), at(4)), (at(6), at(7))];
        assert_eq!(merge(spans), vec![(at(1), at(4)), (at(5), at(7))]);
    }

    #[test]
    fn overlap_counts_only_the_shared_part() {
        let merged = vec![(at(1), at(3)), (at(5), at(7)), (at(9), at(10))];
        assert_eq!(overlap((at(2), at(6)), &merged), Duration::hours(2));
        assert_eq!(overlap((at(3), at(5)), &merged), Duration::zero());
        assert_eq!(overlap((at(0), at(11)), &merged), Duration::hours(5));
    }
}

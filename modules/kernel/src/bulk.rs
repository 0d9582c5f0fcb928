//! Bulk inserts in a few fixed statement sizes.
//!
//! A multi-row `INSERT` of an arbitrary number of rows is a new statement each time: the
//! database parses and plans it again (for 500 contact rows, as long as it takes to write
//! them), and the driver's statement cache churns. Cut into chunks whose sizes are powers of
//! two up to [`MAX_CHUNK_ROWS`], each size is prepared once per connection and reused.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait};

/// The largest chunk: 128 rows of 40 columns stay far below the parameter limits of
/// PostgreSQL (65 535) and SQLite (32 766).
pub const MAX_CHUNK_ROWS: usize = 128;

/// The chunk sizes for `rows` rows: as many full chunks as fit, then the remainder's binary
/// decomposition (500 rows: 128, 128, 128, 64, 32, 16, 4).
pub fn chunk_sizes(mut rows: usize) -> Vec<usize> {
    let mut sizes = Vec::new();
    while rows > 0 {
        let size = if rows >= MAX_CHUNK_ROWS { MAX_CHUNK_ROWS } else { 1 << rows.ilog2() };
        sizes.push(size);
        rows -= size;
    }
    sizes
}

/// Inserts the rows (none: no statement), in chunks of [`chunk_sizes`].
pub async fn insert_in_chunks<A>(conn: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter();
    for size in chunk_sizes(rows.len()) {
        let chunk: Vec<A> = rows.by_ref().take(size).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_few_powers_of_two_that_add_up() {
        assert_eq!(chunk_sizes(0), Vec::<usize>::new());
        assert_eq!(chunk_sizes(1), vec![1]);
        assert_eq!(chunk_sizes(500), vec![128, 128, 128, 64, 32, 16, 4]);
        for rows in 0..2_000 {
            let sizes = chunk_sizes(rows);
            assert_eq!(sizes.iter().sum::<usize>(), rows);
            assert!(sizes.iter().all(|s| s.is_power_of_two() && *s <= MAX_CHUNK_ROWS));
        }
    }
}

//! The throttle of password guesses (login and password change), atomic on both databases.
//!
//! Each attempt is counted before its password is checked, in the same statement that
//! decides whether it may be checked at all:
//!
//! ```sql
//! INSERT INTO login_throttle (key, failures, next_attempt_at, last_attempt_at) VALUES (..)
//! ON CONFLICT (key) DO UPDATE SET failures = <failures + 1, or 1 once forgotten>,
//!     next_attempt_at = now + <the rule's delay after that many failures>, last_attempt_at = now
//! WHERE login_throttle.next_attempt_at <= now
//! RETURNING failures
//! ```
//!
//! No row back: the key waits, and the attempt is refused unchecked. Thirty guesses sent in
//! parallel are therefore counted one after the other by the database (the row is locked by
//! the upsert on PostgreSQL, the database by the write on SQLite), and only the rule's free
//! attempts are checked. A success forgets the account's keys.

use crate::model::login_throttle::{self, Column, Entity};
use crate::policy::ThrottleRule;
use chrono::{DateTime, Utc};
use crm360_kernel::{Unscoped, secret};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, QueryFilter};

/// What a throttled key is about. Only its digest is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThrottleKey(String);

impl ThrottleKey {
    /// Guesses at one account from one address.
    pub fn account_and_address(email: &str, ip: Option<&str>) -> ThrottleKey {
        ThrottleKey::digest("account-address", &format!("{email}\n{}", ip.unwrap_or("")))
    }

    /// Guesses from one address, at any account.
    pub fn address(ip: Option<&str>) -> ThrottleKey {
        ThrottleKey::digest("address", ip.unwrap_or(""))
    }

    /// Consecutive failures at one account, from anywhere (the hard lock).
    pub fn account(email: &str) -> ThrottleKey {
        ThrottleKey::digest("account", email)
    }

    /// Guesses of a person's current password in a password change.
    pub fn password_change(subject_id: uuid::Uuid) -> ThrottleKey {
        ThrottleKey::digest("password-change", &subject_id.to_string())
    }

    /// Lost-password requests for one e-mail address, whether or not an account has it.
    pub fn password_reset(email: &str) -> ThrottleKey {
        ThrottleKey::digest("password-reset", email)
    }

    /// Lost-password requests from one client address, for any e-mail address.
    pub fn password_reset_from(ip: Option<&str>) -> ThrottleKey {
        ThrottleKey::digest("password-reset-address", ip.unwrap_or(""))
    }

    fn digest(kind: &str, value: &str) -> ThrottleKey {
        ThrottleKey(format!("{kind}:{}", secret::digest(&format!("{kind}\n{value}"))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether an attempt may be checked.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Counted: `failures` consecutive attempts so far, this one included.
    Admitted { failures: i64 },
    /// Not before this many seconds.
    Refused { retry_after_seconds: i64 },
}

/// Counts an attempt on `key` and says whether it may be checked (one statement).
pub async fn admit<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    rule: &ThrottleRule,
    key: &ThrottleKey,
    now: DateTime<Utc>,
) -> Result<Admission, DbErr> {
    let now = now.timestamp();
    let stale = now - rule.forget_after.num_seconds();
    let col = |column: Column| Expr::col((Entity, column));
    // The failures after this attempt: one more, or the first again once forgotten.
    let failures = || -> Expr {
        Expr::case(col(Column::LastAttemptAt).lt(stale), 1i64).finally(col(Column::Failures).add(1i64)).into()
    };
    // The delay after that many failures, from the rule's steps (longest first).
    let mut steps = rule.steps();
    steps.reverse();
    let mut delay = Expr::case(failures().gte(steps[0].0), steps[0].1);
    for (from, seconds) in steps.iter().skip(1) {
        delay = delay.case(failures().gte(*from), *seconds);
    }
    let delay: Expr = delay.finally(0i64).into();
    let first_delay = rule.delay_after(1).num_seconds();
    let statement = Query::insert()
        .into_table(Entity)
        .columns([Column::Key, Column::Failures, Column::NextAttemptAt, Column::LastAttemptAt])
        .values_panic([key.as_str().into(), 1i64.into(), (now + first_delay).into(), now.into()])
        .on_conflict(
            OnConflict::column(Column::Key)
                .value(Column::Failures, failures())
                .value(Column::NextAttemptAt, Expr::val(now).add(delay))
                .value(Column::LastAttemptAt, now)
                .action_and_where(col(Column::NextAttemptAt).lte(now))
                .to_owned(),
        )
        .returning_col(Column::Failures)
        .to_owned();
    if let Some(row) = db.query_one(&statement).await? {
        return Ok(Admission::Admitted { failures: row.try_get::<i64>("", "failures")? });
    }
    let waiting = db.find::<Entity>().filter(Column::Key.eq(key.as_str())).one(db).await?;
    let next = waiting.map_or(now + 1, |row| row.next_attempt_at);
    Ok(Admission::Refused { retry_after_seconds: std::cmp::max(next - now, 1) })
}

/// Forgets the keys of an account after a success.
pub async fn forget<C: ConnectionTrait + Send + Sync>(db: &Unscoped<C>, keys: &[&ThrottleKey]) -> Result<(), DbErr> {
    db.delete_many::<Entity>().filter(Column::Key.is_in(keys.iter().map(|k| k.as_str().to_owned()))).exec(db).await?;
    Ok(())
}

/// Takes back the count of an attempt that turned out right (an address's key: the
/// successes of a busy address do not slow it down).
pub async fn uncount<C: ConnectionTrait + Send + Sync>(db: &Unscoped<C>, key: &ThrottleKey) -> Result<(), DbErr> {
    db.update_many::<Entity>()
        .col_expr(
            Column::Failures,
            Expr::case(Expr::col(Column::Failures).gt(0i64), Expr::col(Column::Failures).sub(1i64))
                .finally(0i64)
                .into(),
        )
        .filter(Column::Key.eq(key.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the keys without an attempt since `before` (the retention purge): none of them
/// still slows anything down once its longest rule has forgotten it.
pub async fn purge_idle<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let purged = db
        .delete_many::<Entity>()
        .filter(login_throttle::Column::LastAttemptAt.lt(before.timestamp()))
        .exec(db)
        .await?;
    Ok(purged.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn delays_double_after_the_free_attempts_up_to_the_longest() {
        let rule = ThrottleRule {
            free_attempts: 3,
            first_delay: Duration::seconds(2),
            max_delay: Duration::seconds(10),
            forget_after: Duration::days(1),
        };
        let delays: Vec<i64> = (1..=7).map(|n| rule.delay_after(n).num_seconds()).collect();
        assert_eq!(delays, [0, 0, 2, 4, 8, 10, 10]);
        assert_eq!(rule.steps(), [(3, 2), (4, 4), (5, 8), (6, 10)]);
    }

    #[test]
    fn keys_keep_no_personal_data_in_clear() {
        let key = ThrottleKey::account_and_address("ann@acme.test", Some("192.0.2.1"));
        assert!(key.as_str().starts_with("account-address:"));
        assert!(!key.as_str().contains("acme") && !key.as_str().contains("192.0"));
        assert_ne!(key, ThrottleKey::account_and_address("ann@acme.test", Some("192.0.2.2")));
    }
}

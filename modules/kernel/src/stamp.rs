//! Ids and creation times, set in one place: every row inserted through the kernel's door
//! gets a time-ordered id and its creation time (from the platform clock) where the caller
//! left them unset.

use crate::ids::new_id;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, IdenStatic, Iterable, PrimaryKeyToColumn};

/// The row with `id`, `created_at` and `updated_at` filled where unset.
pub(crate) fn new_row<A: ActiveModelTrait>(mut row: A, now: DateTime<Utc>) -> A {
    for column in <A::Entity as EntityTrait>::Column::iter() {
        if !row.is_not_set(column) {
            continue;
        }
        // A column of another type (an integer id) keeps what the database gives it.
        let _ = match column.as_str() {
            "id" => row.try_set(column, new_id().into()),
            "created_at" | "updated_at" => row.try_set(column, now.into()),
            _ => Ok(()),
        };
    }
    row
}

/// The row with `updated_at` set to `now` unless the caller set it: every update through the
/// door moves it.
pub(crate) fn touched<A: ActiveModelTrait>(mut row: A, now: DateTime<Utc>) -> A {
    for column in <A::Entity as EntityTrait>::Column::iter() {
        if column.as_str() == "updated_at" && !matches!(row.get(column), sea_orm::ActiveValue::Set(_)) {
            let _ = row.try_set(column, now.into());
        }
    }
    row
}

/// Whether `column` is part of the entity's primary key.
pub(crate) fn is_primary_key<E: EntityTrait>(column: E::Column) -> bool {
    E::PrimaryKey::iter().any(|key| key.into_column().as_str() == column.as_str())
}

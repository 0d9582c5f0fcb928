//! Contacts queries. Guarded fields say what they require in their doc comment, in the words
//! the end-to-end suite reads from introspection.

use super::loaders::PageRelated;
use super::types::*;
use crate::service::contact_sort::{ContactPage, ContactSort, Direction, SortField};
use crate::service::uploads::FileSettings;
use crate::service::{contacts, custom_fields, imports, parse_id, segments};
use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, ID, Object, Result};
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireAnyRight, RequireRight};
use crm360_kernel::pagination::{Order, Page};
use crm360_kernel::{ApiError, Right};

#[derive(Default)]
pub struct ContactsQuery;

/// The order of the contact list by creation (superseded by `ContactOrderBy`).
#[derive(async_graphql::Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ContactOrder {
    /// Oldest first (creation order).
    OldestFirst,
    /// Most recently created first.
    NewestFirst,
}

/// A column the contact list can be sorted by. Text columns sort case-insensitively for
/// ASCII letters and by code point otherwise (accented initials after `z`); contacts without
/// a value come last ascending and first descending; ties go by creation.
#[derive(async_graphql::Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ContactSortField {
    LastName,
    FirstName,
    /// The personal email.
    PersonalEmail,
    PostalCode,
    City,
    CreatedAt,
    UpdatedAt,
}

/// Ascending (A to Z, oldest first) or descending.
#[derive(async_graphql::Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum SortDirection {
    Asc,
    Desc,
}

/// How to sort the contact list. Cursors belong to one order: a cursor of another order is
/// refused (`INVALID_INPUT`, reason `INVALID_CURSOR`).
#[derive(async_graphql::InputObject, Copy, Clone, Debug)]
pub struct ContactOrderBy {
    pub field: ContactSortField,
    #[graphql(default_with = "SortDirection::Asc")]
    pub direction: SortDirection,
}

impl ContactOrderBy {
    fn sort(self) -> ContactSort {
        let field = match self.field {
            ContactSortField::LastName => SortField::LastName,
            ContactSortField::FirstName => SortField::FirstName,
            ContactSortField::PersonalEmail => SortField::PersonalEmail,
            ContactSortField::PostalCode => SortField::PostalCode,
            ContactSortField::City => SortField::City,
            ContactSortField::CreatedAt => SortField::CreatedAt,
            ContactSortField::UpdatedAt => SortField::UpdatedAt,
        };
        ContactSort::By(field, direction(self.direction))
    }
}

fn direction(direction: SortDirection) -> Direction {
    match direction {
        SortDirection::Asc => Direction::Ascending,
        SortDirection::Desc => Direction::Descending,
    }
}

/// The list's order from the `order` and `orderBy` arguments (at most one of them).
fn contact_sort(order: Option<ContactOrder>, order_by: Option<ContactOrderBy>) -> Result<ContactSort> {
    match (order, order_by) {
        (Some(_), Some(_)) => {
            Err(ApiError::invalid("orderBy", "CONFLICTING_ORDER", "give either order or orderBy").into())
        }
        (_, Some(order_by)) => Ok(order_by.sort()),
        (Some(ContactOrder::NewestFirst), None) => Ok(ContactSort::Creation(Direction::Descending)),
        (Some(ContactOrder::OldestFirst) | None, None) => Ok(ContactSort::Creation(Direction::Ascending)),
    }
}

#[Object]
impl ContactsQuery {
    /// The tenant's contacts, searched (name, email, phone, postal code), filtered by a
    /// segment tree and sorted by `orderBy` (creation order without it).
    /// Requires the `CONSULT` right.
    #[graphql(
        guard = "RequireRight(Right::Consult)",
        complexity = "5 + child_complexity + if search.is_some() || filter.is_some() { 45 } else { 0 }"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn contacts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        search: Option<String>,
        filter: Option<SegmentNodeInput>,
        #[graphql(deprecation = "use orderBy: {field: CREATED_AT, direction: ...}")] order: Option<ContactOrder>,
        order_by: Option<ContactOrderBy>,
    ) -> Result<Connection<String, Contact>> {
        let scope = tenant_scope(ctx)?;
        // A free-text search scans the contacts: it takes a call from the samples' limit.
        if search.as_deref().is_some_and(|s| !s.trim().is_empty()) {
            crm360_kernel::rate_limit::take(ctx, crm360_kernel::rate_limit::Work::Sample)?;
        }
        let page = ContactPage::parse(first, after.as_deref(), contact_sort(order, order_by)?).gql()?;
        let filter = filter.map(|f| f.to_node("filter")).transpose()?;
        // The page and its related data in one transaction: a fixed number of statements.
        let txn = scope.begin().await.gql()?;
        let rows = contacts::list_in(&txn, &page, search.as_deref(), filter.as_ref()).await.gql()?;
        let (rows, has_next) = page.split(rows);
        let related = PageRelated::load(ctx, &txn, &rows).await.gql()?;
        txn.commit().await.gql()?;
        let mut connection = Connection::new(page.has_previous(), has_next);
        connection.edges.extend(rows.into_iter().map(|c| Edge::new(page.cursor_of(&c), Contact::in_page(c, &related))));
        Ok(connection)
    }

    /// One contact. Requires the `CONSULT` right.
    #[graphql(guard = "RequireRight(Right::Consult)")]
    async fn contact(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Contact>> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&id, "id").gql()?;
        Ok(contacts::find(&scope, id).await.gql()?.map(Contact::from))
    }

    /// The tenant's custom fields. Requires one of the rights `IMPORT`, `CONSULT`, `ANALYSE`.
    #[graphql(guard = "RequireAnyRight(&[Right::Import, Right::Consult, Right::Analyse])")]
    async fn custom_fields(&self, ctx: &Context<'_>) -> Result<Vec<CustomField>> {
        let scope = tenant_scope(ctx)?;
        Ok(custom_fields::list(&scope).await.gql()?.into_iter().map(CustomField::from).collect())
    }

    /// The exact number of contacts matching a segment tree (a draft, not saved), or of all
    /// contacts without one. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)", complexity = 100)]
    async fn contact_count(&self, ctx: &Context<'_>, definition: Option<SegmentNodeInput>) -> Result<i64> {
        let scope = tenant_scope(ctx)?;
        let node = match definition {
            Some(d) => d.to_node("definition")?,
            None => crate::service::segments::Node::And(vec![]),
        };
        if let crate::service::segments::Node::And(children) = &node
            && children.is_empty()
        {
            return Ok(contacts::count_all(&scope).await.gql()? as i64);
        }
        Ok(segments::count(&scope, &node).await.gql()? as i64)
    }

    /// A page of the contacts matching a segment tree. Requires all of the rights `ANALYSE`, `CONSULT`.
    #[graphql(
        guard = "RequireRight(Right::Analyse).and(RequireRight(Right::Consult))",
        complexity = "100 + child_complexity"
    )]
    async fn segment_sample(
        &self,
        ctx: &Context<'_>,
        definition: SegmentNodeInput,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Contact>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let node = definition.to_node("definition")?;
        let txn = scope.begin().await.gql()?;
        let rows = segments::sample_in(&txn, &node, &page).await.gql()?;
        let related = PageRelated::load(ctx, &txn, &rows).await.gql()?;
        txn.commit().await.gql()?;
        Ok(page.connection(rows.into_iter().map(|c| Contact::in_page(c, &related)).collect(), |c| c.uuid))
    }

    /// The tenant's saved segments. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn segments(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Segment>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let rows = segments::list(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(Segment::from).collect(), |s| s.uuid))
    }

    /// One saved segment. Requires the `ANALYSE` right.
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn segment(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Segment>> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&id, "id").gql()?;
        Ok(segments::find(&scope, id).await.gql()?.map(Segment::from))
    }

    /// The first rows of an uploaded file, its encoding and delimiter, and a suggested
    /// mapping. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn import_preview(&self, ctx: &Context<'_>, upload_id: ID) -> Result<ImportPreview> {
        let scope = tenant_scope(ctx)?;
        let files = ctx.data::<FileSettings>()?;
        let id = parse_id(&upload_id, "uploadId").gql()?;
        Ok(imports::preview(&scope, files, id).await.gql()?.into())
    }

    /// The saved column mappings. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn import_mappings(&self, ctx: &Context<'_>) -> Result<Vec<ImportMapping>> {
        let scope = tenant_scope(ctx)?;
        Ok(imports::list_mappings(&scope).await.gql()?.into_iter().map(ImportMapping::from).collect())
    }

    /// The tenant's automatic feeds. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn feeds(&self, ctx: &Context<'_>) -> Result<Vec<Feed>> {
        let scope = tenant_scope(ctx)?;
        Ok(crate::service::feeds::list(&scope).await.gql()?.into_iter().map(Feed::from).collect())
    }

    /// The tenant's imports, oldest first. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn imports(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, Import>> {
        let scope = tenant_scope(ctx)?;
        let page = Page::parse(first, after, Order::OldestFirst)?;
        let rows = imports::list(&scope, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(Import).collect(), |i| i.0.id))
    }

    /// One import with its progress and errors. Requires the `IMPORT` right.
    #[graphql(guard = "RequireRight(Right::Import)")]
    async fn import(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Import>> {
        let scope = tenant_scope(ctx)?;
        let id = parse_id(&id, "id").gql()?;
        Ok(imports::find(&scope, id).await.gql()?.map(Import))
    }
}

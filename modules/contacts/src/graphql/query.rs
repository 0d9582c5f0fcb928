//! Contacts queries. Guarded fields say what they require in their doc comment, in the words
//! the end-to-end suite reads from introspection.

use super::types::*;
use crate::service::uploads::FileSettings;
use crate::service::{contacts, custom_fields, imports, parse_id, segments};
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use crm360_kernel::Right;
use crm360_kernel::context::tenant_scope;
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireAnyRight, RequireRight};
use crm360_kernel::pagination::{Order, Page};

#[derive(Default)]
pub struct ContactsQuery;

/// The order of the contact list.
#[derive(async_graphql::Enum, Copy, Clone, Debug, Eq, PartialEq)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ContactOrder {
    /// Oldest first (creation order).
    OldestFirst,
    /// Most recently created first.
    NewestFirst,
}

#[Object]
impl ContactsQuery {
    /// The tenant's contacts, searched (name, email, phone, postal code) and filtered by a
    /// segment tree. Requires the `CONSULT` right.
    #[graphql(guard = "RequireRight(Right::Consult)")]
    async fn contacts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        search: Option<String>,
        filter: Option<SegmentNodeInput>,
        #[graphql(default_with = "ContactOrder::OldestFirst")] order: ContactOrder,
    ) -> Result<Connection<String, Contact>> {
        let scope = tenant_scope(ctx)?;
        let order = if order == ContactOrder::NewestFirst { Order::NewestFirst } else { Order::OldestFirst };
        let page = Page::parse(first, after, order)?;
        let filter = filter.map(|f| f.to_node("filter")).transpose()?;
        let rows = contacts::list(&scope, &page, search.as_deref(), filter.as_ref()).await.gql()?;
        Ok(page.connection(rows.into_iter().map(Contact::from).collect(), |c| c.uuid))
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
    #[graphql(guard = "RequireRight(Right::Analyse)")]
    async fn contact_count(&self, ctx: &Context<'_>, definition: Option<SegmentNodeInput>) -> Result<i64> {
        let scope = tenant_scope(ctx)?;
        let node = match definition {
            Some(d) => d.to_node("definition")?,
            None => crate::service::segments::Node::And(vec![]),
        };
        if let crate::service::segments::Node::And(children) = &node
            && children.is_empty()
        {
            return Ok(contacts_total(&scope).await.gql()? as i64);
        }
        Ok(segments::count(&scope, &node).await.gql()? as i64)
    }

    /// A page of the contacts matching a segment tree. Requires all of the rights `ANALYSE`, `CONSULT`.
    #[graphql(guard = "RequireRight(Right::Analyse).and(RequireRight(Right::Consult))")]
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
        let rows = segments::sample(&scope, &node, &page).await.gql()?;
        Ok(page.connection(rows.into_iter().map(Contact::from).collect(), |c| c.uuid))
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

async fn contacts_total(scope: &crm360_kernel::TenantScope) -> crate::error::ContactsResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(scope.find::<crate::model::contact::Entity>().count(scope.db()).await?)
}

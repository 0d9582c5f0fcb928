use super::Channel;
use sea_orm::entity::prelude::*;

/// A message template: an email (subject, HTML and text parts) or an SMS (its text in
/// `text_body`), with merge fields checked when it is saved.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message_template")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub channel: Channel,
    pub subject: Option<String>,
    pub html_body: Option<String>,
    pub text_body: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

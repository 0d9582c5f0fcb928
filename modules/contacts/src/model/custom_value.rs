use sea_orm::entity::prelude::*;

/// The value of one custom field for one contact, in the column of its kind.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_custom_value")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub contact_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub field_id: Uuid,
    /// Text and value-list values.
    pub value_text: Option<String>,
    /// `crm360_kernel::text::fold` of `value_text`, what segments compare (set by
    /// `CustomValue::row`, the one builder of these rows).
    pub value_folded: Option<String>,
    pub value_number: Option<f64>,
    pub value_date: Option<Date>,
    pub value_bool: Option<bool>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::custom_field::Entity",
        from = "(Column::TenantId, Column::FieldId)",
        to = "(super::custom_field::Column::TenantId, super::custom_field::Column::Id)"
    )]
    Field,
}

impl Related<super::custom_field::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Field.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

crm360_kernel::tenant_owned!(Entity, Column::TenantId);

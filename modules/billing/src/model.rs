//! The billing module's tables and their states.

pub mod grid;
pub mod invoice;
pub mod invoice_number;
pub mod invoice_series;
pub mod payment;
pub mod plan;
pub mod profile;

use sea_orm::entity::prelude::*;

/// Why a version of the price grid exists (article 10: ordinary revisions are limited,
/// structure changes are not).
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum GridKind {
    /// The first grid, Annex 1 of the contract.
    #[sea_orm(string_value = "INITIAL")]
    Initial,
    /// A price revision: at most two a calendar year, at most +15 % per price.
    #[sea_orm(string_value = "ORDINARY")]
    Ordinary,
    /// A change of the grid's structure (tiers, levels): outside the limits, flagged as such.
    #[sea_orm(string_value = "STRUCTURE_CHANGE")]
    StructureChange,
}

/// An invoice or a credit note (the only way to correct an issued invoice).
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum InvoiceKind {
    #[sea_orm(string_value = "INVOICE")]
    Invoice,
    #[sea_orm(string_value = "CREDIT_NOTE")]
    CreditNote,
}

/// A draft may be recomputed; an issued document has its number and never changes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum InvoiceStatus {
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    #[sea_orm(string_value = "ISSUED")]
    Issued,
}

/// How a payment was made.
#[derive(Copy, Clone, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, async_graphql::Enum, serde::Serialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum PaymentMethod {
    #[sea_orm(string_value = "TRANSFER")]
    Transfer,
    #[sea_orm(string_value = "DIRECT_DEBIT")]
    DirectDebit,
    #[sea_orm(string_value = "CARD")]
    Card,
    #[sea_orm(string_value = "CHEQUE")]
    Cheque,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

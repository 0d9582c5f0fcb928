//! Every schema change of crm360, in order. Append-only: a landed migration is never edited.
//! Each tenant table has `tenant_id NOT NULL` leading its primary key and indexes, so that
//! the schema can be distributed by tenant, and on PostgreSQL row-level security
//! ([`rls::protect`]) in the migration that creates it.

// Migrations are the schema's owner at work: raw DDL and data fixes across every tenant.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

pub use sea_orm_migration::prelude::*;

mod m20261126_140000_kernel_tables;
mod m20261126_140100_identity_tables;
mod m20261127_090000_contacts_tables;
mod m20261127_100000_postal_runs;
mod m20261127_110000_contacts_feeds;
mod m20261128_090000_segment_count_indexes;
mod m20261128_100000_contact_sort_indexes;
mod m20261128_110000_support_announcements_analytics;
mod m20261129_090000_contact_segment_columns;
mod m20261129_100000_drop_superseded_contact_indexes;
mod m20261201_090000_kernel_row_level_security;
mod m20261202_100000_contact_folded_columns;
mod m20261202_110000_identity_login_throttle;
mod m20261202_130000_identity_allowed_networks;
mod m20261202_131000_identity_token_expiry;
mod m20261203_090000_campaigns_tables;
mod m20261203_100000_identity_password_reset;
mod m20261203_110000_campaigns_tracking_ab;
mod m20261204_090000_billing_tables;
mod m20261204_100000_support_desk;
mod m20261205_090000_audit_seal;
mod m20261205_100000_contacts_file_retention;
pub mod rls;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_140000_kernel_tables::Migration),
            Box::new(m20261126_140100_identity_tables::Migration),
            Box::new(m20261127_090000_contacts_tables::Migration),
            Box::new(m20261127_100000_postal_runs::Migration),
            Box::new(m20261127_110000_contacts_feeds::Migration),
            Box::new(m20261128_090000_segment_count_indexes::Migration),
            Box::new(m20261128_100000_contact_sort_indexes::Migration),
            Box::new(m20261128_110000_support_announcements_analytics::Migration),
            Box::new(m20261129_090000_contact_segment_columns::Migration),
            Box::new(m20261129_100000_drop_superseded_contact_indexes::Migration),
            Box::new(m20261201_090000_kernel_row_level_security::Migration),
            Box::new(m20261202_100000_contact_folded_columns::Migration),
            Box::new(m20261202_110000_identity_login_throttle::Migration),
            Box::new(m20261202_130000_identity_allowed_networks::Migration),
            Box::new(m20261202_131000_identity_token_expiry::Migration),
            Box::new(m20261203_090000_campaigns_tables::Migration),
            Box::new(m20261203_100000_identity_password_reset::Migration),
            Box::new(m20261203_110000_campaigns_tracking_ab::Migration),
            Box::new(m20261204_090000_billing_tables::Migration),
            Box::new(m20261204_100000_support_desk::Migration),
            Box::new(m20261205_090000_audit_seal::Migration),
            Box::new(m20261205_100000_contacts_file_retention::Migration),
        ]
    }
}

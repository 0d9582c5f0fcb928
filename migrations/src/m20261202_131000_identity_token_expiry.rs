//! API tokens expire and show their last use (issue 15, "Sessions and tokens"): the address
//! of the last use beside its time (both written at most once a minute per token; the address
//! is erased after a year like the connection log's), and an expiry for every token: the
//! tokens created without one expire 90 days after this migration (the default lifetime of
//! new tokens), so that none is cut off at once and none lives for ever.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::string_null;
use sea_orm_migration::sea_orm::prelude::ChronoUtc;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("api_token").add_column(string_null("last_used_ip")).to_owned())
            .await?;
        let expiry = ChronoUtc::now() + std::time::Duration::from_secs(90 * 24 * 3600);
        manager
            .exec_stmt(
                Query::update()
                    .table("api_token")
                    .value("expires_at", expiry)
                    .and_where(Expr::col("expires_at").is_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("api_token").drop_column("last_used_ip").to_owned()).await
    }
}

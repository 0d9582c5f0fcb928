//! Open and click tracking, off unless the tenant turns it on: when on, the HTML part's
//! links go through `/suivi/clic/<token>` (signed: the token carries the link, so the
//! redirect can only lead where the message pointed) and an invisible image
//! `/suivi/ouverture/<token>` records the first open. Off, messages leave untouched.

use crate::error::CampaignsResult;
use crate::model::{send_ledger, tenant_settings};
use crate::service::settings::CampaignSettings;
use crm360_delivery::{token, tracking};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::{Platform, TenantScope, TenantTxn};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const OPEN: &str = "open";
const CLICK: &str = "click";

/// Whether the tenant of `txn` tracks opens and clicks.
pub async fn enabled_in(txn: &TenantTxn) -> CampaignsResult<bool> {
    Ok(txn.find::<tenant_settings::Entity>().one(txn).await?.is_some_and(|s| s.tracking_enabled))
}

pub async fn enabled(scope: &TenantScope) -> CampaignsResult<bool> {
    let txn = scope.begin().await?;
    let on = enabled_in(&txn).await?;
    txn.commit().await?;
    Ok(on)
}

/// Turns tracking on or off for the tenant's next messages.
pub async fn set(scope: &TenantScope, on: bool) -> CampaignsResult<bool> {
    let txn = scope.begin().await?;
    let before = enabled_in(&txn).await?;
    let row = tenant_settings::ActiveModel {
        tenant_id: Default::default(),
        tracking_enabled: Set(on),
        updated_at: Set(txn.now()),
    };
    txn.insert_statement(row)
        .on_conflict(
            OnConflict::column(tenant_settings::Column::TenantId)
                .update_columns([tenant_settings::Column::TrackingEnabled, tenant_settings::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
    txn.audit(
        AuditChange::new("campaign_settings.tracking", "tenant", txn.tenant_id())
            .before(serde_json::json!({ "trackingEnabled": before }))
            .after(serde_json::json!({ "trackingEnabled": on })),
    )
    .await?;
    txn.commit().await?;
    Ok(on)
}

/// Which message an open or a click answers (and, for a click, where it leads).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    #[serde(rename = "t")]
    pub tenant: Uuid,
    #[serde(rename = "r")]
    pub run: Uuid,
    #[serde(rename = "c")]
    pub contact: Uuid,
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

fn base(settings: &CampaignSettings) -> &str {
    settings.public_url.trim_end_matches('/')
}

/// The HTML part with its links tracked and the open image added; `keep` (the unsubscribe
/// link) stays as it is.
pub fn rewrite(html: &str, settings: &CampaignSettings, tenant: Uuid, run: Uuid, contact: Uuid, keep: &str) -> String {
    let hit = |url: Option<String>| Hit { tenant, run, contact, url };
    let pixel = format!("{}/suivi/ouverture/{}", base(settings), token::sign(&settings.signing_key, OPEN, &hit(None)));
    let rewritten = tracking::rewrite_links(html, &[keep], Some(&pixel), |url, _| {
        format!(
            "{}/suivi/clic/{}",
            base(settings),
            token::sign(&settings.signing_key, CLICK, &hit(Some(url.to_owned())))
        )
    });
    // HTML the rewriter cannot read leaves untracked rather than not at all.
    rewritten.unwrap_or_else(|_| html.to_owned())
}

/// Reads an open token.
pub fn read_open(settings: &CampaignSettings, raw: &str) -> Option<Hit> {
    token::verify(&settings.signing_key, OPEN, raw).ok()
}

/// Reads a click token; only one that carries a link.
pub fn read_click(settings: &CampaignSettings, raw: &str) -> Option<Hit> {
    token::verify::<Hit>(&settings.signing_key, CLICK, raw).ok().filter(|hit| hit.url.is_some())
}

/// Records the first open of a message, and with a click its first click (a click is an
/// open too: images are often blocked).
pub async fn record(platform: &Platform, hit: &Hit, click: bool) -> CampaignsResult<()> {
    let scope = TenantScope::system(platform, hit.tenant);
    let txn = scope.begin().await?;
    let now = txn.now();
    let row = || {
        txn.update_many::<send_ledger::Entity>()
            .filter(send_ledger::Column::RunId.eq(hit.run))
            .filter(send_ledger::Column::ContactId.eq(hit.contact))
    };
    row()
        .col_expr(send_ledger::Column::OpenedAt, Expr::value(now))
        .filter(send_ledger::Column::OpenedAt.is_null())
        .exec(&txn)
        .await?;
    if click {
        row()
            .col_expr(send_ledger::Column::ClickedAt, Expr::value(now))
            .filter(send_ledger::Column::ClickedAt.is_null())
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

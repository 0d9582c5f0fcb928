//! The campaigns module's plain HTTP endpoints, reached without a session:
//! - `GET /desabonnement/{token}`: the unsubscribe page (a button; a GET changes nothing, so
//!   that link scanners of mail providers cannot unsubscribe anyone);
//! - `POST /desabonnement/{token}`: the unsubscription itself, from the page's button or as
//!   the one-click `POST` of RFC 8058 (`List-Unsubscribe=One-Click`);
//! - `GET /suivi/ouverture/{token}` and `GET /suivi/clic/{token}`: open and click tracking
//!   (when the tenant has it on): an invisible image, and a redirect to the link the signed
//!   token carries (nowhere else);
//! - `POST /webhooks/sms`: the SMS gateway's delivery receipts and inbound messages, signed
//!   with HMAC-SHA256 (see `crm360_delivery::transport`).

use crate::jobs::CampaignDeps;
use crate::model::{Channel, LedgerStatus, SuppressionReason, send_ledger};
use crate::service::{sending, suppressions, tracking, unsubscribe};
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use crm360_delivery::transport::{DeliveryStatus, GatewayEvent, verify_webhook};
use crm360_kernel::{Platform, RequestContext, TenantScope, Why};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter};

pub fn routes(deps: CampaignDeps) -> Router {
    Router::new()
        .route("/desabonnement/{token}", get(unsubscribe_page).post(unsubscribe_now))
        .route("/suivi/ouverture/{token}", get(tracked_open))
        .route("/suivi/clic/{token}", get(tracked_click))
        .route("/webhooks/sms", post(sms_webhook))
        .layer(Extension(deps))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1>{body}</main></body></html>"
    );
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

fn invalid_link() -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "Lien de désabonnement invalide",
        "<p>Ce lien n'est pas valide : il a peut-être été coupé ou modifié. Utilisez le lien complet \
         du message reçu, ou répondez à l'expéditeur.</p>\
         <p lang=\"en\">This unsubscribe link is not valid: it may have been cut or altered.</p>",
    )
}

async fn unsubscribe_page(Extension(deps): Extension<CampaignDeps>, Path(token): Path<String>) -> Response {
    if unsubscribe::read(&deps.settings, &token).is_none() {
        return invalid_link();
    }
    let action = format!("/desabonnement/{}", escape(&token));
    page(
        StatusCode::OK,
        "Se désabonner",
        &format!(
            "<p>Vous ne recevrez plus les messages de cet expéditeur sur cette adresse.</p>\
             <form method=\"post\" action=\"{action}\"><button type=\"submit\">Confirmer le désabonnement</button></form>\
             <p lang=\"en\">Unsubscribe: confirm with the button above.</p>"
        ),
    )
}

async fn unsubscribe_now(
    Extension(platform): Extension<Platform>,
    Extension(request): Extension<RequestContext>,
    Extension(deps): Extension<CampaignDeps>,
    Path(token): Path<String>,
) -> Response {
    let Some(ticket) = unsubscribe::read(&deps.settings, &token) else {
        return invalid_link();
    };
    match unsubscribe::apply(&platform, &ticket, request.ip.clone()).await {
        Ok(done) => {
            let channel = match done.channel {
                Channel::Email => "e-mails",
                Channel::Sms => "SMS",
            };
            let from = done.campaign.map(|c| format!(" (campagne « {} »)", escape(&c))).unwrap_or_default();
            page(
                StatusCode::OK,
                "Désabonnement confirmé",
                &format!(
                    "<p>C'est fait : vous ne recevrez plus nos {channel}{from}. Votre demande est enregistrée \
                     à la date d'aujourd'hui.</p><p lang=\"en\">You are unsubscribed.</p>"
                ),
            )
        }
        Err(err) => {
            tracing::error!(error = %err, "unsubscription failed");
            page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Désabonnement momentanément impossible",
                "<p>Votre demande n'a pas pu être enregistrée. Réessayez dans quelques minutes.</p>",
            )
        }
    }
}

/// A transparent 1x1 GIF.
const PIXEL: &[u8] = &[
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
    0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02,
    0x02, 0x44, 0x01, 0x00, 0x3b,
];

async fn tracked_open(
    Extension(platform): Extension<Platform>,
    Extension(deps): Extension<CampaignDeps>,
    Path(token): Path<String>,
) -> Response {
    if let Some(hit) = tracking::read_open(&deps.settings, &token)
        && let Err(err) = tracking::record(&platform, &hit, false).await
    {
        tracing::error!(error = %err, "an open was not recorded");
    }
    // The same image whatever happened: a tracker reveals nothing.
    ([(header::CONTENT_TYPE, "image/gif"), (header::CACHE_CONTROL, "no-store")], PIXEL).into_response()
}

async fn tracked_click(
    Extension(platform): Extension<Platform>,
    Extension(deps): Extension<CampaignDeps>,
    Path(token): Path<String>,
) -> Response {
    let Some(hit) = tracking::read_click(&deps.settings, &token) else {
        return page(StatusCode::BAD_REQUEST, "Lien invalide", "<p>Ce lien n'est pas valide.</p>");
    };
    let url = hit.url.clone().unwrap_or_default();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return page(StatusCode::BAD_REQUEST, "Lien invalide", "<p>Ce lien n'est pas valide.</p>");
    }
    if let Err(err) = tracking::record(&platform, &hit, true).await {
        tracing::error!(error = %err, "a click was not recorded");
    }
    axum::response::Redirect::to(&url).into_response()
}

async fn sms_webhook(
    Extension(platform): Extension<Platform>,
    Extension(deps): Extension<CampaignDeps>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(secret) = deps.transports.sms_webhook_secret.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let event = match verify_webhook(
        secret,
        header("x-crm360-timestamp"),
        header("x-crm360-signature"),
        &body,
        platform.clock().now(),
    ) {
        Ok(event) => event,
        Err(err) => {
            tracing::warn!(error = ?err, "SMS webhook refused");
            return StatusCode::UNAUTHORIZED.into_response();
        }
    };
    match handle_sms_event(&platform, event).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "SMS webhook failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// A failed delivery bounces its ledger row; a STOP reply suppresses the number on the whole
/// platform: the replies reach the platform's shared number, which no single tenant owns.
async fn handle_sms_event(platform: &Platform, event: GatewayEvent) -> crate::error::CampaignsResult<()> {
    match event {
        GatewayEvent::Delivery { reference, status, error } => {
            if status == DeliveryStatus::Delivered {
                return Ok(());
            }
            let Some((tenant, run, contact)) = sending::parse_message_id(&reference) else {
                return Ok(());
            };
            let scope = TenantScope::system(platform, tenant);
            let txn = scope.begin().await?;
            txn.update_many::<send_ledger::Entity>()
                .col_expr(send_ledger::Column::Status, Expr::value(LedgerStatus::Bounced))
                .col_expr(send_ledger::Column::Error, Expr::value(error.unwrap_or_else(|| format!("{status:?}"))))
                .col_expr(send_ledger::Column::UpdatedAt, Expr::value(txn.now()))
                .filter(send_ledger::Column::RunId.eq(run))
                .filter(send_ledger::Column::ContactId.eq(contact))
                .filter(send_ledger::Column::Status.is_in([LedgerStatus::Sent, LedgerStatus::Uncertain]))
                .exec(&txn)
                .await?;
            Ok(txn.commit().await?)
        }
        GatewayEvent::Inbound { from, text, .. } => {
            if !crm360_delivery::sms::is_stop_request(&text) {
                return Ok(());
            }
            let db = platform.unscoped(Why::Suppression);
            let number = crate::service::recipients::normalise(Channel::Sms, &from);
            suppressions::add_platform_in(&db, Channel::Sms, &number, SuppressionReason::StopSms).await?;
            Ok(())
        }
    }
}

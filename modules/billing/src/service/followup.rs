//! Payment follow-up (article 14 and the late-payment clause): payments (full or partial);
//! an overdue invoice accrues late interest on its unpaid amount including tax from the due
//! date, plus the 40 € recovery indemnity; a formal notice (notified, dated); access
//! suspended when the notice has gone unanswered for 8 days (the users see why);
//! termination possible 15 days after it (staff action, notified); reactivation on payment.

use super::invoices::{self, outstanding};
use crate::error::{BillingError, BillingResult};
use crate::model::invoice::{self, cents};
use crate::model::{InvoiceKind, InvoiceStatus, PaymentMethod, payment};
use crate::settings::BillingSettings;
use chrono::{Duration, NaiveDate};
use crm360_identity::model::tenant::TenantStatus;
use crm360_kernel::audit::AuditChange;
use crm360_kernel::notify::{Language, Notification, NotificationKind};
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{TenantScope, TenantTxn};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use uuid::Uuid;

/// The fixed recovery indemnity (Code de commerce L441-10).
pub const RECOVERY_INDEMNITY: Decimal = Decimal::from_parts(4000, 0, 0, false, 2);

/// Where an issued invoice stands on `today`.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub outstanding: Decimal,
    pub overdue: bool,
    pub days_late: i64,
    pub late_interest: Decimal,
    pub interest_rate_percent: Decimal,
    pub recovery_indemnity: Decimal,
}

pub async fn standing(
    txn: &TenantTxn,
    settings: &BillingSettings,
    invoice: &invoice::Model,
    today: NaiveDate,
) -> BillingResult<Standing> {
    let left = outstanding(txn, invoice).await?;
    let due = invoice.due_date.unwrap_or(today);
    let overdue = invoice.kind == InvoiceKind::Invoice && left > Decimal::ZERO && today > due;
    if !overdue {
        return Ok(Standing {
            outstanding: left,
            overdue: false,
            days_late: 0,
            late_interest: Decimal::ZERO,
            interest_rate_percent: Decimal::ZERO,
            recovery_indemnity: Decimal::ZERO,
        });
    }
    let interest = crm360_pricing::late_interest(left, due, today, &settings.ecb_rates);
    Ok(Standing {
        outstanding: left,
        overdue,
        days_late: (today - due).num_days(),
        late_interest: interest.amount,
        interest_rate_percent: interest.rate_percent,
        recovery_indemnity: RECOVERY_INDEMNITY,
    })
}

/// A payment as staff record it.
#[derive(Clone, Debug)]
pub struct NewPayment {
    pub amount: Decimal,
    pub paid_on: NaiveDate,
    pub method: PaymentMethod,
    pub reference: Option<String>,
}

/// Records a payment on an issued invoice; a tenant suspended for non-payment whose noticed
/// invoices are all paid gets its access back, and is told.
pub async fn record_payment(
    scope: &OperatorScope,
    tenant_id: Uuid,
    invoice_id: Uuid,
    new: NewPayment,
) -> BillingResult<payment::Model> {
    if new.amount <= Decimal::ZERO || new.amount.round_dp(2) != new.amount {
        return Err(BillingError::Invalid {
            field: "amount",
            reason: "INVALID_AMOUNT",
            message: "a payment is a positive amount in euros and cents".to_owned(),
        });
    }
    let tenant = scope.on_tenant(tenant_id);
    let txn = tenant.begin().await?;
    let invoice = invoices::get_in(&txn, invoice_id).await?;
    if invoice.kind != InvoiceKind::Invoice || invoice.status != InvoiceStatus::Issued {
        return Err(BillingError::InvalidState {
            action: "record a payment",
            why: "only on an issued invoice".to_owned(),
        });
    }
    let left = outstanding(&txn, &invoice).await?;
    if new.amount > left {
        return Err(BillingError::Invalid {
            field: "amount",
            reason: "MORE_THAN_DUE",
            message: format!("only {left} € remain to pay on this invoice"),
        });
    }
    if new.paid_on > scope.clock().today() {
        return Err(BillingError::Invalid {
            field: "paidOn",
            reason: "IN_THE_FUTURE",
            message: "a payment cannot be dated in the future".to_owned(),
        });
    }
    let saved = txn
        .insert(payment::ActiveModel {
            invoice_id: Set(invoice.id),
            amount_cents: Set(cents(new.amount)),
            paid_on: Set(new.paid_on),
            method: Set(new.method),
            reference: Set(new.reference.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty())),
            recorded_by: Set(scope.actor().id()),
            ..Default::default()
        })
        .await?;
    txn.audit(AuditChange::new("invoice.payment", "invoice", invoice.id).after(json!({
        "amount": new.amount.to_string(), "paidOn": new.paid_on, "method": new.method
    })))
    .await?;
    txn.commit().await?;
    reactivate_if_settled(scope, tenant_id).await?;
    Ok(saved)
}

/// The tenant's invoices under formal notice that are still unpaid.
async fn noticed_unpaid(txn: &TenantTxn) -> BillingResult<Vec<invoice::Model>> {
    let noticed = txn
        .find::<invoice::Entity>()
        .filter(invoice::Column::FormalNoticeAt.is_not_null())
        .order_by_asc(invoice::Column::FormalNoticeAt)
        .all(txn)
        .await?;
    let mut unpaid = Vec::new();
    for invoice in noticed {
        if outstanding(txn, &invoice).await? > Decimal::ZERO {
            unpaid.push(invoice);
        }
    }
    Ok(unpaid)
}

async fn reactivate_if_settled(scope: &OperatorScope, tenant_id: Uuid) -> BillingResult<()> {
    let tenant_scope = scope.on_tenant(tenant_id);
    let txn = tenant_scope.begin().await?;
    let still_unpaid = noticed_unpaid(&txn).await?;
    let suspended_by_billing =
        txn.find::<invoice::Entity>().filter(invoice::Column::SuspendedAt.is_not_null()).one(&txn).await?.is_some();
    txn.commit().await?;
    if !still_unpaid.is_empty() || !suspended_by_billing {
        return Ok(());
    }
    let tenant = crm360_identity::service::tenants::find_tenant(scope, tenant_id).await?;
    if tenant.is_some_and(|t| t.status == TenantStatus::Suspended) {
        crm360_identity::service::tenants::reactivate_tenant(scope, tenant_id).await?;
        let admins = admins(&tenant_scope).await?;
        let txn = tenant_scope.begin().await?;
        txn.update_many::<invoice::Entity>()
            .col_expr(
                invoice::Column::SuspendedAt,
                sea_orm::sea_query::Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
            )
            .filter(invoice::Column::SuspendedAt.is_not_null())
            .exec(&txn)
            .await?;
        notify_admins(
            &admins,
            &txn,
            "Accès à crm360 rétabli",
            "Nous avons bien reçu votre règlement. L’accès de vos utilisateurs à crm360 est rétabli.",
        )
        .await?;
        txn.commit().await?;
    }
    Ok(())
}

/// Sends the formal notice for an overdue invoice: dated, notified to every administrator.
pub async fn formal_notice(
    scope: &OperatorScope,
    settings: &BillingSettings,
    tenant_id: Uuid,
    invoice_id: Uuid,
) -> BillingResult<invoice::Model> {
    let tenant = scope.on_tenant(tenant_id);
    let today = scope.clock().today();
    let admins = admins(&tenant).await?;
    let txn = tenant.begin().await?;
    let invoice = invoices::get_in(&txn, invoice_id).await?;
    let standing = standing(&txn, settings, &invoice, today).await?;
    if !standing.overdue {
        return Err(BillingError::InvalidState {
            action: "send a formal notice",
            why: "the invoice is not overdue".to_owned(),
        });
    }
    if invoice.formal_notice_at.is_some() {
        return Err(BillingError::InvalidState {
            action: "send a formal notice",
            why: "one was already sent".to_owned(),
        });
    }
    let now = scope.now();
    let number = invoice.number.clone().unwrap_or_default();
    let mut update: invoice::ActiveModel = invoice.clone().into();
    update.formal_notice_at = Set(Some(now));
    update.updated_at = Set(now);
    let noticed = txn.update(update).await?;
    let suspension = today + Duration::days(settings.suspension_after_days);
    let body = format!(
        "Votre facture {number} d’un montant de {} TTC, échue le {}, reste impayée à hauteur de {}.\n\n\
         Par la présente, nous vous mettons en demeure de la régler. À défaut de paiement sous {} jours, soit au plus tard le {}, \
         l’accès à crm360 sera suspendu (article 14 des CGVU) ; le contrat pourra être résilié {} jours après la présente.\n\n\
         Sont dus en outre des intérêts de retard au taux de la BCE majoré de 10 points ({} à ce jour) et l’indemnité forfaitaire \
         pour frais de recouvrement de 40 €.",
        crate::format::euros_fr(invoice.total_including_tax()),
        crate::format::date_fr(invoice.due_date.unwrap_or(today)),
        crate::format::euros_fr(standing.outstanding),
        settings.suspension_after_days,
        crate::format::date_fr(suspension),
        settings.termination_after_days,
        crate::format::euros_fr(standing.late_interest),
    );
    notify_admins(&admins, &txn, &format!("Mise en demeure : facture {number}"), &body).await?;
    txn.audit(AuditChange::new("invoice.formal_notice", "invoice", invoice.id).after(json!({
        "number": number, "outstanding": standing.outstanding.to_string(), "suspensionOn": suspension
    })))
    .await?;
    txn.commit().await?;
    Ok(noticed)
}

/// Suspends the tenants whose formal notice went unanswered for the set delay; how many.
pub async fn suspend_unanswered(
    scope: &OperatorScope,
    settings: &BillingSettings,
    tenant_id: Uuid,
) -> BillingResult<bool> {
    let tenant_scope = scope.on_tenant(tenant_id);
    let now = scope.now();
    let txn = tenant_scope.begin().await?;
    let due: Vec<invoice::Model> = noticed_unpaid(&txn)
        .await?
        .into_iter()
        .filter(|i| i.suspended_at.is_none())
        .filter(|i| i.formal_notice_at.is_some_and(|at| now - at >= Duration::days(settings.suspension_after_days)))
        .collect();
    txn.commit().await?;
    let Some(first) = due.first() else { return Ok(false) };
    let tenant = crm360_identity::service::tenants::find_tenant(scope, tenant_id).await?;
    let Some(tenant) = tenant else { return Ok(false) };
    if tenant.status != TenantStatus::Active && tenant.status != TenantStatus::Suspended {
        return Ok(false);
    }
    let number = first.number.clone().unwrap_or_default();
    let notice_day = first.formal_notice_at.map(|at| scope.clock().date_of(at)).unwrap_or(scope.clock().today());
    let reason = format!(
        "Facture {number} impayée : accès suspendu après la mise en demeure du {} restée sans effet.",
        crate::format::date_fr(notice_day)
    );
    if tenant.status == TenantStatus::Active {
        crm360_identity::service::tenants::suspend_tenant(scope, tenant_id, &reason).await?;
    }
    let admins = admins(&tenant_scope).await?;
    let txn = tenant_scope.begin().await?;
    for invoice in &due {
        let mut update: invoice::ActiveModel = invoice.clone().into();
        update.suspended_at = Set(Some(now));
        txn.update(update).await?;
    }
    notify_admins(
        &admins,
        &txn,
        "Accès à crm360 suspendu",
        &format!("{reason}\n\nL’accès sera rétabli dès réception du règlement."),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// Terminates the contract for non-payment, at least the set delay after a formal notice
/// still unanswered (staff action, notified).
pub async fn terminate(scope: &OperatorScope, settings: &BillingSettings, tenant_id: Uuid) -> BillingResult<()> {
    let tenant_scope = scope.on_tenant(tenant_id);
    let now = scope.now();
    let txn = tenant_scope.begin().await?;
    let unpaid = noticed_unpaid(&txn).await?;
    txn.commit().await?;
    let Some(oldest) = unpaid
        .iter()
        .find(|i| i.formal_notice_at.is_some_and(|at| now - at >= Duration::days(settings.termination_after_days)))
    else {
        return Err(BillingError::InvalidState {
            action: "terminate",
            why: format!(
                "termination needs an invoice still unpaid {} days after its formal notice",
                settings.termination_after_days
            ),
        });
    };
    let number = oldest.number.clone().unwrap_or_default();
    let reason = format!("Contrat résilié pour non-paiement de la facture {number} (article 14 des CGVU).");
    // Told before the door closes (the notice is queued in the same commit as the audit).
    let admins = admins(&tenant_scope).await?;
    let txn = tenant_scope.begin().await?;
    notify_admins(&admins, &txn, "Résiliation du contrat crm360", &reason).await?;
    txn.audit(AuditChange::new("billing.terminate", "tenant", tenant_id).after(json!({ "invoice": number }))).await?;
    txn.commit().await?;
    crm360_identity::service::tenants::terminate_tenant(scope, tenant_id, &reason).await?;
    Ok(())
}

/// The tenant's administrators, read before the transaction that notifies them (on SQLite a
/// second transaction would wait for the first one's write lock).
async fn admins(scope: &TenantScope) -> BillingResult<Vec<String>> {
    Ok(crm360_identity::service::users::admin_addresses(scope).await?)
}

async fn notify_admins(admins: &[String], txn: &TenantTxn, subject: &str, body: &str) -> BillingResult<()> {
    for to in admins {
        let notice =
            Notification::new(to, Language::Fr, NotificationKind::Notice).with("subject", subject).with("body", body);
        txn.notify(&notice).await?;
    }
    Ok(())
}

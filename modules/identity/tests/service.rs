//! The identity services on a fresh SQLite database, through the kernel's door: the stored
//! states, the email's uniqueness across accounts, the one-transaction tenant creation, the
//! session lifecycle and the IP purge.

use chrono::{Duration, TimeZone, Utc};
use crm360_identity::error::IdentityError;
use crm360_identity::model::tenant::{TenantPlatform, TenantStatus};
use crm360_identity::model::{connection_log, tenant, tenant_user};
use crm360_identity::service::auth::{self, Origin};
use crm360_identity::service::tenants::{self, NewTenant};
use crm360_identity::service::{connection_log as log, users};
use crm360_identity::{PurgeConnectionIpsJob, SessionPolicy};
use crm360_kernel::context::Platform;
use crm360_kernel::database::Database;
use crm360_kernel::jobs::JobRunner;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{Actor, Clock, RequestContext, Rights, TenantScope};
use crm360_migrations::{Migrator, MigratorTrait};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

const PASSWORD: &str = "Sable-Mistral-Orque-73";

/// A fresh SQLite database (this crate's tests need no server; the end-to-end suite runs the
/// same rules on PostgreSQL).
async fn platform() -> Platform {
    let path = std::env::temp_dir().join(format!("crm360-identity-{}.db", Uuid::new_v4().simple()));
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=rwc", path.display())).await.expect("connect");
    Migrator::up(&db, None).await.expect("migrations apply");
    Platform::new(Database::single(db), Clock::manual(Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()))
}

fn new_tenant(name: &str, admin_email: &str) -> NewTenant {
    NewTenant {
        name: name.to_owned(),
        platform: TenantPlatform::Dedicated,
        admin_email: admin_email.to_owned(),
        admin_first_name: "Alice".to_owned(),
        admin_last_name: "Admin".to_owned(),
        admin_password: PASSWORD.to_owned(),
    }
}

fn new_user(email: &str) -> users::NewUser {
    users::NewUser {
        email: email.to_owned(),
        first_name: "Bob".to_owned(),
        last_name: "User".to_owned(),
        organization: None,
        password: PASSWORD.to_owned(),
        rights: Rights::ALL,
        is_admin: false,
    }
}

/// The stored text of `column` in the only row of `table` matching `id`.
async fn stored(platform: &Platform, table: &'static str, column: &'static str, id: Uuid) -> String {
    let db = OperatorScope::system(platform).unscoped();
    let query = Query::select()
        .column(Alias::new(column))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    let row = db.query_one(&query).await.expect("query").expect("a row");
    row.try_get::<String>("", column).expect("a text column")
}

fn origin() -> Origin {
    Origin { ip: Some("192.0.2.1".to_owned()), user_agent: Some("test".to_owned()) }
}

#[tokio::test]
async fn a_tenant_and_its_administrator_are_created_together_with_their_states_stored_as_before() {
    let platform = platform().await;
    let operator = OperatorScope::system(&platform);
    let (tenant, admin) = tenants::create_tenant(&operator, new_tenant("Acme", "admin@acme.test")).await.unwrap();
    assert_eq!((tenant.status, tenant.platform), (TenantStatus::Active, TenantPlatform::Dedicated));
    assert_eq!(stored(&platform, "tenant", "status", tenant.id).await, "ACTIVE");
    assert_eq!(stored(&platform, "tenant", "platform", tenant.id).await, "DEDICATED");
    assert_eq!(stored(&platform, "tenant_user", "status", admin.id).await, "ACTIVE");
    assert!(admin.is_admin && admin.must_change_password && admin.tenant_id == tenant.id);

    // The same administrator email for a second tenant: nothing of it is written.
    let err = tenants::create_tenant(&operator, new_tenant("Other", "ADMIN@acme.test")).await.unwrap_err();
    assert!(matches!(err, IdentityError::EmailTaken { field: "adminEmail" }), "{err:?}");
    let db = operator.unscoped();
    assert_eq!(db.find::<tenant::Entity>().count(&db).await.unwrap(), 1, "no half-created tenant");

    let err = tenants::create_tenant(&operator, new_tenant("Bad", "not an email")).await.unwrap_err();
    assert!(matches!(err, IdentityError::InvalidEmail { field: "adminEmail" }), "{err:?}");
}

#[tokio::test]
async fn an_email_names_one_account_across_tenants_and_operator_staff() {
    let platform = platform().await;
    let operator = OperatorScope::system(&platform);
    let (first, _) = tenants::create_tenant(&operator, new_tenant("A", "admin@a.test")).await.unwrap();
    let (second, _) = tenants::create_tenant(&operator, new_tenant("B", "admin@b.test")).await.unwrap();
    tenants::create_operator_staff(&operator, "staff@op.test", "Olivier", "Opérateur", PASSWORD).await.unwrap();
    let in_first = operator.on_tenant(first.id);
    let in_second = operator.on_tenant(second.id);

    let user = users::create_user(&in_first, new_user("bob@a.test")).await.unwrap();
    assert_eq!(user.tenant_id, first.id);
    // Within the tenant, across tenants (the unique index), and against operator staff (the check).
    for (scope, email) in [(&in_first, "bob@a.test"), (&in_second, "Bob@A.test"), (&in_second, "staff@op.test")] {
        let err = users::create_user(scope, new_user(email)).await.unwrap_err();
        assert!(matches!(err, IdentityError::EmailTaken { field: "email" }), "{email}: {err:?}");
    }
    for email in ["bob@a.test", "staff@op.test"] {
        let err = tenants::create_operator_staff(&operator, email, "Odile", "Opératrice", PASSWORD).await.unwrap_err();
        assert!(matches!(err, IdentityError::EmailTaken { field: "email" }), "{email}: {err:?}");
    }
    let txn = in_second.begin().await.unwrap();
    assert_eq!(txn.find::<tenant_user::Entity>().count(&txn).await.unwrap(), 1, "only its administrator");
}

#[tokio::test]
async fn sessions_live_until_closure_suspension_or_logout_and_every_attempt_is_logged() {
    let platform = platform().await;
    let policy = SessionPolicy::default();
    let operator = OperatorScope::system(&platform);
    let (tenant, admin) = tenants::create_tenant(&operator, new_tenant("Acme", "admin@acme.test")).await.unwrap();
    let scope = operator.on_tenant(tenant.id);
    let user = users::create_user(&scope, new_user("bob@acme.test")).await.unwrap();

    let wrong = auth::login(&platform, &policy, "bob@acme.test", "not the password", &origin()).await.unwrap_err();
    assert!(matches!(wrong, IdentityError::WrongCredentials));
    let logged_in = auth::login(&platform, &policy, "BOB@acme.test", PASSWORD, &origin()).await.unwrap();
    let found = auth::authenticate_session(&platform, &policy, &logged_in.token, None).await.unwrap();
    assert!(matches!(found.actor, Actor::TenantUser { user_id, .. } if user_id == user.id));

    // Closing the access ends its sessions at once.
    let request = RequestContext {
        actor: Actor::TenantUser { tenant_id: tenant.id, user_id: admin.id, is_admin: true, rights: Rights::ALL },
        ..RequestContext::anonymous()
    };
    let as_admin = TenantScope::for_request(&platform, &request).unwrap();
    users::close_user(&as_admin, user.id).await.unwrap();
    assert_eq!(stored(&platform, "tenant_user", "status", user.id).await, "CLOSED");
    let refused = auth::authenticate_session(&platform, &policy, &logged_in.token, None).await.unwrap_err();
    assert!(matches!(refused, IdentityError::SessionExpired));
    let closed = auth::login(&platform, &policy, "bob@acme.test", PASSWORD, &origin()).await.unwrap_err();
    assert!(matches!(closed, IdentityError::AccountClosed));

    // A suspended tenant's users are refused.
    tenants::suspend_tenant(&operator, tenant.id, "unpaid").await.unwrap();
    assert_eq!(stored(&platform, "tenant", "status", tenant.id).await, "SUSPENDED");
    let suspended = auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &origin()).await.unwrap_err();
    assert!(matches!(suspended, IdentityError::TenantSuspended));
    tenants::reactivate_tenant(&operator, tenant.id).await.unwrap();
    let admin_in = auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &origin()).await.unwrap();
    auth::logout(&platform, &admin_in.actor, admin_in.session_id, &origin()).await.unwrap();

    let page =
        crm360_kernel::pagination::Page::parse(None, None, crm360_kernel::pagination::Order::OldestFirst).unwrap();
    let outcomes: Vec<String> =
        log::list(&scope, &page).await.unwrap().into_iter().map(|e| format!("{:?}", e.outcome)).collect();
    assert_eq!(outcomes, ["WrongPassword", "Success", "AccountClosed", "TenantSuspended", "Success", "Logout"]);
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_and_operators_change_theirs_too() {
    let platform = platform().await;
    let policy = SessionPolicy::default();
    let operator = OperatorScope::system(&platform);
    tenants::create_tenant(&operator, new_tenant("Acme", "admin@acme.test")).await.unwrap();
    let first = auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &origin()).await.unwrap();
    let second = auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &origin()).await.unwrap();
    let request = RequestContext {
        actor: first.actor.clone(),
        session_id: Some(first.session_id),
        ..RequestContext::anonymous()
    };
    let scope = TenantScope::for_request(&platform, &request).unwrap();

    let same =
        auth::change_password(&platform, &policy, &scope, request.session_id, PASSWORD, PASSWORD).await.unwrap_err();
    assert!(matches!(same, IdentityError::WeakPassword { field: "newPassword", .. }), "{same:?}");
    let wrong =
        auth::change_password(&platform, &policy, &scope, request.session_id, "wrong", "Violet-Ketchup-Orbite-42")
            .await
            .unwrap_err();
    assert!(matches!(wrong, IdentityError::WrongCurrentPassword));
    auth::change_password(&platform, &policy, &scope, request.session_id, PASSWORD, "Violet-Ketchup-Orbite-42")
        .await
        .unwrap();
    assert!(auth::authenticate_session(&platform, &policy, &first.token, None).await.is_ok());
    assert!(auth::authenticate_session(&platform, &policy, &second.token, None).await.is_err());

    tenants::create_operator_staff(&operator, "staff@op.test", "Olivier", "Opérateur", PASSWORD).await.unwrap();
    let staff = auth::login(&platform, &policy, "staff@op.test", PASSWORD, &origin()).await.unwrap();
    let request = RequestContext { actor: staff.actor.clone(), ..RequestContext::anonymous() };
    let as_staff = OperatorScope::for_request(&platform, &request).unwrap();
    auth::change_operator_password(&platform, &policy, &as_staff, None, PASSWORD, "Violet-Ketchup-Orbite-42")
        .await
        .unwrap();
    assert!(auth::authenticate_session(&platform, &policy, &staff.token, None).await.is_err(), "every session ended");
    auth::login(&platform, &policy, "staff@op.test", "Violet-Ketchup-Orbite-42", &origin()).await.unwrap();
}

#[tokio::test]
async fn the_recurring_purge_erases_ips_older_than_a_year() {
    let platform = platform().await;
    let policy = SessionPolicy::default();
    let operator = OperatorScope::system(&platform);
    tenants::create_tenant(&operator, new_tenant("Acme", "admin@acme.test")).await.unwrap();
    auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &origin()).await.unwrap();
    platform.clock().advance(Duration::days(366));

    let mut runner = JobRunner::new(platform.clone());
    runner.recurring(PurgeConnectionIpsJob, PurgeConnectionIpsJob::EVERY, policy);
    runner.schedule(platform.clock().now()).await.unwrap();
    assert!(runner.run_one().await.unwrap(), "the purge was due");

    let db = operator.unscoped();
    let kept = db.find::<connection_log::Entity>().filter(connection_log::Column::Ip.is_not_null()).count(&db).await;
    assert_eq!(kept.unwrap(), 0);
}

#[tokio::test]
async fn repeated_failures_slow_down_the_account_from_that_address_only() {
    let platform = platform().await;
    let mut policy = SessionPolicy::default();
    policy.throttle.per_account_and_address.free_attempts = 2;
    let operator = OperatorScope::system(&platform);
    tenants::create_tenant(&operator, new_tenant("Acme", "admin@acme.test")).await.unwrap();
    for _ in 0..2 {
        let err = auth::login(&platform, &policy, "admin@acme.test", "wrong", &origin()).await.unwrap_err();
        assert!(matches!(err, IdentityError::WrongCredentials));
    }
    let err = auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &origin()).await.unwrap_err();
    assert!(matches!(err, IdentityError::Throttled { retry_after_seconds: 2 }), "{err:?}");
    // Elsewhere, the right password opens at once.
    let elsewhere = Origin { ip: Some("198.51.100.9".to_owned()), user_agent: None };
    auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &elsewhere).await.unwrap();
    platform.clock().advance(Duration::seconds(2));
    auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &origin()).await.unwrap();
}

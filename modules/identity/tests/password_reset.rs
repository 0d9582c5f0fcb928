//! The lost-password flow and invitations on a fresh SQLite database: the same answer for
//! unknown addresses (without any e-mail), single-use links, expiry on the platform's clock,
//! the throttle, the ended sessions, and the invitation of a user without a password.

use chrono::{Duration, TimeZone, Utc};
use crm360_identity::SessionPolicy;
use crm360_identity::error::IdentityError;
use crm360_identity::model::password_reset::{self, ResetPurpose};
use crm360_identity::model::tenant::TenantPlatform;
use crm360_identity::model::tenant_user;
use crm360_identity::service::auth::{self, Origin};
use crm360_identity::service::password_reset::{AccountLinks, request_reset, reset_password};
use crm360_identity::service::tenants::{self, NewTenant};
use crm360_identity::service::users::{self, NewInvitation};
use crm360_kernel::context::Platform;
use crm360_kernel::database::Database;
use crm360_kernel::model::{audit_entry, job};
use crm360_kernel::notify::{Language, Notification, NotificationKind};
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{Actor, ApiError, Clock, RequestContext, Rights, TenantScope};
use crm360_migrations::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

const PASSWORD: &str = "Sable-Mistral-Orque-73";
const NEW_PASSWORD: &str = "Violet-Ketchup-Orbite-42";

async fn platform() -> (Platform, Clock) {
    let path = std::env::temp_dir().join(format!("crm360-identity-reset-{}.db", Uuid::new_v4().simple()));
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=rwc", path.display())).await.expect("connect");
    Migrator::up(&db, None).await.expect("migrations apply");
    let clock = Clock::manual(Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap());
    (Platform::new(Database::single(db), clock.clone()), clock)
}

fn new_tenant(admin_email: &str) -> NewTenant {
    NewTenant {
        name: "Acme".to_owned(),
        platform: TenantPlatform::Dedicated,
        admin_email: admin_email.to_owned(),
        admin_first_name: "Alice".to_owned(),
        admin_last_name: "Admin".to_owned(),
        admin_password: PASSWORD.to_owned(),
    }
}

fn origin(ip: &str) -> Origin {
    Origin { ip: Some(ip.to_owned()), user_agent: Some("test".to_owned()) }
}

fn links() -> AccountLinks {
    AccountLinks::new(Some("https://crm.exemple.fr"))
}

/// The notifications waiting to be sent, oldest first.
async fn notifications(platform: &Platform) -> Vec<Notification> {
    let db = OperatorScope::system(platform).unscoped();
    let jobs = db
        .find::<job::Entity>()
        .filter(job::Column::Kind.eq(crm360_kernel::notify::KIND))
        .order_by_asc(job::Column::CreatedAt)
        .order_by_asc(job::Column::Id)
        .all(&db)
        .await
        .unwrap();
    jobs.into_iter().map(|job| serde_json::from_value(job.payload).expect("a notification")).collect()
}

/// The token of a link (`…#token=<token>[&invitation=1]`).
fn token_of(link: &str) -> String {
    let fragment = link.split_once("#token=").expect("a token in the fragment").1;
    fragment.split('&').next().unwrap().to_owned()
}

fn last_token(sent: &[Notification]) -> String {
    token_of(&sent.last().expect("a notification").params["link"])
}

#[tokio::test]
async fn a_reset_link_sets_the_password_once_and_ends_every_session() {
    let (platform, _clock) = platform().await;
    let policy = SessionPolicy::default();
    let operator = OperatorScope::system(&platform);
    let (_, admin) = tenants::create_tenant(&operator, new_tenant("admin@acme.test")).await.unwrap();
    let session = auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &origin("192.0.2.1")).await.unwrap();

    request_reset(&platform, &links(), "Admin@Acme.test", &origin("192.0.2.1")).await.unwrap();
    let sent = notifications(&platform).await;
    assert_eq!(sent.len(), 1);
    let mail = &sent[0];
    assert_eq!(
        (mail.to.as_str(), mail.kind, mail.language),
        ("admin@acme.test", NotificationKind::PasswordReset, Language::Fr)
    );
    assert!(mail.params["link"].starts_with("https://crm.exemple.fr/reinitialiser-mot-de-passe#token="), "{mail:?}");
    assert_eq!(mail.params["valid_minutes"], "30");
    let token = last_token(&sent);
    assert_eq!(token.len(), 43, "32 random bytes, base64url");

    // Only the digest is stored.
    let db = operator.unscoped();
    let link = db.find::<password_reset::Entity>().one(&db).await.unwrap().expect("a link");
    assert_ne!(link.token_hash, token);
    assert_eq!(link.token_hash, crm360_kernel::secret::digest(&token));
    assert_eq!(
        (link.purpose, link.account_id, link.account_tenant_id),
        (ResetPurpose::Reset, admin.id, Some(admin.tenant_id))
    );

    // A refused password does not use the link up.
    let weak = reset_password(&platform, &token, "court", &origin("192.0.2.1")).await.unwrap_err();
    assert!(matches!(weak, IdentityError::WeakPassword { field: "newPassword", .. }), "{weak:?}");

    reset_password(&platform, &token, NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap();
    assert!(auth::authenticate_session(&platform, &policy, &session.token, None).await.is_err(), "sessions ended");
    auth::login(&platform, &policy, "admin@acme.test", PASSWORD, &origin("192.0.2.1")).await.unwrap_err();
    auth::login(&platform, &policy, "admin@acme.test", NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap();
    let user = db.find::<tenant_user::Entity>().filter(tenant_user::Column::Id.eq(admin.id)).one(&db).await.unwrap();
    assert!(!user.unwrap().must_change_password, "a password chosen by its owner need not be changed");

    // Once only, and the error tells nothing more than "not valid".
    let again = reset_password(&platform, &token, "Autre-Phrase-Secrete-2026", &origin("192.0.2.1")).await.unwrap_err();
    assert!(matches!(again, IdentityError::TokenInvalid), "{again:?}");
    let api = ApiError::from(again);
    assert_eq!((api.code.as_str(), api.reason), ("INVALID_INPUT", Some("TOKEN_INVALID")));
    let unknown = reset_password(&platform, "not-a-token", NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap_err();
    assert!(matches!(unknown, IdentityError::TokenInvalid), "{unknown:?}");

    // The change is audited (no personal data in it) and its owner told.
    let audit =
        db.find::<audit_entry::Entity>().filter(audit_entry::Column::Action.eq("password.reset")).all(&db).await;
    let audit = audit.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(
        (audit[0].tenant_id, audit[0].target_id.as_deref()),
        (Some(admin.tenant_id), Some(admin.id.to_string().as_str()))
    );
    let sent = notifications(&platform).await;
    assert_eq!(sent.last().unwrap().kind, NotificationKind::PasswordChanged);
    assert_eq!(sent.last().unwrap().to, "admin@acme.test");
}

#[tokio::test]
async fn a_link_expires_after_thirty_minutes_on_the_platform_clock() {
    let (platform, clock) = platform().await;
    let operator = OperatorScope::system(&platform);
    tenants::create_tenant(&operator, new_tenant("admin@acme.test")).await.unwrap();

    request_reset(&platform, &links(), "admin@acme.test", &origin("192.0.2.1")).await.unwrap();
    let token = last_token(&notifications(&platform).await);
    clock.advance(Duration::minutes(30));
    let expired = reset_password(&platform, &token, NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap_err();
    assert!(matches!(expired, IdentityError::TokenInvalid), "{expired:?}");

    request_reset(&platform, &links(), "admin@acme.test", &origin("192.0.2.1")).await.unwrap();
    let token = last_token(&notifications(&platform).await);
    clock.advance(Duration::minutes(29));
    reset_password(&platform, &token, NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap();
}

#[tokio::test]
async fn a_new_link_voids_the_earlier_ones() {
    let (platform, _clock) = platform().await;
    let operator = OperatorScope::system(&platform);
    tenants::create_tenant(&operator, new_tenant("admin@acme.test")).await.unwrap();

    request_reset(&platform, &links(), "admin@acme.test", &origin("192.0.2.1")).await.unwrap();
    let first = last_token(&notifications(&platform).await);
    request_reset(&platform, &links(), "admin@acme.test", &origin("192.0.2.1")).await.unwrap();
    let second = last_token(&notifications(&platform).await);
    assert_ne!(first, second);
    let voided = reset_password(&platform, &first, NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap_err();
    assert!(matches!(voided, IdentityError::TokenInvalid), "{voided:?}");
    reset_password(&platform, &second, NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap();
}

#[tokio::test]
async fn an_unknown_or_closed_address_gets_the_same_answer_and_no_mail() {
    let (platform, _clock) = platform().await;
    let operator = OperatorScope::system(&platform);
    let (tenant, _) = tenants::create_tenant(&operator, new_tenant("admin@acme.test")).await.unwrap();
    let scope = operator.on_tenant(tenant.id);
    let bob = users::NewUser {
        email: "bob@acme.test".to_owned(),
        first_name: "Bob".to_owned(),
        last_name: "User".to_owned(),
        organization: None,
        password: PASSWORD.to_owned(),
        rights: Rights::ALL,
        is_admin: false,
    };
    let bob = users::create_user(&scope, bob).await.unwrap();
    users::close_user(&scope, bob.id).await.unwrap();

    request_reset(&platform, &links(), "nobody@acme.test", &origin("192.0.2.1")).await.unwrap();
    request_reset(&platform, &links(), "bob@acme.test", &origin("192.0.2.1")).await.unwrap();
    assert!(notifications(&platform).await.is_empty(), "no mail to an unknown or closed account");
    let db = operator.unscoped();
    assert_eq!(db.find::<password_reset::Entity>().count(&db).await.unwrap(), 0);

    let invalid = request_reset(&platform, &links(), "not an address", &origin("192.0.2.1")).await.unwrap_err();
    assert!(matches!(invalid, IdentityError::InvalidEmail { field: "email" }), "{invalid:?}");
}

#[tokio::test]
async fn requests_are_throttled_per_address_whether_or_not_it_has_an_account() {
    let (platform, clock) = platform().await;
    let operator = OperatorScope::system(&platform);
    tenants::create_tenant(&operator, new_tenant("admin@acme.test")).await.unwrap();

    for email in ["admin@acme.test", "nobody@acme.test"] {
        for attempt in 1..=5 {
            let ip = format!("192.0.2.{attempt}");
            request_reset(&platform, &links(), email, &origin(&ip)).await.unwrap();
        }
        let refused = request_reset(&platform, &links(), email, &origin("192.0.2.99")).await.unwrap_err();
        let IdentityError::Throttled { retry_after_seconds } = refused else { panic!("{email}: {refused:?}") };
        assert!(retry_after_seconds > 0 && retry_after_seconds <= 3600);
        assert_eq!(ApiError::from(refused).code.as_str(), "RATE_LIMITED");
    }
    assert_eq!(notifications(&platform).await.len(), 5, "only the admitted requests of the account sent mail");

    // One client address spraying many addresses is held back too.
    for n in 0..30 {
        request_reset(&platform, &links(), &format!("visitor{n}@acme.test"), &origin("198.51.100.7")).await.unwrap();
    }
    let sprayed = request_reset(&platform, &links(), "visitor99@acme.test", &origin("198.51.100.7")).await;
    assert!(matches!(sprayed, Err(IdentityError::Throttled { .. })), "{sprayed:?}");

    clock.advance(Duration::hours(2));
    request_reset(&platform, &links(), "admin@acme.test", &origin("192.0.2.1")).await.unwrap();
}

#[tokio::test]
async fn operator_staff_reset_theirs_too() {
    let (platform, _clock) = platform().await;
    let policy = SessionPolicy::default();
    let operator = OperatorScope::system(&platform);
    let staff = tenants::create_operator_staff(&operator, "staff@op.test", "Olivier", "Opérateur", PASSWORD).await;
    let staff = staff.unwrap();
    request_reset(&platform, &links(), "staff@op.test", &origin("192.0.2.1")).await.unwrap();
    let token = last_token(&notifications(&platform).await);
    reset_password(&platform, &token, NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap();
    auth::login(&platform, &policy, "staff@op.test", NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap();
    let db = operator.unscoped();
    let audit = db.find::<audit_entry::Entity>().filter(audit_entry::Column::Action.eq("password.reset")).one(&db);
    let audit = audit.await.unwrap().expect("audited");
    assert_eq!((audit.tenant_id, audit.actor_id), (None, Some(staff.id)));
}

#[tokio::test]
async fn an_invited_user_chooses_their_password_from_the_link() {
    let (platform, clock) = platform().await;
    let policy = SessionPolicy::default();
    let operator = OperatorScope::system(&platform);
    let (tenant, admin) = tenants::create_tenant(&operator, new_tenant("admin@acme.test")).await.unwrap();
    let request = RequestContext {
        actor: Actor::TenantUser { tenant_id: tenant.id, user_id: admin.id, is_admin: true, rights: Rights::ALL },
        ..RequestContext::anonymous()
    };
    let scope = TenantScope::for_request(&platform, &request).unwrap();
    let invitation = NewInvitation {
        email: "carla@acme.test".to_owned(),
        first_name: "Carla".to_owned(),
        last_name: "Nouvelle".to_owned(),
        organization: None,
        rights: Rights::ALL,
        is_admin: false,
    };
    let carla = users::invite_user(&scope, invitation, &links()).await.unwrap();

    let sent = notifications(&platform).await;
    assert_eq!(sent.len(), 1);
    let mail = &sent[0];
    assert_eq!((mail.to.as_str(), mail.kind), ("carla@acme.test", NotificationKind::Invitation));
    assert!(mail.params["link"].ends_with("&invitation=1"), "{mail:?}");
    assert_eq!((mail.params["tenant"].as_str(), mail.params["inviter"].as_str()), ("Acme", "Alice Admin"));
    // No password works before the invitation is accepted.
    for guess in ["", PASSWORD, "invitation"] {
        let refused = auth::login(&platform, &policy, "carla@acme.test", guess, &origin("192.0.2.1")).await;
        assert!(matches!(refused, Err(IdentityError::WrongCredentials)), "{guess}: {refused:?}");
    }

    // Valid for a week.
    clock.advance(Duration::days(6));
    let token = last_token(&sent);
    reset_password(&platform, &token, NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap();
    let logged_in = auth::login(&platform, &policy, "carla@acme.test", NEW_PASSWORD, &origin("192.0.2.1")).await;
    let logged_in = logged_in.unwrap();
    let session = auth::authenticate_session(&platform, &policy, &logged_in.token, None).await.unwrap();
    assert!(!session.must_change_password);
    assert!(matches!(session.actor, Actor::TenantUser { user_id, .. } if user_id == carla.id));
}

#[tokio::test]
async fn an_invitation_expires_after_seven_days() {
    let (platform, clock) = platform().await;
    let operator = OperatorScope::system(&platform);
    let (tenant, _) = tenants::create_tenant(&operator, new_tenant("admin@acme.test")).await.unwrap();
    let invitation = NewInvitation {
        email: "carla@acme.test".to_owned(),
        first_name: "Carla".to_owned(),
        last_name: "Nouvelle".to_owned(),
        organization: None,
        rights: Rights::ALL,
        is_admin: false,
    };
    users::invite_user(&operator.on_tenant(tenant.id), invitation, &links()).await.unwrap();
    let token = last_token(&notifications(&platform).await);
    clock.advance(Duration::days(7));
    let expired = reset_password(&platform, &token, NEW_PASSWORD, &origin("192.0.2.1")).await.unwrap_err();
    assert!(matches!(expired, IdentityError::TokenInvalid), "{expired:?}");
}

#[tokio::test]
async fn the_daily_purge_deletes_links_expired_for_a_day() {
    let (platform, clock) = platform().await;
    let operator = OperatorScope::system(&platform);
    tenants::create_tenant(&operator, new_tenant("admin@acme.test")).await.unwrap();
    request_reset(&platform, &links(), "admin@acme.test", &origin("192.0.2.1")).await.unwrap();
    let policy = SessionPolicy::default();
    let db = platform.unscoped(crm360_kernel::Why::PasswordReset);
    let stored = || db.find::<password_reset::Entity>().count(&db);
    // Expired (30 minutes) but not for a day yet: kept.
    clock.advance(Duration::hours(12));
    let kept = crm360_identity::service::connection_log::purge_old_ips(&platform, &policy).await.unwrap();
    assert_eq!((kept.password_links, stored().await.unwrap()), (0, 1));
    clock.advance(Duration::hours(13));
    let purged = crm360_identity::service::connection_log::purge_old_ips(&platform, &policy).await.unwrap();
    assert_eq!((purged.password_links, stored().await.unwrap()), (1, 0));
}

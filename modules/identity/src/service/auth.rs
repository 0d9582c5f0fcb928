//! Login, sessions, API-token authentication, logout and password change.

use crate::email::EmailAddress;
use crate::error::{IdentityError, IdentityResult};
use crate::model::{api_token, connection_log, operator_staff, session, tenant, tenant_user};
use crate::password;
use crate::policy::SessionPolicy;
use crate::service::statuses::*;
use chrono::{DateTime, Duration, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::context::Platform;
use crm360_kernel::ids::new_id;
use crm360_kernel::scope::Acting;
use crm360_kernel::{Actor, secret};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use uuid::Uuid;

/// API tokens start with this, which tells them from session tokens.
pub const API_TOKEN_PREFIX: &str = "crm360_pat_";

/// Where a login attempt comes from.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// A successful login: the token to hand to the client (once) and who it is.
#[derive(Clone, Debug)]
pub struct LoggedIn {
    pub token: String,
    pub session_id: Uuid,
    pub actor: Actor,
}

/// The account behind a login email.
enum Account {
    User(tenant_user::Model),
    Operator(operator_staff::Model),
}

pub async fn login(
    platform: &Platform,
    policy: &SessionPolicy,
    email: &str,
    password: &str,
    origin: &Origin,
) -> IdentityResult<LoggedIn> {
    let email = EmailAddress::parse(email)?;
    let now = platform.clock.now();
    let db = &platform.db;

    if let Some(retry_after_seconds) = throttled(db, policy, &email, origin, now).await? {
        log_connection(db, None, None, &email, origin, OUTCOME_THROTTLED, now).await?;
        return Err(IdentityError::Throttled { retry_after_seconds });
    }

    let account = find_account(db, &email).await?;
    let Some(account) = account else {
        password::verify_dummy(password);
        log_connection(db, None, None, &email, origin, OUTCOME_UNKNOWN_ACCOUNT, now).await?;
        return Err(IdentityError::WrongCredentials);
    };
    let (tenant_id, subject_id, hash, closed) = match &account {
        Account::User(u) => (Some(u.tenant_id), u.id, &u.password_hash, u.status == USER_CLOSED),
        Account::Operator(s) => (None, s.id, &s.password_hash, s.status == USER_CLOSED),
    };
    if !password::verify(password, hash) {
        log_connection(db, tenant_id, Some(subject_id), &email, origin, OUTCOME_WRONG_PASSWORD, now).await?;
        return Err(IdentityError::WrongCredentials);
    }
    // Statuses are told only to whoever knows the password.
    if closed {
        log_connection(db, tenant_id, Some(subject_id), &email, origin, OUTCOME_ACCOUNT_CLOSED, now).await?;
        return Err(IdentityError::AccountClosed);
    }
    if let Some(tenant_id) = tenant_id {
        let tenant = tenant::Entity::find_by_id(tenant_id).one(db).await?;
        if !tenant.is_some_and(|t| tenant_allows_login(&t.status)) {
            log_connection(db, Some(tenant_id), Some(subject_id), &email, origin, OUTCOME_TENANT_SUSPENDED, now)
                .await?;
            return Err(IdentityError::TenantSuspended);
        }
    }

    let token = secret::random_token();
    let session_id = new_id();
    let txn = db.begin().await?;
    let (subject_kind, actor) = match &account {
        Account::User(user) => {
            tenant_user::Entity::update_many()
                .col_expr(tenant_user::Column::LastLoginAt, Some(now).into())
                .filter(tenant_user::Column::TenantId.eq(user.tenant_id))
                .filter(tenant_user::Column::Id.eq(user.id))
                .exec(&txn)
                .await?;
            (SUBJECT_USER, user_actor(user))
        }
        Account::Operator(staff) => {
            operator_staff::Entity::update_many()
                .col_expr(operator_staff::Column::LastLoginAt, Some(now).into())
                .filter(operator_staff::Column::Id.eq(staff.id))
                .exec(&txn)
                .await?;
            (SUBJECT_OPERATOR, Actor::Operator { staff_id: staff.id })
        }
    };
    session::ActiveModel {
        id: Set(session_id),
        token_hash: Set(secret::digest(&token)),
        subject_kind: Set(subject_kind.to_owned()),
        tenant_id: Set(tenant_id),
        subject_id: Set(subject_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + policy.absolute_lifetime),
        revoked_at: Set(None),
        ip: Set(origin.ip.clone()),
        user_agent: Set(origin.user_agent.clone()),
    }
    .insert(&txn)
    .await?;
    log_connection(&txn, tenant_id, Some(subject_id), &email, origin, OUTCOME_SUCCESS, now).await?;
    txn.commit().await?;
    Ok(LoggedIn { token, session_id, actor })
}

fn user_actor(user: &tenant_user::Model) -> Actor {
    Actor::TenantUser { tenant_id: user.tenant_id, user_id: user.id, is_admin: user.is_admin, rights: user.rights() }
}

async fn find_account(db: &impl ConnectionTrait, email: &EmailAddress) -> IdentityResult<Option<Account>> {
    if let Some(user) =
        tenant_user::Entity::find().filter(tenant_user::Column::Email.eq(email.as_str())).one(db).await?
    {
        return Ok(Some(Account::User(user)));
    }
    let staff = operator_staff::Entity::find().filter(operator_staff::Column::Email.eq(email.as_str())).one(db).await?;
    Ok(staff.map(Account::Operator))
}

/// Whether this account or this IP address has failed too often lately; if so, in how many
/// seconds the oldest counted failure leaves the window.
async fn throttled(
    db: &impl ConnectionTrait,
    policy: &SessionPolicy,
    email: &EmailAddress,
    origin: &Origin,
    now: DateTime<Utc>,
) -> IdentityResult<Option<i64>> {
    let failures = [OUTCOME_WRONG_PASSWORD, OUTCOME_UNKNOWN_ACCOUNT];
    let window_start = now - policy.throttle_window;
    // A success resets the account's count.
    let last_success = connection_log::Entity::find()
        .filter(connection_log::Column::Email.eq(email.as_str()))
        .filter(connection_log::Column::Outcome.eq(OUTCOME_SUCCESS))
        .filter(connection_log::Column::At.gt(window_start))
        .order_by_desc(connection_log::Column::At)
        .one(db)
        .await?;
    let since = last_success.map_or(window_start, |s| s.at);
    let account_failures = connection_log::Entity::find()
        .filter(connection_log::Column::Email.eq(email.as_str()))
        .filter(connection_log::Column::Outcome.is_in(failures))
        .filter(connection_log::Column::At.gt(since));
    if account_failures.clone().count(db).await? >= policy.max_failures_per_account {
        return Ok(Some(retry_after(db, account_failures, policy, now).await?));
    }
    if let Some(ip) = &origin.ip {
        let ip_failures = connection_log::Entity::find()
            .filter(connection_log::Column::Ip.eq(ip.as_str()))
            .filter(connection_log::Column::Outcome.is_in(failures))
            .filter(connection_log::Column::At.gt(window_start));
        if ip_failures.clone().count(db).await? >= policy.max_failures_per_ip {
            return Ok(Some(retry_after(db, ip_failures, policy, now).await?));
        }
    }
    Ok(None)
}

async fn retry_after(
    db: &impl ConnectionTrait,
    failures: sea_orm::Select<connection_log::Entity>,
    policy: &SessionPolicy,
    now: DateTime<Utc>,
) -> IdentityResult<i64> {
    let oldest = failures.order_by_asc(connection_log::Column::At).one(db).await?;
    Ok(oldest.map_or(policy.throttle_window.num_seconds(), |f| (f.at + policy.throttle_window - now).num_seconds()))
}

pub(crate) async fn log_connection(
    db: &impl ConnectionTrait,
    tenant_id: Option<Uuid>,
    subject_id: Option<Uuid>,
    email: &EmailAddress,
    origin: &Origin,
    outcome: &str,
    at: DateTime<Utc>,
) -> IdentityResult<()> {
    connection_log::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(tenant_id),
        subject_id: Set(subject_id),
        email: Set(email.as_str().to_owned()),
        ip: Set(origin.ip.clone()),
        user_agent: Set(origin.user_agent.clone().map(|ua| ua.chars().take(512).collect())),
        outcome: Set(outcome.to_owned()),
        at: Set(at),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Who a request's credential (session token or API token) stands for.
#[derive(Clone, Debug)]
pub struct Authenticated {
    pub actor: Actor,
    pub session_id: Option<Uuid>,
}

/// Resolves a session token: expired, revoked or unknown tokens are refused, and a live
/// session's idle clock restarts.
pub async fn authenticate_session(
    platform: &Platform,
    policy: &SessionPolicy,
    token: &str,
) -> IdentityResult<Authenticated> {
    let db = &platform.db;
    let now = platform.clock.now();
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(secret::digest(token)))
        .filter(session::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    let Some(found) = found else {
        return Err(IdentityError::SessionExpired);
    };
    if now - found.last_seen_at > policy.idle_timeout || now >= found.expires_at {
        revoke_session(db, found.id, now).await?;
        return Err(IdentityError::SessionExpired);
    }
    let actor = match (found.subject_kind.as_str(), found.tenant_id) {
        (SUBJECT_USER, Some(tenant_id)) => {
            let user = tenant_user::Entity::find_by_id((tenant_id, found.subject_id))
                .find_also_related(tenant::Entity)
                .one(db)
                .await?;
            match user {
                Some((user, Some(tenant))) if user.status == USER_ACTIVE && tenant_allows_login(&tenant.status) => {
                    user_actor(&user)
                }
                _ => {
                    revoke_session(db, found.id, now).await?;
                    return Err(IdentityError::SessionExpired);
                }
            }
        }
        (SUBJECT_OPERATOR, None) => {
            let staff = operator_staff::Entity::find_by_id(found.subject_id).one(db).await?;
            match staff {
                Some(staff) if staff.status == USER_ACTIVE => Actor::Operator { staff_id: staff.id },
                _ => return Err(IdentityError::SessionExpired),
            }
        }
        _ => {
            return Err(IdentityError::Internal(format!("session {} has an unknown subject", found.id)));
        }
    };
    // Writing on every request would make reads write; a few seconds of slack is harmless
    // against a 20-minute timeout.
    if now - found.last_seen_at > Duration::seconds(5) {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, now.into())
            .filter(session::Column::Id.eq(found.id))
            .exec(db)
            .await?;
    }
    Ok(Authenticated { actor, session_id: Some(found.id) })
}

/// Resolves an API token.
pub async fn authenticate_api_token(platform: &Platform, token: &str) -> IdentityResult<Authenticated> {
    let db = &platform.db;
    let now = platform.clock.now();
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(secret::digest(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    let Some(found) = found else {
        return Err(IdentityError::SessionExpired);
    };
    if found.expires_at.is_some_and(|at| now >= at) {
        return Err(IdentityError::SessionExpired);
    }
    let tenant = tenant::Entity::find_by_id(found.tenant_id).one(db).await?;
    if !tenant.is_some_and(|t| tenant_allows_login(&t.status)) {
        return Err(IdentityError::TenantSuspended);
    }
    if found.last_used_at.is_none_or(|at| now - at > Duration::minutes(1)) {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Some(now).into())
            .filter(api_token::Column::TenantId.eq(found.tenant_id))
            .filter(api_token::Column::Id.eq(found.id))
            .exec(db)
            .await?;
    }
    Ok(Authenticated {
        actor: Actor::ApiClient { tenant_id: found.tenant_id, token_id: found.id, rights: found.rights() },
        session_id: None,
    })
}

/// Resolves a bearer credential: an API token or a session token.
pub async fn authenticate_bearer(
    platform: &Platform,
    policy: &SessionPolicy,
    token: &str,
) -> IdentityResult<Authenticated> {
    if token.starts_with(API_TOKEN_PREFIX) {
        authenticate_api_token(platform, token).await
    } else {
        authenticate_session(platform, policy, token).await
    }
}

async fn revoke_session(db: &impl ConnectionTrait, session_id: Uuid, now: DateTime<Utc>) -> IdentityResult<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Some(now).into())
        .filter(session::Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes every live session of a subject but `keep` (password change, closure).
pub(crate) async fn revoke_sessions_of(
    db: &impl ConnectionTrait,
    subject_id: Uuid,
    keep: Option<Uuid>,
    now: DateTime<Utc>,
) -> IdentityResult<()> {
    let mut update = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Some(now).into())
        .filter(session::Column::SubjectId.eq(subject_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(session::Column::Id.ne(keep));
    }
    update.exec(db).await?;
    Ok(())
}

/// Ends the session of the request, and logs it.
pub async fn logout(platform: &Platform, actor: &Actor, session_id: Uuid, origin: &Origin) -> IdentityResult<()> {
    let now = platform.clock.now();
    revoke_session(&platform.db, session_id, now).await?;
    if let Some((tenant_id, subject_id, email)) = subject_of(&platform.db, actor).await? {
        log_connection(&platform.db, tenant_id, Some(subject_id), &email, origin, OUTCOME_LOGOUT, now).await?;
    }
    Ok(())
}

async fn subject_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> IdentityResult<Option<(Option<Uuid>, Uuid, EmailAddress)>> {
    Ok(match actor {
        Actor::TenantUser { tenant_id, user_id, .. } => tenant_user::Entity::find_by_id((*tenant_id, *user_id))
            .one(db)
            .await?
            .map(|u| (Some(u.tenant_id), u.id, EmailAddress::parse(&u.email))),
        Actor::Operator { staff_id } => operator_staff::Entity::find_by_id(*staff_id)
            .one(db)
            .await?
            .map(|s| (None, s.id, EmailAddress::parse(&s.email))),
        _ => None,
    }
    .and_then(|(tenant, id, email)| email.ok().map(|email| (tenant, id, email))))
}

/// Changes the password of the acting person and ends their other sessions.
pub async fn change_password(
    acting: &Acting,
    session_id: Option<Uuid>,
    current: &str,
    new: &str,
) -> IdentityResult<()> {
    let db = &acting.db;
    let now = acting.now();
    let (stored_hash, email, names, subject_id, tenant_id) = match &acting.actor {
        Actor::TenantUser { tenant_id, user_id, .. } => {
            let user = tenant_user::Entity::find_by_id((*tenant_id, *user_id))
                .one(db)
                .await?
                .ok_or(IdentityError::NotFound("user"))?;
            (user.password_hash, user.email, vec![user.first_name, user.last_name], user.id, Some(user.tenant_id))
        }
        Actor::Operator { staff_id } => {
            let staff =
                operator_staff::Entity::find_by_id(*staff_id).one(db).await?.ok_or(IdentityError::NotFound("user"))?;
            (staff.password_hash, staff.email, vec![staff.first_name, staff.last_name], staff.id, None)
        }
        _ => {
            return Err(IdentityError::Api(crm360_kernel::ApiError::forbidden("only people have passwords")));
        }
    };
    if !password::verify(current, &stored_hash) {
        return Err(IdentityError::WrongCurrentPassword);
    }
    let email = EmailAddress::parse(&email)?;
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    password::check_policy(new, &email, &names).map_err(rename_password_field("newPassword"))?;
    if new == current {
        return Err(IdentityError::WeakPassword("the new password must differ from the current one".to_owned()))
            .map_err(rename_password_field("newPassword"));
    }
    let new_hash = password::hash(new)?;
    let txn = db.begin().await?;
    match tenant_id {
        Some(tenant_id) => {
            tenant_user::Entity::update_many()
                .col_expr(tenant_user::Column::PasswordHash, new_hash.into())
                .col_expr(tenant_user::Column::PasswordChangedAt, now.into())
                .col_expr(tenant_user::Column::MustChangePassword, false.into())
                .col_expr(tenant_user::Column::UpdatedAt, now.into())
                .filter(tenant_user::Column::TenantId.eq(tenant_id))
                .filter(tenant_user::Column::Id.eq(subject_id))
                .exec(&txn)
                .await?;
        }
        None => {
            operator_staff::Entity::update_many()
                .col_expr(operator_staff::Column::PasswordHash, new_hash.into())
                .col_expr(operator_staff::Column::PasswordChangedAt, now.into())
                .col_expr(operator_staff::Column::MustChangePassword, false.into())
                .filter(operator_staff::Column::Id.eq(subject_id))
                .exec(&txn)
                .await?;
        }
    }
    revoke_sessions_of(&txn, subject_id, session_id, now).await?;
    acting.audit(&txn, tenant_id, AuditChange::new("user.password.change", "user", subject_id)).await?;
    txn.commit().await?;
    Ok(())
}

/// Password errors name the input field they came from.
pub(crate) fn rename_password_field(field: &'static str) -> impl Fn(IdentityError) -> IdentityError {
    move |err| match err {
        IdentityError::WeakPassword(message) => IdentityError::Api(crm360_kernel::ApiError::invalid(
            field,
            "WEAK_PASSWORD",
            format!("weak password: {message}"),
        )),
        other => other,
    }
}

/// Hashes a new password after checking it against the policy.
pub(crate) fn new_password_hash(
    password: &str,
    email: &EmailAddress,
    names: &[&str],
    field: &'static str,
) -> IdentityResult<String> {
    password::check_policy(password, email, names).map_err(rename_password_field(field))?;
    password::hash(password)
}

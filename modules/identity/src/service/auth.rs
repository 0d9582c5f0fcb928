//! Login, sessions, API-token authentication, logout and password change.
//!
//! Logging in and turning a credential into an actor come before any scope: they go through
//! the unscoped door (`Why::Login`, `Why::SessionLookup`). A password change is the person's
//! own work: a tenant user's through their tenant scope, operator staff's through theirs.

use crate::error::{IdentityError, IdentityResult};
use crate::model::connection_log::{self, ConnectionOutcome};
use crate::model::session::{self, SubjectKind};
use crate::model::tenant_user::{self, UserStatus};
use crate::model::{api_token, operator_staff, tenant};
use crate::password;
use crate::policy::SessionPolicy;
use crate::service::networks;
use crate::service::throttle::{self, Admission, ThrottleKey};
use crate::service::users::parse_email;
use chrono::{DateTime, Duration, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::context::Platform;
use crm360_kernel::ids::new_id;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::values::{EmailAddress, Refusal};
use crm360_kernel::{Actor, TenantScope, Unscoped, Why, secret};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Set, UpdateMany};
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

impl Account {
    fn id(&self) -> Uuid {
        match self {
            Account::User(user) => user.id,
            Account::Operator(staff) => staff.id,
        }
    }

    fn tenant_id(&self) -> Option<Uuid> {
        match self {
            Account::User(user) => Some(user.tenant_id),
            Account::Operator(_) => None,
        }
    }

    fn subject(&self) -> Subject {
        Subject { tenant_id: self.tenant_id(), id: Some(self.id()) }
    }

    fn password_hash(&self) -> &str {
        match self {
            Account::User(user) => &user.password_hash,
            Account::Operator(staff) => &staff.password_hash,
        }
    }

    fn status(&self) -> UserStatus {
        match self {
            Account::User(user) => user.status,
            Account::Operator(staff) => staff.status,
        }
    }
}

/// Whom a connection log entry is about, when known.
#[derive(Copy, Clone, Debug)]
struct Subject {
    tenant_id: Option<Uuid>,
    id: Option<Uuid>,
}

impl Subject {
    const UNKNOWN: Subject = Subject { tenant_id: None, id: None };
}

pub async fn login(
    platform: &Platform,
    policy: &SessionPolicy,
    email: &str,
    password: &str,
    origin: &Origin,
) -> IdentityResult<LoggedIn> {
    let email = parse_email(email, "email")?;
    let db = platform.unscoped(Why::Login);
    let now = db.now();

    let keys = LoginKeys::new(&email, origin);
    if let Err(refused) = admit_login(&db, policy, &keys, now).await? {
        log_connection(&db, Subject::UNKNOWN, &email, origin, ConnectionOutcome::Throttled).await?;
        return Err(refused);
    }

    let Some(account) = find_account(&db, &email).await? else {
        password::verify_dummy(password);
        log_connection(&db, Subject::UNKNOWN, &email, origin, ConnectionOutcome::UnknownAccount).await?;
        return Err(IdentityError::WrongCredentials);
    };
    let subject = account.subject();
    if !password::verify(password, account.password_hash()) {
        log_connection(&db, subject, &email, origin, ConnectionOutcome::WrongPassword).await?;
        return Err(IdentityError::WrongCredentials);
    }
    // The password is right: this was no guess.
    throttle::forget(&db, &[&keys.account_and_address, &keys.account]).await?;
    throttle::uncount(&db, &keys.address).await?;
    // Statuses are told only to whoever knows the password.
    if account.status() == UserStatus::Closed {
        log_connection(&db, subject, &email, origin, ConnectionOutcome::AccountClosed).await?;
        return Err(IdentityError::AccountClosed);
    }
    if let Some(tenant_id) = subject.tenant_id
        && !tenant_allows_login(&db, tenant_id).await?
    {
        log_connection(&db, subject, &email, origin, ConnectionOutcome::TenantSuspended).await?;
        return Err(IdentityError::TenantSuspended);
    }
    if !address_allowed(&db, policy, subject.tenant_id, origin.ip.as_deref()).await? {
        log_connection(&db, subject, &email, origin, ConnectionOutcome::AddressNotAllowed).await?;
        return Err(IdentityError::AddressNotAllowed);
    }
    open_session(&db, policy, &account, &email, origin).await
}

/// Records the login on the account, opens its session and logs the success, together.
async fn open_session(
    db: &Unscoped,
    policy: &SessionPolicy,
    account: &Account,
    email: &EmailAddress,
    origin: &Origin,
) -> IdentityResult<LoggedIn> {
    let token = secret::random_token();
    let session_id = new_id();
    let txn = db.begin().await?;
    let now = txn.now();
    let (subject_kind, actor) = match account {
        Account::User(user) => {
            txn.update_many::<tenant_user::Entity>()
                .col_expr(tenant_user::Column::LastLoginAt, Some(now).into())
                .filter(tenant_user::Column::TenantId.eq(user.tenant_id))
                .filter(tenant_user::Column::Id.eq(user.id))
                .exec(&txn)
                .await?;
            (SubjectKind::User, user_actor(user))
        }
        Account::Operator(staff) => {
            txn.update_many::<operator_staff::Entity>()
                .col_expr(operator_staff::Column::LastLoginAt, Some(now).into())
                .filter(operator_staff::Column::Id.eq(staff.id))
                .exec(&txn)
                .await?;
            (SubjectKind::Operator, Actor::Operator { staff_id: staff.id })
        }
    };
    let row = session::ActiveModel {
        id: Set(session_id),
        token_hash: Set(secret::digest(&token)),
        subject_kind: Set(subject_kind),
        tenant_id: Set(account.tenant_id()),
        subject_id: Set(account.id()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + policy.absolute_lifetime),
        revoked_at: Set(None),
        ip: Set(origin.ip.clone()),
        user_agent: Set(origin.user_agent.clone()),
    };
    txn.insert_statement(row).exec_without_returning(&txn).await?;
    log_connection(&txn, account.subject(), email, origin, ConnectionOutcome::Success).await?;
    // The trail records every login (refusals are in the connection log, with their reason).
    let change = AuditChange::new("session.login", "session", session_id)
        .after(serde_json::json!({ "userAgent": origin.user_agent }));
    txn.audit_as(&actor, account.tenant_id(), origin.ip.clone(), change).await?;
    txn.commit().await?;
    Ok(LoggedIn { token, session_id, actor })
}

fn user_actor(user: &tenant_user::Model) -> Actor {
    Actor::TenantUser { tenant_id: user.tenant_id, user_id: user.id, is_admin: user.is_admin, rights: user.rights() }
}

async fn find_account(db: &Unscoped, email: &EmailAddress) -> IdentityResult<Option<Account>> {
    let user = db.find::<tenant_user::Entity>().filter(tenant_user::Column::Email.eq(email.as_str())).one(db).await?;
    if let Some(user) = user {
        return Ok(Some(Account::User(user)));
    }
    let staff =
        db.find::<operator_staff::Entity>().filter(operator_staff::Column::Email.eq(email.as_str())).one(db).await?;
    Ok(staff.map(Account::Operator))
}

/// Whether the tenant exists and lets its users and tokens in.
async fn tenant_allows_login(db: &Unscoped, tenant_id: Uuid) -> IdentityResult<bool> {
    let tenant = db.find::<tenant::Entity>().filter(tenant::Column::Id.eq(tenant_id)).one(db).await?;
    Ok(tenant.is_some_and(|t| t.status.allows_login()))
}

/// Whether `ip` may reach the tenant `tenant_id` (its allow-list), or, for operator staff
/// (`None`), the operator's configured ranges.
async fn address_allowed<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    policy: &SessionPolicy,
    tenant_id: Option<Uuid>,
    ip: Option<&str>,
) -> IdentityResult<bool> {
    Ok(match tenant_id {
        Some(tenant_id) => networks::allows(&networks::of_tenant(db, tenant_id).await?, ip),
        None => networks::allows(&policy.operator_allowed_networks, ip),
    })
}

/// Logs a session or API token refused for its address: once a minute at most per credential
/// holder and address (a client retrying in a loop must not write a row per request).
async fn log_address_refusal(db: &Unscoped, subject: Subject, login: &str, ip: Option<&str>) -> IdentityResult<()> {
    let since = db.now() - Duration::minutes(1);
    let mut recent = db
        .find::<connection_log::Entity>()
        .filter(connection_log::Column::Outcome.eq(ConnectionOutcome::AddressNotAllowed))
        .filter(connection_log::Column::At.gt(since));
    recent = match subject.id {
        Some(id) => recent.filter(connection_log::Column::SubjectId.eq(id)),
        None => recent.filter(connection_log::Column::SubjectId.is_null()),
    };
    recent = match ip {
        Some(ip) => recent.filter(connection_log::Column::Ip.eq(ip)),
        None => recent.filter(connection_log::Column::Ip.is_null()),
    };
    if recent.one(db).await?.is_some() {
        return Ok(());
    }
    let origin = Origin { ip: ip.map(str::to_owned), user_agent: None };
    insert_log(db, subject, login, &origin, ConnectionOutcome::AddressNotAllowed).await
}

/// The throttled keys of a login attempt.
struct LoginKeys {
    account_and_address: ThrottleKey,
    address: ThrottleKey,
    account: ThrottleKey,
}

impl LoginKeys {
    fn new(email: &EmailAddress, origin: &Origin) -> LoginKeys {
        let ip = origin.ip.as_deref();
        LoginKeys {
            account_and_address: ThrottleKey::account_and_address(email.as_str(), ip),
            address: ThrottleKey::address(ip),
            account: ThrottleKey::account(email.as_str()),
        }
    }
}

/// Counts a login attempt against its keys, in order: the account from this address, this
/// address, then the account from anywhere (the hard lock). The first that makes it wait
/// refuses it, unchecked.
async fn admit_login(
    db: &Unscoped,
    policy: &SessionPolicy,
    keys: &LoginKeys,
    now: DateTime<Utc>,
) -> IdentityResult<Result<(), IdentityError>> {
    let rules = &policy.throttle;
    let gates = [
        (&rules.per_account_and_address, &keys.account_and_address, false),
        (&rules.per_address, &keys.address, false),
        (&rules.account_lock, &keys.account, true),
    ];
    for (rule, key, locks) in gates {
        if let Admission::Refused { retry_after_seconds } = throttle::admit(db, rule, key, now).await? {
            return Ok(Err(if locks {
                IdentityError::AccountLocked { retry_after_seconds }
            } else {
                IdentityError::Throttled { retry_after_seconds }
            }));
        }
    }
    Ok(Ok(()))
}

async fn log_connection<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    subject: Subject,
    email: &EmailAddress,
    origin: &Origin,
    outcome: ConnectionOutcome,
) -> IdentityResult<()> {
    insert_log(db, subject, email.as_str(), origin, outcome).await
}

/// One connection log row; `login` is the e-mail attempted (or, for an API token, its prefix).
async fn insert_log<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    subject: Subject,
    login: &str,
    origin: &Origin,
    outcome: ConnectionOutcome,
) -> IdentityResult<()> {
    let row = connection_log::ActiveModel {
        id: Set(new_id()),
        tenant_id: Set(subject.tenant_id),
        subject_id: Set(subject.id),
        email: Set(login.to_owned()),
        ip: Set(origin.ip.clone()),
        user_agent: Set(origin.user_agent.clone().map(|ua| ua.chars().take(512).collect())),
        outcome: Set(outcome),
        at: Set(db.now()),
    };
    db.insert_statement(row).exec_without_returning(db).await?;
    Ok(())
}

/// Who a request's credential (session token or API token) stands for.
#[derive(Clone, Debug)]
pub struct Authenticated {
    pub actor: Actor,
    pub session_id: Option<Uuid>,
    /// The person must change their password before anything else (a first password set
    /// by an administrator): the server allows them nothing but the change.
    pub must_change_password: bool,
}

/// Resolves a session token used from `ip`: expired, revoked or unknown tokens are refused,
/// and so is a session used from outside its tenant's (or, for staff, the operator's) ranges;
/// a live session's idle clock restarts.
pub async fn authenticate_session(
    platform: &Platform,
    policy: &SessionPolicy,
    token: &str,
    ip: Option<&str>,
) -> IdentityResult<Authenticated> {
    let db = platform.unscoped(Why::SessionLookup);
    let now = db.now();
    let found = db
        .find::<session::Entity>()
        .filter(session::Column::TokenHash.eq(secret::digest(token)))
        .filter(session::Column::RevokedAt.is_null())
        .one(&db)
        .await?;
    let Some(found) = found else {
        return Err(IdentityError::SessionExpired);
    };
    if now - found.last_seen_at > policy.idle_timeout || now >= found.expires_at {
        revoke_session(&db, found.id, now).await?;
        return Err(IdentityError::SessionExpired);
    }
    let (actor, must_change_password) = session_actor(&db, &found, now).await?;
    if !address_allowed(&db, policy, found.tenant_id, ip).await? {
        let subject = Subject { tenant_id: found.tenant_id, id: Some(found.subject_id) };
        let login = subject_of(&db, &actor).await?.map(|(_, email)| email.as_str().to_owned()).unwrap_or_default();
        log_address_refusal(&db, subject, &login, ip).await?;
        return Err(IdentityError::AddressNotAllowed);
    }
    // Writing on every request would make reads write; a few seconds of slack is harmless
    // against a 20-minute timeout.
    // Best effort: a busy database (SQLite's one writer in a long import) must not turn a
    // live session's read into a failure; the next request touches it again.
    if now - found.last_seen_at > Duration::seconds(5)
        && let Err(err) = db
            .update_many::<session::Entity>()
            .col_expr(session::Column::LastSeenAt, now.into())
            .filter(session::Column::Id.eq(found.id))
            .exec(&db)
            .await
    {
        tracing::warn!(error = %err, "the session's last activity could not be recorded");
    }
    Ok(Authenticated { actor, session_id: Some(found.id), must_change_password })
}

/// Whether a credential (session or API token) still stands from `ip`, without counting as
/// activity (an open WebSocket re-checks its session with it: it must not keep an idle
/// session alive).
pub async fn still_valid(
    platform: &Platform,
    policy: &SessionPolicy,
    token: &str,
    ip: Option<&str>,
) -> IdentityResult<bool> {
    let db = platform.unscoped(Why::SessionLookup);
    let now = db.now();
    if token.starts_with(API_TOKEN_PREFIX) {
        let found = db
            .find::<api_token::Entity>()
            .filter(api_token::Column::TokenHash.eq(secret::digest(token)))
            .filter(api_token::Column::RevokedAt.is_null())
            .one(&db)
            .await?;
        return match found {
            Some(found) if found.expires_at.is_none_or(|at| now < at) => Ok(tenant_allows_login(&db, found.tenant_id)
                .await?
                && address_allowed(&db, policy, Some(found.tenant_id), ip).await?),
            _ => Ok(false),
        };
    }
    let found = db
        .find::<session::Entity>()
        .filter(session::Column::TokenHash.eq(secret::digest(token)))
        .filter(session::Column::RevokedAt.is_null())
        .one(&db)
        .await?;
    let Some(found) = found else {
        return Ok(false);
    };
    if now - found.last_seen_at > policy.idle_timeout || now >= found.expires_at {
        return Ok(false);
    }
    Ok(session_actor(&db, &found, now).await.is_ok() && address_allowed(&db, policy, found.tenant_id, ip).await?)
}

/// The actor of a live session (and whether they must change their password first), if its
/// account (and tenant) still let it in; a tenant user's session that no longer may is revoked.
async fn session_actor(db: &Unscoped, found: &session::Model, now: DateTime<Utc>) -> IdentityResult<(Actor, bool)> {
    match (found.subject_kind, found.tenant_id) {
        (SubjectKind::User, Some(tenant_id)) => {
            let user = db
                .find::<tenant_user::Entity>()
                .filter(tenant_user::Column::TenantId.eq(tenant_id))
                .filter(tenant_user::Column::Id.eq(found.subject_id))
                .find_also_related(tenant::Entity)
                .one(db)
                .await?;
            match user {
                Some((user, Some(tenant))) if user.status == UserStatus::Active && tenant.status.allows_login() => {
                    Ok((user_actor(&user), user.must_change_password))
                }
                _ => {
                    revoke_session(db, found.id, now).await?;
                    Err(IdentityError::SessionExpired)
                }
            }
        }
        (SubjectKind::Operator, None) => {
            let staff = db
                .find::<operator_staff::Entity>()
                .filter(operator_staff::Column::Id.eq(found.subject_id))
                .one(db)
                .await?;
            match staff {
                Some(staff) if staff.status == UserStatus::Active => {
                    Ok((Actor::Operator { staff_id: staff.id }, staff.must_change_password))
                }
                _ => Err(IdentityError::SessionExpired),
            }
        }
        (SubjectKind::User, None) | (SubjectKind::Operator, Some(_)) => {
            Err(IdentityError::Internal(format!("session {} has an unknown subject", found.id)))
        }
    }
}

/// Resolves an API token used from `ip`: refused once expired, for a suspended tenant, or
/// from outside the tenant's ranges. Its last use (time and address) is written at most once
/// a minute, not at every request.
pub async fn authenticate_api_token(
    platform: &Platform,
    policy: &SessionPolicy,
    token: &str,
    ip: Option<&str>,
) -> IdentityResult<Authenticated> {
    let db = platform.unscoped(Why::SessionLookup);
    let now = db.now();
    let found = db
        .find::<api_token::Entity>()
        .filter(api_token::Column::TokenHash.eq(secret::digest(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(&db)
        .await?;
    let Some(found) = found else {
        return Err(IdentityError::SessionExpired);
    };
    if found.expires_at.is_some_and(|at| now >= at) {
        return Err(IdentityError::TokenExpired);
    }
    if !tenant_allows_login(&db, found.tenant_id).await? {
        return Err(IdentityError::TenantSuspended);
    }
    if !address_allowed(&db, policy, Some(found.tenant_id), ip).await? {
        let subject = Subject { tenant_id: Some(found.tenant_id), id: Some(found.id) };
        log_address_refusal(&db, subject, &found.prefix, ip).await?;
        return Err(IdentityError::AddressNotAllowed);
    }
    if found.last_used_at.is_none_or(|at| now - at > Duration::minutes(1)) {
        db.update_many::<api_token::Entity>()
            .col_expr(api_token::Column::LastUsedAt, Some(now).into())
            .col_expr(api_token::Column::LastUsedIp, ip.map(str::to_owned).into())
            .filter(api_token::Column::TenantId.eq(found.tenant_id))
            .filter(api_token::Column::Id.eq(found.id))
            .exec(&db)
            .await?;
    }
    Ok(Authenticated {
        actor: Actor::ApiClient { tenant_id: found.tenant_id, token_id: found.id, rights: found.rights() },
        session_id: None,
        must_change_password: false,
    })
}

/// Resolves a bearer credential used from `ip`: an API token or a session token.
pub async fn authenticate_bearer(
    platform: &Platform,
    policy: &SessionPolicy,
    token: &str,
    ip: Option<&str>,
) -> IdentityResult<Authenticated> {
    if token.starts_with(API_TOKEN_PREFIX) {
        authenticate_api_token(platform, policy, token, ip).await
    } else {
        authenticate_session(platform, policy, token, ip).await
    }
}

async fn revoke_session<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    session_id: Uuid,
    now: DateTime<Utc>,
) -> IdentityResult<()> {
    db.update_many::<session::Entity>()
        .col_expr(session::Column::RevokedAt, Some(now).into())
        .filter(session::Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes every live session of a subject but `keep` (password change, closure). `update`
/// comes from the caller's door (`txn.update_many::<session::Entity>()`), run on `conn`.
pub(crate) async fn revoke_sessions_of(
    update: UpdateMany<session::Entity>,
    conn: &impl ConnectionTrait,
    subject_id: Uuid,
    keep: Option<Uuid>,
    now: DateTime<Utc>,
) -> IdentityResult<()> {
    let mut update = update
        .col_expr(session::Column::RevokedAt, Some(now).into())
        .filter(session::Column::SubjectId.eq(subject_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(session::Column::Id.ne(keep));
    }
    update.exec(conn).await?;
    Ok(())
}

/// Ends the session of the request, and logs it. A logout closes what a login opened, in
/// the same connection log (which holds operator staff's entries too): the login's door.
pub async fn logout(platform: &Platform, actor: &Actor, session_id: Uuid, origin: &Origin) -> IdentityResult<()> {
    let db = platform.unscoped(Why::Login);
    let txn = db.begin().await?;
    revoke_session(&txn, session_id, txn.now()).await?;
    if let Some((subject, email)) = subject_of(&txn, actor).await? {
        log_connection(&txn, subject, &email, origin, ConnectionOutcome::Logout).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn subject_of<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    actor: &Actor,
) -> IdentityResult<Option<(Subject, EmailAddress)>> {
    let found = match actor {
        Actor::TenantUser { tenant_id, user_id, .. } => db
            .find::<tenant_user::Entity>()
            .filter(tenant_user::Column::TenantId.eq(*tenant_id))
            .filter(tenant_user::Column::Id.eq(*user_id))
            .one(db)
            .await?
            .map(|u| (Subject { tenant_id: Some(u.tenant_id), id: Some(u.id) }, u.email)),
        Actor::Operator { staff_id } => db
            .find::<operator_staff::Entity>()
            .filter(operator_staff::Column::Id.eq(*staff_id))
            .one(db)
            .await?
            .map(|s| (Subject { tenant_id: None, id: Some(s.id) }, s.email)),
        Actor::Anonymous | Actor::ApiClient { .. } | Actor::System => None,
    };
    Ok(found.and_then(|(subject, email)| EmailAddress::parse(&email).ok().map(|email| (subject, email))))
}

/// What a password change checks and produces, whoever's password it is.
struct PasswordOwner<'a> {
    subject_id: Uuid,
    stored_hash: &'a str,
    email: &'a str,
    names: [&'a str; 2],
}

/// The hash of `new` once `current` is proven right and `new` meets the policy. Guesses of
/// `current` are throttled per person like logins (a stolen session must not let the
/// password be guessed without limit).
async fn replacement_hash(
    platform: &Platform,
    policy: &SessionPolicy,
    owner: PasswordOwner<'_>,
    current: &str,
    new: &str,
) -> IdentityResult<String> {
    let db = platform.unscoped(Why::Login);
    let key = ThrottleKey::password_change(owner.subject_id);
    let rule = &policy.throttle.password_change;
    if let Admission::Refused { retry_after_seconds } = throttle::admit(&db, rule, &key, db.now()).await? {
        return Err(IdentityError::Throttled { retry_after_seconds });
    }
    if !password::verify(current, owner.stored_hash) {
        return Err(IdentityError::WrongCurrentPassword);
    }
    throttle::forget(&db, &[&key]).await?;
    let email = parse_email(owner.email, "email")?;
    password::check_policy(new, &email, &owner.names).map_err(weak_in("newPassword"))?;
    if new == current {
        let reason = "the new password must differ from the current one".to_owned();
        return Err(IdentityError::WeakPassword { field: "newPassword", reason });
    }
    password::hash(new)
}

/// Changes the password of the tenant user acting in `scope` and ends their other sessions
/// (all but `session_id`, the one making the change).
pub async fn change_password(
    platform: &Platform,
    policy: &SessionPolicy,
    scope: &TenantScope,
    session_id: Option<Uuid>,
    current: &str,
    new: &str,
) -> IdentityResult<()> {
    let Actor::TenantUser { user_id, .. } = scope.actor() else {
        return Err(IdentityError::NoPassword);
    };
    let user_id = *user_id;
    let txn = scope.begin().await?;
    let user = txn.find::<tenant_user::Entity>().filter(tenant_user::Column::Id.eq(user_id)).one(&txn).await?;
    txn.commit().await?;
    let user = user.ok_or(IdentityError::NotFound("user"))?;
    let owner = PasswordOwner {
        subject_id: user.id,
        stored_hash: &user.password_hash,
        email: &user.email,
        names: [&user.first_name, &user.last_name],
    };
    let new_hash = replacement_hash(platform, policy, owner, current, new).await?;

    let txn = scope.begin().await?;
    let now = txn.now();
    txn.update_many::<tenant_user::Entity>()
        .col_expr(tenant_user::Column::PasswordHash, new_hash.into())
        .col_expr(tenant_user::Column::PasswordChangedAt, now.into())
        .col_expr(tenant_user::Column::MustChangePassword, false.into())
        .col_expr(tenant_user::Column::UpdatedAt, now.into())
        .filter(tenant_user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    revoke_sessions_of(txn.update_many::<session::Entity>(), &txn, user_id, session_id, now).await?;
    txn.audit(AuditChange::new("user.password.change", "user", user_id)).await?;
    txn.commit().await?;
    Ok(())
}

/// Changes the password of the operator staff member acting in `scope` and ends their other
/// sessions (all but `session_id`).
pub async fn change_operator_password(
    platform: &Platform,
    policy: &SessionPolicy,
    scope: &OperatorScope,
    session_id: Option<Uuid>,
    current: &str,
    new: &str,
) -> IdentityResult<()> {
    let Actor::Operator { staff_id } = scope.actor() else {
        return Err(IdentityError::NoPassword);
    };
    let staff_id = *staff_id;
    let db = scope.unscoped();
    let staff = db.find::<operator_staff::Entity>().filter(operator_staff::Column::Id.eq(staff_id)).one(&db).await?;
    let staff = staff.ok_or(IdentityError::NotFound("user"))?;
    let owner = PasswordOwner {
        subject_id: staff.id,
        stored_hash: &staff.password_hash,
        email: &staff.email,
        names: [&staff.first_name, &staff.last_name],
    };
    let new_hash = replacement_hash(platform, policy, owner, current, new).await?;

    let txn = db.begin().await?;
    let now = txn.now();
    txn.update_many::<operator_staff::Entity>()
        .col_expr(operator_staff::Column::PasswordHash, new_hash.into())
        .col_expr(operator_staff::Column::PasswordChangedAt, now.into())
        .col_expr(operator_staff::Column::MustChangePassword, false.into())
        .filter(operator_staff::Column::Id.eq(staff_id))
        .exec(&txn)
        .await?;
    revoke_sessions_of(txn.update_many::<session::Entity>(), &txn, staff_id, session_id, now).await?;
    scope.audit(&txn, None, AuditChange::new("user.password.change", "user", staff_id)).await?;
    txn.commit().await?;
    Ok(())
}

/// A password refused by the policy, as an error on the input field `field`.
fn weak_in(field: &'static str) -> impl Fn(Refusal) -> IdentityError {
    move |refusal| IdentityError::WeakPassword { field, reason: refusal.message }
}

/// Hashes a new password after checking it against the policy (`field`: its input field).
pub(crate) fn new_password_hash(
    password: &str,
    email: &EmailAddress,
    names: &[&str],
    field: &'static str,
) -> IdentityResult<String> {
    password::check_policy(password, email, names).map_err(weak_in(field))?;
    password::hash(password)
}

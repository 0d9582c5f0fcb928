//! The lost-password flow and invitations: single-use links, sent by e-mail, that set an
//! account's password.
//!
//! A link carries 32 random bytes (base64url) in its fragment (`#token=…`: browsers send no
//! fragment to servers, so it appears in no `Referer` and no access log); only the token's
//! SHA-256 digest is stored (`password_reset`). A lost-password link is valid 30 minutes, an
//! invitation 7 days; a new link of an account voids its earlier unused ones, and a link
//! sets a password once.
//!
//! Asking for a link gives the same answer whether or not an account has the address, after
//! the same work as far as reasonable (a token is drawn and hashed, a transaction runs): only
//! the e-mail, sent by a job, differs. Requests are throttled per address and per client
//! address, for existing and unknown addresses alike (a limit reached only by real accounts
//! would tell them apart).
//!
//! Before anyone is signed in, the link and its account are read on the unscoped door
//! (`Why::PasswordReset`); a tenant user's new password is written in their tenant's scope,
//! as that user, and audited there.

use crate::error::{IdentityError, IdentityResult};
use crate::model::password_reset::{self, AccountKind, ResetPurpose};
use crate::model::tenant_user::{self, UserStatus};
use crate::model::{operator_staff, session, tenant};
use crate::policy::ThrottleRule;
use crate::service::auth::{Origin, new_password_hash, revoke_sessions_of};
use crate::service::throttle::{self, Admission, ThrottleKey};
use crate::service::users::parse_email;
use chrono::{DateTime, Duration, Utc};
use crm360_kernel::audit::AuditChange;
use crm360_kernel::context::Platform;
use crm360_kernel::ids::new_id;
use crm360_kernel::notify::{Language, Notification, NotificationKind};
use crm360_kernel::values::EmailAddress;
use crm360_kernel::{Actor, OperatorScope, RequestContext, TenantScope, TenantTxn, Unscoped, Why, secret};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Set, UpdateMany};
use uuid::Uuid;

/// How long a lost-password link is valid.
pub const RESET_VALIDITY: Duration = Duration::minutes(30);

/// How long an invitation link is valid.
pub const INVITATION_VALIDITY: Duration = Duration::days(7);

/// Lost-password requests per e-mail address: 5 an hour, then one an hour.
pub const PER_EMAIL: ThrottleRule = ThrottleRule {
    free_attempts: 5,
    first_delay: Duration::hours(1),
    max_delay: Duration::hours(1),
    forget_after: Duration::hours(1),
};

/// Lost-password requests per client address, whatever the e-mail address: 30 an hour (an
/// office behind one address), against one client spraying the platform's addresses.
pub const PER_CLIENT: ThrottleRule = ThrottleRule {
    free_attempts: 30,
    first_delay: Duration::minutes(15),
    max_delay: Duration::hours(1),
    forget_after: Duration::hours(1),
};

/// The path of the web app's screen that sets a password from a link.
pub const RESET_PATH: &str = "/reinitialiser-mot-de-passe";

/// Where the links of the platform's e-mails point: its public URL (`public_origin`), or
/// `http://localhost:8080` when unset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountLinks {
    pub public_url: String,
}

impl Default for AccountLinks {
    fn default() -> AccountLinks {
        AccountLinks::new(None)
    }
}

impl AccountLinks {
    pub const DEFAULT_PUBLIC_URL: &'static str = "http://localhost:8080";

    /// The links of the platform reached at `public_origin` (no trailing slash kept).
    pub fn new(public_origin: Option<&str>) -> AccountLinks {
        let url = public_origin.map(str::trim).filter(|url| !url.is_empty()).unwrap_or(Self::DEFAULT_PUBLIC_URL);
        AccountLinks { public_url: url.trim_end_matches('/').to_owned() }
    }

    /// The lost-password link of `token`.
    pub fn reset(&self, token: &str) -> String {
        format!("{}{RESET_PATH}#token={token}", self.public_url)
    }

    /// The invitation link of `token`.
    pub fn invitation(&self, token: &str) -> String {
        format!("{}{RESET_PATH}#token={token}&invitation=1", self.public_url)
    }
}

/// The account an address or a link names.
enum Account {
    User(tenant_user::Model),
    Operator(operator_staff::Model),
}

impl Account {
    fn kind(&self) -> AccountKind {
        match self {
            Account::User(_) => AccountKind::TenantUser,
            Account::Operator(_) => AccountKind::OperatorStaff,
        }
    }

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

    fn email(&self) -> &str {
        match self {
            Account::User(user) => &user.email,
            Account::Operator(staff) => &staff.email,
        }
    }

    fn names(&self) -> [&str; 2] {
        match self {
            Account::User(user) => [&user.first_name, &user.last_name],
            Account::Operator(staff) => [&staff.first_name, &staff.last_name],
        }
    }

    fn status(&self) -> UserStatus {
        match self {
            Account::User(user) => user.status,
            Account::Operator(staff) => staff.status,
        }
    }
}

/// A new link's token and the row that keeps its digest (the door stamps id and creation).
struct NewLink {
    token: String,
    row: password_reset::ActiveModel,
}

fn new_link(
    kind: AccountKind,
    account_id: Uuid,
    tenant_id: Option<Uuid>,
    purpose: ResetPurpose,
    now: DateTime<Utc>,
) -> NewLink {
    let token = secret::random_token();
    let validity = match purpose {
        ResetPurpose::Reset => RESET_VALIDITY,
        ResetPurpose::Invitation => INVITATION_VALIDITY,
    };
    let row = password_reset::ActiveModel {
        id: Set(new_id()),
        token_hash: Set(secret::digest(&token)),
        account_kind: Set(kind),
        account_id: Set(account_id),
        account_tenant_id: Set(tenant_id),
        purpose: Set(purpose),
        expires_at: Set(now + validity),
        used_at: Set(None),
        created_at: Set(now),
    };
    NewLink { token, row }
}

/// Voids the unused links of `account_id` (`update` from the caller's door, run on `conn`).
async fn void_links_of(
    update: UpdateMany<password_reset::Entity>,
    conn: &impl ConnectionTrait,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> IdentityResult<u64> {
    let voided = update
        .col_expr(password_reset::Column::UsedAt, Some(now).into())
        .filter(password_reset::Column::AccountId.eq(account_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(voided.rows_affected)
}

async fn account_by_email<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    email: &EmailAddress,
) -> IdentityResult<Option<Account>> {
    let user = db.find::<tenant_user::Entity>().filter(tenant_user::Column::Email.eq(email.as_str())).one(db).await?;
    if let Some(user) = user {
        return Ok(Some(Account::User(user)));
    }
    let staff =
        db.find::<operator_staff::Entity>().filter(operator_staff::Column::Email.eq(email.as_str())).one(db).await?;
    Ok(staff.map(Account::Operator))
}

async fn account_of_link<C: ConnectionTrait + Send + Sync>(
    db: &Unscoped<C>,
    link: &password_reset::Model,
) -> IdentityResult<Option<Account>> {
    Ok(match (link.account_kind, link.account_tenant_id) {
        (AccountKind::TenantUser, Some(tenant_id)) => db
            .find::<tenant_user::Entity>()
            .filter(tenant_user::Column::TenantId.eq(tenant_id))
            .filter(tenant_user::Column::Id.eq(link.account_id))
            .one(db)
            .await?
            .map(Account::User),
        (AccountKind::OperatorStaff, None) => db
            .find::<operator_staff::Entity>()
            .filter(operator_staff::Column::Id.eq(link.account_id))
            .one(db)
            .await?
            .map(Account::Operator),
        (AccountKind::TenantUser, None) | (AccountKind::OperatorStaff, Some(_)) => None,
    })
}

/// Asks for a lost-password link for `email`. The same `Ok(())` whether or not an account
/// has the address (the e-mail goes to an open account only); too many requests for the
/// address, or from the client's address, give `Throttled`.
pub async fn request_reset(
    platform: &Platform,
    links: &AccountLinks,
    email: &str,
    origin: &Origin,
) -> IdentityResult<()> {
    let email = parse_email(email, "email")?;
    let db = platform.unscoped(Why::PasswordReset);
    let now = db.now();
    let gates = [
        (&PER_CLIENT, ThrottleKey::password_reset_from(origin.ip.as_deref())),
        (&PER_EMAIL, ThrottleKey::password_reset(email.as_str())),
    ];
    for (rule, key) in &gates {
        if let Admission::Refused { retry_after_seconds } = throttle::admit(&db, rule, key, now).await? {
            return Err(IdentityError::Throttled { retry_after_seconds });
        }
    }

    let account = account_by_email(&db, &email).await?.filter(|account| account.status() == UserStatus::Active);
    // Drawn and hashed either way; an unknown address voids the links of no account.
    let (kind, account_id, tenant_id) = match &account {
        Some(account) => (account.kind(), account.id(), account.tenant_id()),
        None => (AccountKind::TenantUser, Uuid::nil(), None),
    };
    let link = new_link(kind, account_id, tenant_id, ResetPurpose::Reset, now);
    let txn = db.begin().await?;
    void_links_of(txn.update_many::<password_reset::Entity>(), &txn, account_id, now).await?;
    if let Some(account) = &account {
        txn.insert_statement(link.row).exec_without_returning(&txn).await?;
        let notification = Notification::new(account.email(), Language::Fr, NotificationKind::PasswordReset)
            .with("link", links.reset(&link.token))
            .with("valid_minutes", RESET_VALIDITY.num_minutes().to_string())
            .with("first_name", account.names()[0]);
        txn.notify(&notification).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Sets a new password from a link's `token`: the link must be unused and unexpired (by the
/// platform's clock), its account open, and the password must meet the policy (checked
/// first: a refused password does not use the link up). The account's sessions end, its
/// login lock is lifted, a first password need not be changed again, and its owner is told
/// by e-mail.
pub async fn reset_password(
    platform: &Platform,
    token: &str,
    new_password: &str,
    origin: &Origin,
) -> IdentityResult<()> {
    let db = platform.unscoped(Why::PasswordReset);
    let now = db.now();
    let link = db
        .find::<password_reset::Entity>()
        .filter(password_reset::Column::TokenHash.eq(secret::digest(token.trim())))
        .one(&db)
        .await?;
    let Some(link) = link.filter(|link| link.used_at.is_none() && now < link.expires_at) else {
        return Err(IdentityError::TokenInvalid);
    };
    let Some(account) = account_of_link(&db, &link).await?.filter(|a| a.status() == UserStatus::Active) else {
        return Err(IdentityError::TokenInvalid);
    };
    let email = parse_email(account.email(), "email")?;
    let new_hash = new_password_hash(new_password, &email, &account.names(), "newPassword")?;
    let request =
        RequestContext { ip: origin.ip.clone(), user_agent: origin.user_agent.clone(), ..RequestContext::anonymous() };
    let local = platform.clock().local_now();
    let changed = Notification::new(email.as_str(), Language::Fr, NotificationKind::PasswordChanged)
        .with("at", local.format("%d/%m/%Y %H:%M").to_string())
        .with("date", local.format("%d/%m/%Y").to_string())
        .with("time", local.format("%H:%M").to_string())
        .with("first_name", account.names()[0]);

    match &account {
        Account::User(user) => {
            let actor = Actor::TenantUser {
                tenant_id: user.tenant_id,
                user_id: user.id,
                is_admin: user.is_admin,
                rights: user.rights(),
            };
            let scope = TenantScope::for_request(platform, &RequestContext { actor, ..request })
                .map_err(|err| IdentityError::Internal(err.message))?;
            let txn = scope.begin().await?;
            let now = txn.now();
            use_link(txn.update_many::<password_reset::Entity>(), &txn, link.id, now).await?;
            txn.update_many::<tenant_user::Entity>()
                .col_expr(tenant_user::Column::PasswordHash, new_hash.into())
                .col_expr(tenant_user::Column::PasswordChangedAt, now.into())
                .col_expr(tenant_user::Column::MustChangePassword, false.into())
                .col_expr(tenant_user::Column::UpdatedAt, now.into())
                .filter(tenant_user::Column::Id.eq(user.id))
                .exec(&txn)
                .await?;
            revoke_sessions_of(txn.update_many::<session::Entity>(), &txn, user.id, None, now).await?;
            void_links_of(txn.update_many::<password_reset::Entity>(), &txn, user.id, now).await?;
            txn.audit(AuditChange::new("password.reset", "user", user.id)).await?;
            txn.notify(&changed).await?;
            txn.commit().await?;
        }
        Account::Operator(staff) => {
            let actor = Actor::Operator { staff_id: staff.id };
            let scope = OperatorScope::for_request(platform, &RequestContext { actor, ..request })
                .map_err(|err| IdentityError::Internal(err.message))?;
            let txn = db.begin().await?;
            let now = txn.now();
            use_link(txn.update_many::<password_reset::Entity>(), &txn, link.id, now).await?;
            txn.update_many::<operator_staff::Entity>()
                .col_expr(operator_staff::Column::PasswordHash, new_hash.into())
                .col_expr(operator_staff::Column::PasswordChangedAt, now.into())
                .col_expr(operator_staff::Column::MustChangePassword, false.into())
                .filter(operator_staff::Column::Id.eq(staff.id))
                .exec(&txn)
                .await?;
            revoke_sessions_of(txn.update_many::<session::Entity>(), &txn, staff.id, None, now).await?;
            void_links_of(txn.update_many::<password_reset::Entity>(), &txn, staff.id, now).await?;
            scope.audit(&txn, None, AuditChange::new("password.reset", "user", staff.id)).await?;
            txn.notify(&changed).await?;
            txn.commit().await?;
        }
    }
    // The owner proved they read the account's mail: guesses before no longer lock it.
    throttle::forget(&db, &[&ThrottleKey::account(email.as_str())]).await?;
    Ok(())
}

/// Uses the link `link_id` up, unless another request did first (then nothing is changed:
/// the caller's transaction rolls back).
async fn use_link(
    update: UpdateMany<password_reset::Entity>,
    conn: &impl ConnectionTrait,
    link_id: Uuid,
    now: DateTime<Utc>,
) -> IdentityResult<()> {
    let used = update
        .col_expr(password_reset::Column::UsedAt, Some(now).into())
        .filter(password_reset::Column::Id.eq(link_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    if used.rows_affected == 1 { Ok(()) } else { Err(IdentityError::TokenInvalid) }
}

/// Writes the invitation link of the new `user` in the transaction that creates them, and
/// asks for the e-mail that carries it (sent only if the creation commits).
pub(crate) async fn invite(txn: &TenantTxn, user: &tenant_user::Model, links: &AccountLinks) -> IdentityResult<()> {
    let now = txn.now();
    let link = new_link(AccountKind::TenantUser, user.id, Some(user.tenant_id), ResetPurpose::Invitation, now);
    txn.insert_statement(link.row).exec_without_returning(txn).await?;
    let tenant_name = txn
        .find::<tenant::Entity>()
        .filter(tenant::Column::Id.eq(user.tenant_id))
        .one(txn)
        .await?
        .map(|tenant| tenant.name)
        .unwrap_or_default();
    let inviter = match txn.scope().actor() {
        Actor::TenantUser { user_id, .. } => txn
            .find::<tenant_user::Entity>()
            .filter(tenant_user::Column::Id.eq(*user_id))
            .one(txn)
            .await?
            .map(|inviter| format!("{} {}", inviter.first_name, inviter.last_name)),
        Actor::Anonymous | Actor::Operator { .. } | Actor::ApiClient { .. } | Actor::System => None,
    };
    let mut notification = Notification::new(&user.email, Language::Fr, NotificationKind::Invitation)
        .with("link", links.invitation(&link.token))
        .with("valid_days", INVITATION_VALIDITY.num_days().to_string())
        .with("tenant", tenant_name)
        .with("first_name", &user.first_name);
    if let Some(inviter) = inviter {
        notification = notification.with("inviter", inviter);
    }
    txn.notify(&notification).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_token_in_their_fragment() {
        let links = AccountLinks::new(Some("https://crm.exemple.fr/"));
        assert_eq!(links.reset("abc"), "https://crm.exemple.fr/reinitialiser-mot-de-passe#token=abc");
        assert_eq!(links.invitation("abc"), "https://crm.exemple.fr/reinitialiser-mot-de-passe#token=abc&invitation=1");
        assert_eq!(AccountLinks::default().public_url, "http://localhost:8080");
        assert_eq!(AccountLinks::new(Some("  ")).public_url, "http://localhost:8080");
    }

    #[test]
    fn requests_per_address_pass_five_an_hour() {
        let delays: Vec<i64> = (1..=6).map(|n| PER_EMAIL.delay_after(n).num_minutes()).collect();
        assert_eq!(delays, [0, 0, 0, 0, 60, 60]);
    }
}

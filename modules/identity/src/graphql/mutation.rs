//! Identity mutations: login and sessions, the access form, API tokens, and the operator's
//! work on tenants.

use super::query::viewer;
use super::types::*;
use crate::policy::{CookiePolicy, SessionPolicy};
use crate::service::auth::{self, Origin};
use crate::service::networks::{self, NetworkInput};
use crate::service::password_reset::{self, AccountLinks};
use crate::service::tenants::{self, NewTenant};
use crate::service::tokens;
use crate::service::users::{self, NewInvitation, NewUser, parse_id};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use crm360_kernel::context::{Platform, operator_scope, tenant_scope};
use crm360_kernel::error::IntoGraphql;
use crm360_kernel::guard::{RequireOperator, RequireTenantAdmin};
use crm360_kernel::{Actor, ApiError, RequestContext, Right, Rights};

#[derive(Default)]
pub struct IdentityMutation;

/// Credentials to open a session.
#[derive(InputObject)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
    /// `false` (the web app): the session travels in an HttpOnly cookie. `true` (scripts):
    /// the session token is returned in the payload, to send as `Authorization: Bearer`.
    #[graphql(default = false)]
    pub return_token: bool,
}

#[derive(SimpleObject)]
pub struct LoginPayload {
    pub viewer: Viewer,
    /// The session token, only when `returnToken` was asked.
    pub token: Option<String>,
}

#[derive(InputObject)]
pub struct ChangePasswordInput {
    pub current_password: String,
    pub new_password: String,
}

#[derive(SimpleObject)]
pub struct ChangePasswordPayload {
    pub viewer: Viewer,
}

/// The contract's access form (Annex 3): opening an access.
#[derive(InputObject)]
pub struct CreateUserInput {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// For a contractor of the tenant: their company.
    pub organization: Option<String>,
    /// The first password, to be replaced by the user at first login. Absent: the user is
    /// invited by e-mail to choose their own (a link valid 7 days).
    pub password: Option<String>,
    pub rights: Vec<Right>,
    #[graphql(default = false)]
    pub is_tenant_admin: bool,
}

/// The lost-password form.
#[derive(InputObject)]
pub struct RequestPasswordResetInput {
    pub email: String,
}

/// Choosing a new password from the link of a lost-password or invitation e-mail.
#[derive(InputObject)]
pub struct ResetPasswordInput {
    /// The token of the link (its `#token=` fragment).
    pub token: String,
    pub new_password: String,
}

#[derive(SimpleObject)]
pub struct CreateUserPayload {
    pub user: User,
}

/// Restricting or granting rights: the new set replaces the old one.
#[derive(InputObject)]
pub struct SetUserRightsInput {
    pub user_id: ID,
    pub rights: Vec<Right>,
}

#[derive(SimpleObject)]
pub struct SetUserRightsPayload {
    pub user: User,
}

#[derive(InputObject)]
pub struct CloseUserInput {
    pub user_id: ID,
}

#[derive(SimpleObject)]
pub struct CloseUserPayload {
    pub user: User,
}

#[derive(InputObject)]
pub struct ReopenUserInput {
    pub user_id: ID,
}

#[derive(SimpleObject)]
pub struct ReopenUserPayload {
    pub user: User,
}

#[derive(InputObject)]
pub struct CreateApiTokenInput {
    pub name: String,
    pub rights: Vec<Right>,
    /// When the token stops working. Absent: after the default lifetime (`apiTokenPolicy`,
    /// 90 days); never beyond the longest.
    pub expires_at: Option<DateTime<Utc>>,
}

/// One CIDR range of the allow-list.
#[derive(InputObject)]
pub struct AllowedNetworkInput {
    /// `192.0.2.0/24`, `2001:db8::/32`, or a single address.
    pub cidr: String,
    pub description: Option<String>,
}

#[derive(InputObject)]
pub struct SetAllowedNetworksInput {
    /// The whole list, replacing the current one; empty: no filtering.
    pub networks: Vec<AllowedNetworkInput>,
    /// Save even though the list leaves out the administrator's own current address (refused
    /// with `ADDRESS_LOCKOUT` otherwise).
    #[graphql(default = false)]
    pub confirm_lockout: bool,
}

#[derive(SimpleObject)]
pub struct SetAllowedNetworksPayload {
    pub allowed_networks: Vec<AllowedNetwork>,
}

#[derive(SimpleObject)]
pub struct CreateApiTokenPayload {
    pub api_token: ApiToken,
    /// The token itself: shown this once, never stored in clear.
    pub secret: String,
}

#[derive(InputObject)]
pub struct RevokeApiTokenInput {
    pub token_id: ID,
}

#[derive(SimpleObject)]
pub struct RevokeApiTokenPayload {
    pub api_token: ApiToken,
}

#[derive(InputObject)]
pub struct CreateTenantInput {
    pub name: String,
    pub platform: TenantPlatform,
    pub admin_email: String,
    pub admin_first_name: String,
    pub admin_last_name: String,
    pub admin_password: String,
}

#[derive(SimpleObject)]
pub struct CreateTenantPayload {
    pub tenant: Tenant,
    /// The tenant's first administrator (referent user).
    pub admin: User,
}

#[derive(InputObject)]
pub struct SuspendTenantInput {
    pub tenant_id: ID,
    pub reason: String,
}

#[derive(SimpleObject)]
pub struct SuspendTenantPayload {
    pub tenant: Tenant,
}

#[derive(InputObject)]
pub struct ReactivateTenantInput {
    pub tenant_id: ID,
}

#[derive(SimpleObject)]
pub struct ReactivateTenantPayload {
    pub tenant: Tenant,
}

fn origin(request: &RequestContext) -> Origin {
    Origin { ip: request.ip.clone(), user_agent: request.user_agent.clone() }
}

#[Object]
impl IdentityMutation {
    /// Opens a session. Wrong credentials, a closed account or a suspended tenant give
    /// `UNAUTHENTICATED` (with a `reason`); repeated failures give `RATE_LIMITED`.
    async fn login(&self, ctx: &Context<'_>, input: LoginInput) -> Result<LoginPayload> {
        let request = RequestContext::of(ctx);
        let platform = Platform::of(ctx)?;
        let policy = ctx.data::<SessionPolicy>()?;
        let logged_in = auth::login(platform, policy, &input.email, &input.password, &origin(request)).await.gql()?;
        let viewer = viewer(platform, policy, &logged_in.actor)
            .await
            .gql()?
            .ok_or_else(|| ApiError::internal("a fresh session has no viewer"))?;
        let token = if input.return_token {
            Some(logged_in.token)
        } else {
            let cookie = ctx.data::<CookiePolicy>()?;
            ctx.append_http_header("set-cookie", cookie.set(&logged_in.token, policy.absolute_lifetime));
            None
        };
        Ok(LoginPayload { viewer, token })
    }

    /// Ends the current session (and removes the session cookie).
    async fn logout(&self, ctx: &Context<'_>) -> Result<bool> {
        let request = RequestContext::of(ctx);
        let platform = Platform::of(ctx)?;
        if let Ok(cookie) = ctx.data::<CookiePolicy>() {
            ctx.append_http_header("set-cookie", cookie.clear());
        }
        match request.session_id {
            Some(session_id) => {
                auth::logout(platform, &request.actor, session_id, &origin(request)).await.gql()?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Changes the password of the logged-in person; their other sessions end.
    async fn change_password(&self, ctx: &Context<'_>, input: ChangePasswordInput) -> Result<ChangePasswordPayload> {
        let request = RequestContext::of(ctx);
        let platform = Platform::of(ctx)?;
        let policy = ctx.data::<SessionPolicy>()?;
        if request.actor == Actor::Anonymous {
            return Err(request.unauthenticated().into());
        }
        let (current, new) = (&input.current_password, &input.new_password);
        match request.actor {
            Actor::Operator { .. } => auth::change_operator_password(
                platform,
                policy,
                &operator_scope(ctx)?,
                request.session_id,
                current,
                new,
            )
            .await
            .gql()?,
            _ => auth::change_password(platform, policy, &tenant_scope(ctx)?, request.session_id, current, new)
                .await
                .gql()?,
        }
        let viewer = viewer(platform, policy, &request.actor)
            .await
            .gql()?
            .ok_or_else(|| ApiError::internal("the viewer vanished"))?;
        Ok(ChangePasswordPayload { viewer })
    }

    /// Sends a single-use link to set a new password (valid 30 minutes) to the account with
    /// this address, if there is one: the answer is `true` either way. Anyone may ask; too
    /// many requests for an address or from a client give `RATE_LIMITED`.
    async fn request_password_reset(&self, ctx: &Context<'_>, input: RequestPasswordResetInput) -> Result<bool> {
        let request = RequestContext::of(ctx);
        let platform = Platform::of(ctx)?;
        let links = ctx.data_opt::<AccountLinks>().cloned().unwrap_or_default();
        password_reset::request_reset(platform, &links, &input.email, &origin(request)).await.gql()?;
        Ok(true)
    }

    /// Sets a new password from the token of a lost-password or invitation link; the
    /// account's sessions end. Anyone may call it: the token is the credential. A token
    /// unknown, used or expired gives `INVALID_INPUT` with reason `TOKEN_INVALID`.
    async fn reset_password(&self, ctx: &Context<'_>, input: ResetPasswordInput) -> Result<bool> {
        let request = RequestContext::of(ctx);
        let platform = Platform::of(ctx)?;
        password_reset::reset_password(platform, &input.token, &input.new_password, &origin(request)).await.gql()?;
        Ok(true)
    }

    /// Opens an access for a person of the tenant or of its contractor: with a first
    /// password, or, without one, by an invitation e-mail. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> Result<CreateUserPayload> {
        let scope = tenant_scope(ctx)?;
        let rights = Rights::from_list(&input.rights);
        let user = match input.password {
            Some(password) => users::create_user(
                &scope,
                NewUser {
                    email: input.email,
                    first_name: input.first_name,
                    last_name: input.last_name,
                    organization: input.organization,
                    password,
                    rights,
                    is_admin: input.is_tenant_admin,
                },
            )
            .await
            .gql()?,
            None => {
                let links = ctx.data_opt::<AccountLinks>().cloned().unwrap_or_default();
                let invitation = NewInvitation {
                    email: input.email,
                    first_name: input.first_name,
                    last_name: input.last_name,
                    organization: input.organization,
                    rights,
                    is_admin: input.is_tenant_admin,
                };
                users::invite_user(&scope, invitation, &links).await.gql()?
            }
        };
        Ok(CreateUserPayload { user: user.into() })
    }

    /// Restricts or grants a user's rights. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn set_user_rights(&self, ctx: &Context<'_>, input: SetUserRightsInput) -> Result<SetUserRightsPayload> {
        let scope = tenant_scope(ctx)?;
        let user_id = parse_id(&input.user_id, "userId").gql()?;
        let user = users::set_rights(&scope, user_id, Rights::from_list(&input.rights)).await.gql()?;
        Ok(SetUserRightsPayload { user: user.into() })
    }

    /// Closes an access: the user can no longer log in. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn close_user(&self, ctx: &Context<'_>, input: CloseUserInput) -> Result<CloseUserPayload> {
        let scope = tenant_scope(ctx)?;
        let user_id = parse_id(&input.user_id, "userId").gql()?;
        Ok(CloseUserPayload { user: users::close_user(&scope, user_id).await.gql()?.into() })
    }

    /// Reopens a closed access. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn reopen_user(&self, ctx: &Context<'_>, input: ReopenUserInput) -> Result<ReopenUserPayload> {
        let scope = tenant_scope(ctx)?;
        let user_id = parse_id(&input.user_id, "userId").gql()?;
        Ok(ReopenUserPayload { user: users::reopen_user(&scope, user_id).await.gql()?.into() })
    }

    /// Creates an API token for a technical user (BI tools, integrations). Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn create_api_token(&self, ctx: &Context<'_>, input: CreateApiTokenInput) -> Result<CreateApiTokenPayload> {
        let scope = tenant_scope(ctx)?;
        let lifetime = ctx.data::<SessionPolicy>()?.api_tokens;
        let rights = Rights::from_list(&input.rights);
        let created = tokens::create_token(&scope, &lifetime, &input.name, rights, input.expires_at).await.gql()?;
        Ok(CreateApiTokenPayload { api_token: created.token.into(), secret: created.secret })
    }

    /// Replaces the CIDR ranges the tenant's users and API tokens may connect from (empty: from anywhere). Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn set_allowed_networks(
        &self,
        ctx: &Context<'_>,
        input: SetAllowedNetworksInput,
    ) -> Result<SetAllowedNetworksPayload> {
        let scope = tenant_scope(ctx)?;
        let inputs =
            input.networks.into_iter().map(|n| NetworkInput { cidr: n.cidr, description: n.description }).collect();
        let saved = networks::set(&scope, inputs, input.confirm_lockout).await.gql()?;
        Ok(SetAllowedNetworksPayload { allowed_networks: saved.into_iter().map(AllowedNetwork::from).collect() })
    }

    /// Revokes an API token at once. Tenant administrators only.
    #[graphql(guard = "RequireTenantAdmin")]
    async fn revoke_api_token(&self, ctx: &Context<'_>, input: RevokeApiTokenInput) -> Result<RevokeApiTokenPayload> {
        let scope = tenant_scope(ctx)?;
        let token_id = parse_id(&input.token_id, "tokenId").gql()?;
        Ok(RevokeApiTokenPayload { api_token: tokens::revoke_token(&scope, token_id).await.gql()?.into() })
    }

    /// Creates a tenant and its first administrator. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn create_tenant(&self, ctx: &Context<'_>, input: CreateTenantInput) -> Result<CreateTenantPayload> {
        let scope = operator_scope(ctx)?;
        let (tenant, admin) = tenants::create_tenant(
            &scope,
            NewTenant {
                name: input.name,
                platform: input.platform,
                admin_email: input.admin_email,
                admin_first_name: input.admin_first_name,
                admin_last_name: input.admin_last_name,
                admin_password: input.admin_password,
            },
        )
        .await
        .gql()?;
        Ok(CreateTenantPayload { tenant: tenant.into(), admin: admin.into() })
    }

    /// Suspends a tenant: its users and tokens are refused until reactivation. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn suspend_tenant(&self, ctx: &Context<'_>, input: SuspendTenantInput) -> Result<SuspendTenantPayload> {
        let scope = operator_scope(ctx)?;
        let tenant_id = parse_id(&input.tenant_id, "tenantId").gql()?;
        Ok(SuspendTenantPayload {
            tenant: tenants::suspend_tenant(&scope, tenant_id, &input.reason).await.gql()?.into(),
        })
    }

    /// Reactivates a suspended tenant. Operator staff only.
    #[graphql(guard = "RequireOperator")]
    async fn reactivate_tenant(
        &self,
        ctx: &Context<'_>,
        input: ReactivateTenantInput,
    ) -> Result<ReactivateTenantPayload> {
        let scope = operator_scope(ctx)?;
        let tenant_id = parse_id(&input.tenant_id, "tenantId").gql()?;
        Ok(ReactivateTenantPayload { tenant: tenants::reactivate_tenant(&scope, tenant_id).await.gql()?.into() })
    }
}

//! Who is acting: the actor of a request and the four rights of the contract.

use async_graphql::Enum;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One of the four rights a tenant user can hold (contract, Annex 3).
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Hash, Serialize, Deserialize)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum Right {
    /// Import contacts: files, mappings, automatic feeds.
    Import,
    /// Consult personal data of contacts.
    Consult,
    /// Send email and SMS campaigns.
    Communicate,
    /// Count and target: segments, statistics.
    Analyse,
}

impl Right {
    /// Every right, in the contract's order.
    pub const ALL: [Right; 4] = [Right::Import, Right::Consult, Right::Communicate, Right::Analyse];

    /// The stable code of the right, as GraphQL spells it.
    pub fn code(self) -> &'static str {
        match self {
            Right::Import => "IMPORT",
            Right::Consult => "CONSULT",
            Right::Communicate => "COMMUNICATE",
            Right::Analyse => "ANALYSE",
        }
    }
}

/// A set of rights, stored as four booleans in the database.
#[derive(Copy, Clone, Debug, Default, Eq, PartialEq, Serialize, Deserialize)]
pub struct Rights {
    pub import: bool,
    pub consult: bool,
    pub communicate: bool,
    pub analyse: bool,
}

impl Rights {
    pub const NONE: Rights = Rights { import: false, consult: false, communicate: false, analyse: false };
    pub const ALL: Rights = Rights { import: true, consult: true, communicate: true, analyse: true };

    pub fn has(&self, right: Right) -> bool {
        match right {
            Right::Import => self.import,
            Right::Consult => self.consult,
            Right::Communicate => self.communicate,
            Right::Analyse => self.analyse,
        }
    }

    pub fn from_list(rights: &[Right]) -> Rights {
        let mut set = Rights::NONE;
        for right in rights {
            match right {
                Right::Import => set.import = true,
                Right::Consult => set.consult = true,
                Right::Communicate => set.communicate = true,
                Right::Analyse => set.analyse = true,
            }
        }
        set
    }

    pub fn to_list(&self) -> Vec<Right> {
        Right::ALL.into_iter().filter(|r| self.has(*r)).collect()
    }
}

/// The kind of actor, as exposed in the API and the audit trail.
#[derive(Enum, Copy, Clone, Debug, Eq, PartialEq, Serialize, Deserialize)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ActorKind {
    /// Staff of the operator, working in the internal admin console.
    OperatorStaff,
    /// The tenant's referent user: manages accesses and data referentials.
    TenantAdmin,
    /// A person of the tenant.
    TenantUser,
    /// A technical user of the tenant, authenticated by an API token.
    ApiClient,
    /// The platform itself: scheduled jobs, migrations.
    System,
}

impl ActorKind {
    pub fn code(self) -> &'static str {
        match self {
            ActorKind::OperatorStaff => "OPERATOR_STAFF",
            ActorKind::TenantAdmin => "TENANT_ADMIN",
            ActorKind::TenantUser => "TENANT_USER",
            ActorKind::ApiClient => "API_CLIENT",
            ActorKind::System => "SYSTEM",
        }
    }

    pub fn from_code(code: &str) -> Option<ActorKind> {
        [
            ActorKind::OperatorStaff,
            ActorKind::TenantAdmin,
            ActorKind::TenantUser,
            ActorKind::ApiClient,
            ActorKind::System,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// The authenticated party of a request.
#[derive(Clone, Debug, PartialEq)]
pub enum Actor {
    /// No valid session or token.
    Anonymous,
    /// Operator staff (no tenant: they act on the platform).
    Operator { staff_id: Uuid },
    /// A person of a tenant; `is_admin` marks the referent user.
    TenantUser { tenant_id: Uuid, user_id: Uuid, is_admin: bool, rights: Rights },
    /// A technical user of a tenant through an API token.
    ApiClient { tenant_id: Uuid, token_id: Uuid, rights: Rights },
    /// The platform itself.
    System,
}

impl Actor {
    pub fn kind(&self) -> Option<ActorKind> {
        match self {
            Actor::Anonymous => None,
            Actor::Operator { .. } => Some(ActorKind::OperatorStaff),
            Actor::TenantUser { is_admin: true, .. } => Some(ActorKind::TenantAdmin),
            Actor::TenantUser { .. } => Some(ActorKind::TenantUser),
            Actor::ApiClient { .. } => Some(ActorKind::ApiClient),
            Actor::System => Some(ActorKind::System),
        }
    }

    /// The tenant this actor acts for, if any.
    pub fn tenant_id(&self) -> Option<Uuid> {
        match self {
            Actor::TenantUser { tenant_id, .. } | Actor::ApiClient { tenant_id, .. } => Some(*tenant_id),
            _ => None,
        }
    }

    /// The id recorded in audit entries.
    pub fn id(&self) -> Option<Uuid> {
        match self {
            Actor::Operator { staff_id } => Some(*staff_id),
            Actor::TenantUser { user_id, .. } => Some(*user_id),
            Actor::ApiClient { token_id, .. } => Some(*token_id),
            Actor::Anonymous | Actor::System => None,
        }
    }

    pub fn rights(&self) -> Rights {
        match self {
            Actor::TenantUser { rights, .. } | Actor::ApiClient { rights, .. } => *rights,
            _ => Rights::NONE,
        }
    }

    pub fn has_right(&self, right: Right) -> bool {
        self.rights().has(right)
    }

    pub fn is_tenant_admin(&self) -> bool {
        matches!(self, Actor::TenantUser { is_admin: true, .. })
    }

    pub fn is_operator(&self) -> bool {
        matches!(self, Actor::Operator { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rights_round_trip_through_lists() {
        let set = Rights::from_list(&[Right::Consult, Right::Analyse]);
        assert!(set.consult && set.analyse && !set.import && !set.communicate);
        assert_eq!(set.to_list(), vec![Right::Consult, Right::Analyse]);
        assert_eq!(Rights::from_list(&Right::ALL), Rights::ALL);
    }

    #[test]
    fn only_tenant_actors_carry_a_tenant_and_rights() {
        let operator = Actor::Operator { staff_id: Uuid::nil() };
        assert_eq!(operator.tenant_id(), None);
        assert!(!operator.has_right(Right::Consult));
        let token = Actor::ApiClient { tenant_id: Uuid::nil(), token_id: Uuid::nil(), rights: Rights::ALL };
        assert_eq!(token.kind(), Some(ActorKind::ApiClient));
        assert!(token.has_right(Right::Import));
        assert!(!token.is_tenant_admin());
    }
}

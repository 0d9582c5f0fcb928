//! Scoped data access: the one place where the tenant filter is added.
//!
//! A resolver never builds a query on a tenant table itself: it asks the request's
//! [`TenantScope`] for one, and the scope adds `tenant_id = <the actor's tenant>`. The scope
//! also stamps audit entries with the actor, the time of the platform clock and the request.

use crate::actor::Actor;
use crate::audit::{self, AuditChange};
use crate::clock::Clock;
use crate::context::{Platform, RequestContext};
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DeleteMany, EntityTrait, QueryFilter, Select, UpdateMany,
};
use uuid::Uuid;

/// An entity owned by a tenant: it names its `tenant_id` column.
pub trait TenantOwned: EntityTrait {
    fn tenant_column() -> Self::Column;
}

/// Implements [`TenantOwned`] for a sea-orm entity module whose tenant column is `TenantId`.
#[macro_export]
macro_rules! tenant_owned {
    ($entity:path, $column:path) => {
        impl $crate::scope::TenantOwned for $entity {
            fn tenant_column() -> <Self as sea_orm::EntityTrait>::Column {
                $column
            }
        }
    };
}

/// Who acts and from where, shared by both kinds of scope.
#[derive(Clone, Debug)]
pub struct Acting {
    pub actor: Actor,
    pub db: DatabaseConnection,
    pub clock: Clock,
    pub ip: Option<String>,
    pub request_id: Option<String>,
}

impl Acting {
    fn new(platform: &Platform, request: &RequestContext) -> Acting {
        Acting {
            actor: request.actor.clone(),
            db: platform.db.clone(),
            clock: platform.clock.clone(),
            ip: request.ip.clone(),
            request_id: request.request_id.clone(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Writes an audit entry for `tenant_id` (or the platform when `None`), within `conn`
    /// so that it commits or rolls back with the change it records.
    pub async fn audit(
        &self,
        conn: &impl ConnectionTrait,
        tenant_id: Option<Uuid>,
        change: AuditChange,
    ) -> ApiResult<()> {
        audit::record(conn, tenant_id, &self.actor, self.now(), self.ip.clone(), self.request_id.clone(), change).await
    }
}

/// Access to one tenant's data on behalf of an actor of that tenant (or the system).
#[derive(Clone, Debug)]
pub struct TenantScope {
    tenant_id: Uuid,
    pub acting: Acting,
}

impl TenantScope {
    /// The scope of a request: only tenant actors have one.
    pub fn for_request(platform: &Platform, request: &RequestContext) -> ApiResult<TenantScope> {
        match request.actor.tenant_id() {
            Some(tenant_id) => Ok(TenantScope { tenant_id, acting: Acting::new(platform, request) }),
            None if request.actor == Actor::Anonymous => Err(request.unauthenticated()),
            None => Err(ApiError::forbidden("this operation acts on a tenant's data")),
        }
    }

    /// A scope for the platform's own work on a tenant (jobs, seeding, tests).
    pub fn system(platform: &Platform, tenant_id: Uuid) -> TenantScope {
        let request = RequestContext { actor: Actor::System, ..RequestContext::anonymous() };
        TenantScope { tenant_id, acting: Acting::new(platform, &request) }
    }

    pub fn tenant_id(&self) -> Uuid {
        self.tenant_id
    }

    pub fn actor(&self) -> &Actor {
        &self.acting.actor
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.acting.db
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.acting.now()
    }

    /// `SELECT ... WHERE tenant_id = <this tenant>`.
    pub fn find<E: TenantOwned>(&self) -> Select<E> {
        E::find().filter(E::tenant_column().eq(self.tenant_id))
    }

    /// `UPDATE ... WHERE tenant_id = <this tenant>`.
    pub fn update_many<E: TenantOwned>(&self) -> UpdateMany<E> {
        E::update_many().filter(E::tenant_column().eq(self.tenant_id))
    }

    /// `DELETE ... WHERE tenant_id = <this tenant>`.
    pub fn delete_many<E: TenantOwned>(&self) -> DeleteMany<E> {
        E::delete_many().filter(E::tenant_column().eq(self.tenant_id))
    }

    /// Records a change to this tenant's data in the audit trail.
    pub async fn audit(&self, conn: &impl ConnectionTrait, change: AuditChange) -> ApiResult<()> {
        self.acting.audit(conn, Some(self.tenant_id), change).await
    }

    /// Records many changes to this tenant's data in one statement (imports).
    pub async fn audit_many(&self, conn: &impl ConnectionTrait, changes: Vec<AuditChange>) -> ApiResult<()> {
        let a = &self.acting;
        audit::record_many(conn, Some(self.tenant_id), &a.actor, a.now(), a.ip.clone(), a.request_id.clone(), changes)
            .await
    }
}

/// Access to the platform on behalf of operator staff (tenants, plans, support queue).
#[derive(Clone, Debug)]
pub struct OperatorScope {
    pub acting: Acting,
}

impl OperatorScope {
    pub fn for_request(platform: &Platform, request: &RequestContext) -> ApiResult<OperatorScope> {
        match request.actor {
            Actor::Operator { .. } | Actor::System => Ok(OperatorScope { acting: Acting::new(platform, request) }),
            Actor::Anonymous => Err(request.unauthenticated()),
            _ => Err(ApiError::forbidden("operator staff only")),
        }
    }

    /// The platform acting on its own (seeding, CLI).
    pub fn system(platform: &Platform) -> OperatorScope {
        let request = RequestContext { actor: Actor::System, ..RequestContext::anonymous() };
        OperatorScope { acting: Acting::new(platform, &request) }
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.acting.db
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.acting.now()
    }

    /// A scope on one tenant for the operator's work on it (creating its first administrator).
    pub fn on_tenant(&self, tenant_id: Uuid) -> TenantScope {
        TenantScope { tenant_id, acting: self.acting.clone() }
    }
}

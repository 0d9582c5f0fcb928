//! Demo data, so that a newcomer can log in at once: an operator account and a demo tenant
//! with an administrator and one user per right. Idempotent.

use crm360_identity::model::{operator_staff, tenant_user};
use crm360_identity::service::tenants::{self, NewTenant, PLATFORM_SHARED};
use crm360_identity::service::users::{self, NewUser};
use crm360_kernel::context::Platform;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{Right, Rights};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const DEMO_PASSWORD: &str = "Demo-crm360-2026!";
pub const DEMO_OPERATOR: &str = "operateur@crm360.demo";
pub const DEMO_ADMIN: &str = "admin@demo.crm360.demo";

/// The demo users: one per right.
pub const DEMO_USERS: [(&str, &str, Right); 4] = [
    ("import@demo.crm360.demo", "Inès", Right::Import),
    ("consult@demo.crm360.demo", "Constant", Right::Consult),
    ("communicate@demo.crm360.demo", "Colette", Right::Communicate),
    ("analyse@demo.crm360.demo", "Anatole", Right::Analyse),
];

pub async fn seed_demo(platform: &Platform) -> anyhow::Result<()> {
    let db = &platform.db;
    let exists = operator_staff::Entity::find().filter(operator_staff::Column::Email.eq(DEMO_OPERATOR)).one(db).await?;
    if exists.is_some() {
        tracing::info!("demo data already present");
        return Ok(());
    }
    let operator = OperatorScope::system(platform);
    let fail = |err: crm360_identity::error::IdentityError| anyhow::anyhow!("seeding the demo failed: {err}");
    tenants::create_operator_staff(&operator, DEMO_OPERATOR, "Odile", "Opératrice", DEMO_PASSWORD)
        .await
        .map_err(fail)?;
    let (tenant, _admin) = tenants::create_tenant(
        &operator,
        NewTenant {
            name: "Démo Boutique SAS".to_owned(),
            platform: PLATFORM_SHARED,
            admin_email: DEMO_ADMIN.to_owned(),
            admin_first_name: "Adèle".to_owned(),
            admin_last_name: "Administratrice".to_owned(),
            admin_password: DEMO_PASSWORD.to_owned(),
        },
    )
    .await
    .map_err(fail)?;
    let scope = operator.on_tenant(tenant.id);
    for (email, first_name, right) in DEMO_USERS {
        users::create_user(
            &scope,
            NewUser {
                email: email.to_owned(),
                first_name: first_name.to_owned(),
                last_name: "Démo".to_owned(),
                organization: None,
                password: DEMO_PASSWORD.to_owned(),
                rights: Rights::from_list(&[right]),
                is_admin: false,
            },
        )
        .await
        .map_err(fail)?;
    }
    // Demo accounts keep their documented password instead of being asked for a new one.
    scope
        .update_many::<tenant_user::Entity>()
        .col_expr(tenant_user::Column::MustChangePassword, false.into())
        .exec(db)
        .await?;
    tracing::info!(tenant = %tenant.id, "demo data created");
    Ok(())
}

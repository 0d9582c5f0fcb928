//! Demo data, so that a newcomer can log in at once: an operator account and a demo tenant
//! with an administrator and one user per right. Idempotent.

use crm360_contacts::fields::ContactField;
use crm360_contacts::service::consents::{self, ConsentChannel, ConsentProof, ConsentStatus};
use crm360_contacts::service::contacts::{self, ContactChanges};
use crm360_contacts::service::segments::{self, ConditionSpec, Node, SegmentDraft, SegmentOperator};
use crm360_identity::model::tenant::TenantPlatform;
use crm360_identity::model::{operator_staff, tenant_user};
use crm360_identity::service::tenants::{self, NewTenant};
use crm360_identity::service::users::{self, NewUser};
use crm360_kernel::context::Platform;
use crm360_kernel::scope::OperatorScope;
use crm360_kernel::{Right, Rights, TenantScope, Why};
use sea_orm::{ColumnTrait, QueryFilter};

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
    seed_demo_in(platform, std::path::Path::new("data")).await
}

/// The demo data, with documents (invoices, attachments) under `data_dir`.
pub async fn seed_demo_in(platform: &Platform, data_dir: &std::path::Path) -> anyhow::Result<()> {
    let db = platform.unscoped(Why::Seeding);
    let exists =
        db.find::<operator_staff::Entity>().filter(operator_staff::Column::Email.eq(DEMO_OPERATOR)).one(&db).await?;
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
            platform: TenantPlatform::Shared,
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
    let txn = scope.begin().await?;
    txn.update_many::<tenant_user::Entity>()
        .col_expr(tenant_user::Column::MustChangePassword, false.into())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    seed_demo_contacts(&scope).await?;
    seed_demo_campaigns(&operator, &scope).await?;
    seed_demo_billing(&operator, &scope, data_dir).await?;
    seed_demo_support(platform, tenant.id, data_dir).await?;
    tracing::info!(tenant = %tenant.id, "demo data created");
    Ok(())
}

const FIRST_NAMES: [&str; 12] =
    ["Camille", "Léa", "Hugo", "Chloé", "Lucas", "Inès", "Louis", "Manon", "Gabriel", "Zoé", "Théo", "Agnès"];
const LAST_NAMES: [&str; 10] =
    ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Lefèvre", "Moreau"];
const STREETS: [&str; 6] = [
    "rue de la République",
    "avenue Jean Jaurès",
    "boulevard Victor Hugo",
    "place de l'Église",
    "chemin des Vignes",
    "allée des Tilleuls",
];
/// Postal code and city, some with the spellings customers type (for RNVP to correct).
const CITIES: [(&str, &str); 8] = [
    ("75015", "Paris"),
    ("69007", "Lyon"),
    ("13008", "Marseille"),
    ("33000", "Bordeaux"),
    ("59000", "lille"),
    ("31000", "Toulouze"),
    ("44000", "Nantes"),
    ("20000", "Ajaccio"),
];

/// 120 contacts with addresses, birth dates and e-mail consents, and a saved segment, so that
/// the contacts, segments and postal-quality screens have something to show.
async fn seed_demo_contacts(scope: &TenantScope) -> anyhow::Result<()> {
    let fail = |err: crm360_contacts::error::ContactsError| anyhow::anyhow!("seeding demo contacts failed: {err}");
    for i in 0..120usize {
        let first = FIRST_NAMES[i % FIRST_NAMES.len()];
        let last = LAST_NAMES[(i / FIRST_NAMES.len()) % LAST_NAMES.len()];
        let (code, city) = CITIES[i % CITIES.len()];
        let email = format!("{}.{}{}@exemple-demo.fr", ascii(first), ascii(last), i);
        let fields = vec![
            (ContactField::ExternalId, Some(format!("DEMO-{i:04}"))),
            (ContactField::Civility, Some(if i % 2 == 0 { "MME" } else { "M" }.to_owned())),
            (ContactField::FirstName, Some(first.to_owned())),
            (ContactField::LastName, Some(last.to_owned())),
            (ContactField::PersonalEmail, Some(email)),
            (ContactField::AddressLine4, Some(format!("{} {}", 1 + i % 90, STREETS[i % STREETS.len()]))),
            (ContactField::PostalCode, Some(code.to_owned())),
            (ContactField::City, Some(city.to_owned())),
            (ContactField::BirthDate, Some(format!("{}-{:02}-{:02}", 1950 + i % 50, 1 + i % 12, 1 + i % 28))),
        ];
        let contact = contacts::create(scope, ContactChanges { fields, custom: vec![] }).await.map_err(fail)?;
        if i % 3 != 2 {
            let proof = ConsentProof {
                channel: ConsentChannel::Email,
                status: if i % 3 == 0 { ConsentStatus::Granted } else { ConsentStatus::Denied },
                collected_at: scope.now() - chrono::Duration::days(30 + i as i64),
                source: Some("Formulaire du site".to_owned()),
                wording: Some("J'accepte de recevoir les offres de Démo Boutique par e-mail.".to_owned()),
                ip: None,
            };
            consents::set(scope, contact.id, proof).await.map_err(fail)?;
        }
    }
    let opted_in = Node::Condition(ConditionSpec {
        field: None,
        computed: None,
        custom_field_key: None,
        consent_channel: Some(ConsentChannel::Email),
        operator: SegmentOperator::Equals,
        value: Some("GRANTED".to_owned()),
        values: vec![],
        from: None,
        to: None,
    });
    segments::create(
        scope,
        SegmentDraft {
            name: "Clients joignables par e-mail".to_owned(),
            description: Some("Consentement e-mail accordé".to_owned()),
            definition: opted_in,
        },
    )
    .await
    .map_err(fail)?;
    Ok(())
}

/// A name as it may stand in an e-mail address.
/// The demo tenant's allowed senders (an address and an SMS sender id, as operator staff
/// would configure them) and two templates, so that a first campaign takes a minute.
async fn seed_demo_campaigns(operator: &OperatorScope, scope: &TenantScope) -> anyhow::Result<()> {
    use crm360_campaigns::model::Channel;
    use crm360_campaigns::service::{senders, templates};
    let fail =
        |err: crm360_campaigns::error::CampaignsError| anyhow::anyhow!("seeding the demo campaigns failed: {err}");
    for (channel, address) in [(Channel::Email, "offres@demo-boutique.fr"), (Channel::Sms, "DEMOBOUTIK")] {
        let draft = senders::SenderDraft {
            channel,
            address: address.to_owned(),
            display_name: Some("Démo Boutique".to_owned()),
            reply_to: (channel == Channel::Email).then(|| "service-client@demo-boutique.fr".to_owned()),
        };
        senders::add(operator, scope.tenant_id(), draft).await.map_err(fail)?;
    }
    templates::create(
        scope,
        templates::TemplateDraft {
            name: "Lettre d'information".to_owned(),
            channel: Channel::Email,
            subject: Some("{{ first_name | default(\"Chère cliente, cher client\") }}, nos nouveautés de saison".to_owned()),
            html_body: Some(
                "<html><body><h1>Bonjour {{ first_name | default(\"à vous\") }} !</h1>\
                 <p>Découvrez nos nouveautés en boutique à {{ city | default(\"deux pas de chez vous\") }}.</p>\
                 <p><a href=\"{{ unsubscribe_url }}\">Se désabonner</a></p></body></html>"
                    .to_owned(),
            ),
            text_body: "Bonjour {{ first_name | default(\"à vous\") }} !\n\nDécouvrez nos nouveautés en boutique.\n\nSe désabonner : {{ unsubscribe_url }}".to_owned(),
        },
    )
    .await
    .map_err(fail)?;
    templates::create(
        scope,
        templates::TemplateDraft {
            name: "Promotion SMS".to_owned(),
            channel: Channel::Sms,
            subject: None,
            html_body: None,
            text_body: "{{ first_name | default(\"Bonjour\") }}, -20 % ce week-end chez Démo Boutique".to_owned(),
        },
    )
    .await
    .map_err(fail)?;
    Ok(())
}

/// The demo tenant's billing identity, a level 3 requested for next month, and two months
/// of metered usage so that the consumption charts and the estimate have something to show.
async fn seed_demo_billing(
    operator: &OperatorScope,
    scope: &TenantScope,
    data_dir: &std::path::Path,
) -> anyhow::Result<()> {
    use crm360_billing::service::{documents::Documents, followup, invoices, plans, profiles};
    use crm360_kernel::model::usage_event::UsageKind;
    let fail = |err: crm360_billing::error::BillingError| anyhow::anyhow!("seeding the demo billing failed: {err}");
    let profile = profiles::ProfileInput {
        legal_name: "Démo Boutique SAS".to_owned(),
        address_lines: vec!["12 rue des Écoles".to_owned()],
        postcode: "75005".to_owned(),
        city: "Paris".to_owned(),
        country_code: "FR".to_owned(),
        siren: Some("732 829 320".to_owned()),
        vat_number: Some("FR44732829320".to_owned()),
        invoice_email: Some("compta@demo-boutique.fr".to_owned()),
    };
    profiles::save(scope, profile).await.map_err(fail)?;
    let change = plans::PlanChange { level: 3, email_commitment: 50_000, sms_commitment: 0, requested_on: None };
    plans::change(operator, scope.tenant_id(), change).await.map_err(fail)?;
    // Usage recorded as the work would have: one key per day and kind.
    let today = scope.clock().today();
    let txn = scope.begin().await?;
    for back in 1..=60i64 {
        let day = today - chrono::Duration::days(back);
        let n = 60 - back;
        for (kind, quantity) in [
            (UsageKind::ContactsSampled, 118 + n / 30),
            (UsageKind::ActiveUsersSampled, 5),
            (UsageKind::EmailSent, if back % 7 == 2 { 1_200 + 10 * n } else { 0 }),
            (UsageKind::SmsSent, if back % 14 == 5 { 90 } else { 0 }),
            (UsageKind::RnvpAddress, if back == 20 { 120 } else { 0 }),
        ] {
            if quantity > 0 {
                crm360_kernel::metering::record_on(&txn, kind, quantity, format!("demo:{kind:?}:{day}"), day).await?;
            }
        }
    }
    txn.commit().await?;
    // Last month invoiced and paid, so that the invoice screens have a document to show.
    let settings = crm360_billing::settings::BillingSettings::defaults(data_dir);
    let documents = Documents::new().map_err(fail)?;
    let last_month = crm360_billing::service::month_start(today) - chrono::Months::new(1);
    let draft = invoices::draft_month(operator, &settings, scope.tenant_id(), last_month).await.map_err(fail)?;
    let issued = invoices::issue(operator, &settings, &documents, scope.tenant_id(), draft.id).await.map_err(fail)?;
    let paid = followup::NewPayment {
        amount: issued.total_including_tax(),
        paid_on: today,
        method: crm360_billing::model::PaymentMethod::Transfer,
        reference: Some("VIR-DEMO".to_owned()),
    };
    followup::record_payment(operator, scope.tenant_id(), issued.id, paid).await.map_err(fail)?;
    Ok(())
}

/// One support ticket of the demo administrator, so that the desk has something to show.
async fn seed_demo_support(
    platform: &Platform,
    tenant_id: uuid::Uuid,
    data_dir: &std::path::Path,
) -> anyhow::Result<()> {
    use crm360_support::model::{Priority, TicketChannel, TicketKind};
    use crm360_support::service::tickets::{self, Author, NewTicket};
    let scope = TenantScope::system(platform, tenant_id);
    let files = data_dir.to_path_buf();
    let new = NewTicket {
        kind: TicketKind::Question,
        priority: Priority::P3,
        subject: "Comment planifier une campagne récurrente ?".to_owned(),
        body: "Bonjour, nous voudrions envoyer notre lettre chaque premier lundi du mois. Merci !".to_owned(),
        attachments: Vec::new(),
    };
    let author =
        Author { kind: crm360_support::model::AuthorKind::User, id: None, name: "Adèle Administratrice".to_owned() };
    tickets::open_as(&scope, &files, new, author, DEMO_ADMIN.to_owned(), TicketChannel::Product, &[], None)
        .await
        .map_err(|err| anyhow::anyhow!("seeding the demo ticket failed: {err}"))?;
    Ok(())
}

fn ascii(name: &str) -> String {
    name.to_lowercase().replace(['é', 'è'], "e")
}

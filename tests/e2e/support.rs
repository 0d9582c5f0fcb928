//! Support: the operator's announcements (CRUD, audit, audience, time window) and the audience
//! measurement of contract article 12 (recording, path normalisation, visits, aggregation,
//! retention, guards).

use chrono::{Duration, Months, NaiveDate};
use crm360_kernel::model::audit_entry;
use crm360_suite::{Caller, Gql, TestApp, find_all, spawn_app};
use crm360_support::model::page_view;
use serde_json::{Value, json};
use uuid::Uuid;

const CREATE: &str = "mutation($input: CreateAnnouncementInput!) { createAnnouncement(input: $input) { announcement { id severity textFr textEn startsAt endsAt endedAt tenantId status } } }";
const UPDATE: &str = "mutation($input: UpdateAnnouncementInput!) { updateAnnouncement(input: $input) { announcement { id severity textFr textEn status tenantId } } }";
const END: &str = "mutation($id: ID!) { endAnnouncement(input: {id: $id}) { announcement { id status endedAt } } }";
const ACTIVE: &str = "{ activeAnnouncements { id severity textFr textEn tenantId } }";
const RECORD: &str = "mutation($input: RecordPageViewInput!) { recordPageView(input: $input) { recorded newVisit } }";
const USAGE: &str = "query($from: NaiveDate!, $to: NaiveDate!, $tenantId: ID) { usageAnalytics(from: $from, to: $to, tenantId: $tenantId) {
    from to tenantId totals { pageViews visits uniqueVisitors } days { date pageViews visits uniqueVisitors }
    topPages { path pageViews uniqueVisitors } tenants { tenantId tenantName pageViews visits uniqueVisitors activeDays }
    returnFrequency { visits firstVisits sameDay withinWeek withinMonth later shareWithin7Days shareWithin30Days } } }";

fn field(response: &Gql) -> Option<&str> {
    response.body["errors"][0]["extensions"]["field"].as_str()
}

fn texts(response: &Gql) -> Vec<String> {
    response.ok()["activeAnnouncements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["textFr"].as_str().unwrap().to_owned())
        .collect()
}

async fn create(app: &TestApp, operator: &Caller, input: Value) -> Value {
    let created = app.gql(operator, CREATE, json!({ "input": input })).await;
    created.ok()["createAnnouncement"]["announcement"].clone()
}

async fn operator_login(app: &TestApp) -> Caller {
    app.login("ops@operator.test").await
}

async fn operator(app: &TestApp) -> Caller {
    app.login(&app.operator("ops@operator.test").await).await
}

/// What `email` sees in the banner now (logging in afresh: the clock may have outrun sessions).
async fn active_for(app: &TestApp, email: &str) -> Vec<String> {
    let caller = app.login(email).await;
    texts(&app.gql(&caller, ACTIVE, json!({})).await)
}

#[tokio::test]
async fn operator_staff_publish_edit_and_end_announcements_with_an_audit_trail() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let ops = operator(&app).await;
    let admin = app.login(&tenant.admin_email).await;
    let now = app.clock.now();

    let created = create(
        &app,
        &ops,
        json!({ "severity": "INFO", "textFr": "  Nouvelle fonction : les segments.  ", "startsAt": now.to_rfc3339() }),
    )
    .await;
    assert_eq!(created["textFr"], "Nouvelle fonction : les segments.", "texts are trimmed");
    assert_eq!(created["textEn"], Value::Null);
    assert_eq!(created["tenantId"], Value::Null);
    assert_eq!(created["status"], "ACTIVE");
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(texts(&app.gql(&admin, ACTIVE, json!({})).await), ["Nouvelle fonction : les segments."]);

    // Tenant users cannot publish, edit or end, nor list every announcement.
    let refused =
        app.gql(&admin, CREATE, json!({ "input": { "severity": "INFO", "textFr": "Pirate", "startsAt": now } })).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
    let refused = app.gql(&admin, END, json!({ "id": id })).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
    assert_eq!(app.gql(&admin, "{ announcements { nodes { id } } }", json!({})).await.code(), Some("FORBIDDEN"));
    assert_eq!(app.gql(&Caller::Anonymous, ACTIVE, json!({})).await.code(), Some("UNAUTHENTICATED"));

    // Validation, with the field at fault.
    let cases = [
        (json!({ "severity": "INFO", "textFr": "   ", "startsAt": now }), "textFr", "REQUIRED"),
        (json!({ "severity": "INFO", "textFr": "x".repeat(501), "startsAt": now }), "textFr", "TOO_LONG"),
        (
            json!({ "severity": "INFO", "textFr": "Bonjour", "textEn": "y".repeat(501), "startsAt": now }),
            "textEn",
            "TOO_LONG",
        ),
        (
            json!({ "severity": "INFO", "textFr": "Bonjour", "startsAt": now, "endsAt": now - Duration::hours(1) }),
            "endsAt",
            "ENDS_BEFORE_START",
        ),
        (
            json!({ "severity": "INFO", "textFr": "Bonjour", "startsAt": now, "tenantId": "42" }),
            "tenantId",
            "INVALID_ID",
        ),
        (
            json!({ "severity": "INFO", "textFr": "Bonjour", "startsAt": now, "tenantId": Uuid::new_v4() }),
            "tenantId",
            "UNKNOWN_TENANT",
        ),
    ];
    for (input, expected_field, reason) in cases {
        let response = app.gql(&ops, CREATE, json!({ "input": input })).await;
        assert_eq!(response.code(), Some("INVALID_INPUT"), "{:#}", response.body);
        assert_eq!((field(&response), response.reason()), (Some(expected_field), Some(reason)));
    }

    // Edit: every field is replaced; the English text and a tenant audience are added.
    let updated = app
        .gql(
            &ops,
            UPDATE,
            json!({ "input": { "id": id, "severity": "WARNING", "textFr": "Les segments changent demain.",
                "textEn": "Segments change tomorrow.", "startsAt": now, "endsAt": now + Duration::days(1),
                "tenantId": tenant.id } }),
        )
        .await;
    let updated = &updated.ok()["updateAnnouncement"]["announcement"];
    assert_eq!(updated["severity"], "WARNING");
    assert_eq!(updated["textEn"], "Segments change tomorrow.");
    assert_eq!(updated["tenantId"], tenant.id.to_string());
    let listed = app.gql(&ops, "{ announcements { nodes { id textFr status } } }", json!({})).await;
    assert_eq!(
        listed.ok()["announcements"]["nodes"],
        json!([{ "id": id, "textFr": "Les segments changent demain.", "status": "ACTIVE" }])
    );
    assert_eq!(
        app.gql(&admin, ACTIVE, json!({})).await.ok()["activeAnnouncements"][0]["textEn"],
        "Segments change tomorrow."
    );

    // End: gone from the banner at once; an ended announcement cannot be changed or ended again.
    let ended = app.gql(&ops, END, json!({ "id": id })).await;
    assert_eq!(ended.ok()["endAnnouncement"]["announcement"]["status"], "ENDED");
    assert!(texts(&app.gql(&admin, ACTIVE, json!({})).await).is_empty());
    let again = app.gql(&ops, END, json!({ "id": id })).await;
    assert_eq!((again.code(), again.reason()), (Some("CONFLICT"), Some("ANNOUNCEMENT_ENDED")));
    let edit = app
        .gql(&ops, UPDATE, json!({ "input": { "id": id, "severity": "INFO", "textFr": "Trop tard", "startsAt": now } }))
        .await;
    assert_eq!(edit.reason(), Some("ANNOUNCEMENT_ENDED"));
    let missing = app.gql(&ops, END, json!({ "id": Uuid::new_v4() })).await;
    assert_eq!(missing.code(), Some("NOT_FOUND"));

    // Each change is in the audit trail, as the operator's, with the state before and after.
    let trail: Vec<audit_entry::Model> = find_all::<audit_entry::Entity>(&app.db)
        .await
        .into_iter()
        .filter(|e| e.target_type == "announcement")
        .collect();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["announcement.create", "announcement.update", "announcement.end"]);
    assert!(trail.iter().all(|e| e.actor_kind == crm360_kernel::model::audit_entry::AuditActorKind::OperatorStaff
        && e.target_id.as_deref() == Some(id.as_str())));
    assert_eq!(trail[1].before.as_ref().unwrap()["severity"], "INFO");
    assert_eq!(trail[1].after.as_ref().unwrap()["severity"], "WARNING");
}

#[tokio::test]
async fn announcements_reach_their_audience_within_their_time_window_only() {
    let app = spawn_app().await;
    let acme = app.tenant("acme").await;
    let beta = app.tenant("beta").await;
    let ops = operator(&app).await;
    let (acme_user, beta_user) = (acme.email("consult"), beta.email("norights"));
    let now = app.clock.now();

    create(&app, &ops, json!({ "severity": "INFO", "textFr": "Info pour tous", "startsAt": now - Duration::hours(1) }))
        .await;
    create(
        &app,
        &ops,
        json!({ "severity": "WARNING", "textFr": "Alerte pour Acme", "startsAt": now, "tenantId": acme.id }),
    )
    .await;
    create(
        &app,
        &ops,
        json!({ "severity": "MAINTENANCE", "textFr": "Maintenance exceptionnelle",
            "startsAt": now + Duration::hours(1), "endsAt": now + Duration::hours(3) }),
    )
    .await;
    let scheduled = app.gql(&ops, "{ announcements { nodes { textFr status } } }", json!({})).await;
    assert_eq!(
        scheduled.ok()["announcements"]["nodes"][0],
        json!({ "textFr": "Maintenance exceptionnelle", "status": "SCHEDULED" })
    );

    // Tenant B never sees what is addressed to tenant A; operator staff see what is for everyone.
    assert_eq!(active_for(&app, acme_user).await, ["Alerte pour Acme", "Info pour tous"]);
    assert_eq!(active_for(&app, beta_user).await, ["Info pour tous"]);
    assert_eq!(active_for(&app, "ops@operator.test").await, ["Info pour tous"]);

    // The maintenance shows from its start, first as the most serious, and goes at its end.
    app.clock.advance(Duration::minutes(59));
    assert_eq!(active_for(&app, beta_user).await, ["Info pour tous"]);
    app.clock.advance(Duration::minutes(1));
    assert_eq!(active_for(&app, acme_user).await, ["Maintenance exceptionnelle", "Alerte pour Acme", "Info pour tous"]);
    assert_eq!(active_for(&app, beta_user).await, ["Maintenance exceptionnelle", "Info pour tous"]);
    app.clock.advance(Duration::hours(2));
    assert_eq!(active_for(&app, beta_user).await, ["Info pour tous"]);
}

fn visitor() -> String {
    Uuid::new_v4().simple().to_string()
}

async fn view(app: &TestApp, caller: &Caller, visitor: &str, path: &str, previous: Option<&str>) -> Gql {
    app.gql(caller, RECORD, json!({ "input": { "visitorId": visitor, "path": path, "previousVisitOn": previous } }))
        .await
}

/// Records a page view as `email` (logged in afresh) and says whether it started a visit.
async fn new_visit(app: &TestApp, email: &str, visitor: &str, path: &str, previous: Option<&str>) -> bool {
    let caller = app.login(email).await;
    let response = view(app, &caller, visitor, path, previous).await;
    assert_eq!(response.ok()["recordPageView"]["recorded"], true);
    response.ok()["recordPageView"]["newVisit"].as_bool().unwrap()
}

#[tokio::test]
async fn page_views_are_recorded_normalised_without_identifying_anyone() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let v = visitor();

    let contact = Uuid::new_v4();
    let email = tenant.email("consult");
    assert!(new_visit(&app, email, &v, &format!("/contacts/{contact}/edit?tab=consent#top"), None).await);
    app.clock.advance(Duration::minutes(29));
    assert!(!new_visit(&app, email, &v, "/contacts/", None).await, "within 30 minutes: the same visit");
    app.clock.advance(Duration::minutes(30));
    assert!(new_visit(&app, email, &v, "/postal/runs/42", None).await, "after 30 minutes: a new visit");
    let user = app.login(email).await;

    let rows = find_all::<page_view::Entity>(&app.db).await;
    let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/contacts/:id/edit", "/contacts", "/postal/runs/:id"]);
    assert!(rows.iter().all(|r| r.tenant_id == tenant.id && r.visitor_id.simple().to_string() == v));
    assert_eq!(rows.iter().map(|r| r.days_since_last_visit).collect::<Vec<_>>(), [None, None, Some(0)]);
    // Nothing else identifies the user: no user id, IP address or browser anywhere in the rows.
    let stored = format!("{rows:?}");
    for secret in [tenant.user_id("consult").to_string(), "127.0.0.1".to_owned(), "reqwest".to_owned()] {
        assert!(!stored.contains(&secret), "{secret} stored in {stored}");
    }

    // Bad input is refused with its field and reason.
    let cases = [
        ("not-a-uuid", "/contacts", None, "visitorId", "INVALID_VISITOR_ID"),
        (v.as_str(), "contacts", None, "path", "INVALID_PATH"),
        (v.as_str(), "/a/b/c/d/e/f/g/h/i", None, "path", "INVALID_PATH"),
        (v.as_str(), &*format!("/{}", "a".repeat(3000)), None, "path", "TOO_LONG"),
        (v.as_str(), "/contacts", Some("2099-01-01"), "previousVisitOn", "IN_THE_FUTURE"),
    ];
    for (visitor, path, previous, expected_field, reason) in cases {
        let response = view(&app, &user, visitor, path, previous).await;
        assert_eq!(response.code(), Some("INVALID_INPUT"), "{:#}", response.body);
        assert_eq!((field(&response), response.reason()), (Some(expected_field), Some(reason)));
    }

    let ops = operator(&app).await;
    // Operator staff are not measured (and still validated); anonymous callers are refused.
    let staff = view(&app, &ops, &v, "/operator/tenants", None).await;
    assert_eq!(staff.ok()["recordPageView"], json!({ "recorded": false, "newVisit": false }));
    assert_eq!(view(&app, &ops, "bad", "/operator", None).await.reason(), Some("INVALID_VISITOR_ID"));
    assert_eq!(view(&app, &Caller::Anonymous, &v, "/login", None).await.code(), Some("UNAUTHENTICATED"));
    assert_eq!(app.count("page_view").await, 3);

    // At most 60 page views a minute per visitor.
    let busy = visitor();
    for _ in 0..60 {
        view(&app, &user, &busy, "/contacts", None).await.ok();
    }
    let throttled = view(&app, &user, &busy, "/contacts", None).await;
    assert_eq!(throttled.code(), Some("RATE_LIMITED"));
    assert!(throttled.body["errors"][0]["extensions"]["retryAfterSeconds"].as_i64().unwrap() > 0);
    app.clock.advance(Duration::minutes(1));
    view(&app, &user, &busy, "/contacts", None).await.ok();
}

#[tokio::test]
async fn usage_figures_match_a_hand_computed_scenario() {
    let app = spawn_app().await;
    let acme = app.tenant("acme").await;
    let beta = app.tenant("beta").await;
    app.operator("ops@operator.test").await;
    let (acme_user, acme_other, beta_user) = (acme.email("consult"), acme.email("import"), beta.email("analyse"));
    let (v1, v2, v3) = (visitor(), visitor(), visitor());

    // 2026-11-26, from 09:00 UTC.
    assert!(new_visit(&app, acme_user, &v1, "/contacts", None).await); // first visit
    app.clock.advance(Duration::minutes(10));
    assert!(!new_visit(&app, acme_user, &v1, &format!("/contacts/{}", Uuid::new_v4()), None).await);
    app.clock.advance(Duration::minutes(40));
    assert!(new_visit(&app, acme_user, &v1, "/segments", None).await); // back the same day
    // The cookie says beta's visitor last came 6 days ago, before our records.
    assert!(new_visit(&app, beta_user, &v2, "/contacts", Some("2026-11-20")).await);
    // 2026-11-27 09:00.
    app.clock.advance(Duration::hours(23) + Duration::minutes(10));
    assert!(new_visit(&app, acme_user, &v1, "/contacts", Some("2026-11-26")).await); // 1 day later
    assert!(new_visit(&app, acme_other, &v3, "/admin/users", None).await); // first visit
    // 2026-12-27 09:00: 30 days after v1's previous visit.
    app.clock.advance(Duration::days(30));
    assert!(new_visit(&app, acme_user, &v1, "/contacts?page=2", None).await);

    let ops = operator_login(&app).await;
    let all = app.gql(&ops, USAGE, json!({ "from": "2026-11-26", "to": "2026-12-27" })).await;
    let usage = &all.ok()["usageAnalytics"];
    assert_eq!(usage["totals"], json!({ "pageViews": 7, "visits": 6, "uniqueVisitors": 3 }));
    let days = usage["days"].as_array().unwrap();
    assert_eq!(days.len(), 32, "every day of the period, empty ones included");
    assert_eq!(days[0], json!({ "date": "2026-11-26", "pageViews": 4, "visits": 3, "uniqueVisitors": 2 }));
    assert_eq!(days[1], json!({ "date": "2026-11-27", "pageViews": 2, "visits": 2, "uniqueVisitors": 2 }));
    assert_eq!(days[2], json!({ "date": "2026-11-28", "pageViews": 0, "visits": 0, "uniqueVisitors": 0 }));
    assert_eq!(days[31], json!({ "date": "2026-12-27", "pageViews": 1, "visits": 1, "uniqueVisitors": 1 }));
    assert_eq!(
        usage["topPages"],
        json!([
            { "path": "/contacts", "pageViews": 4, "uniqueVisitors": 2 },
            { "path": "/admin/users", "pageViews": 1, "uniqueVisitors": 1 },
            { "path": "/contacts/:id", "pageViews": 1, "uniqueVisitors": 1 },
            { "path": "/segments", "pageViews": 1, "uniqueVisitors": 1 },
        ])
    );
    assert_eq!(
        usage["tenants"],
        json!([
            { "tenantId": acme.id, "tenantName": "Tenant acme", "pageViews": 6, "visits": 5, "uniqueVisitors": 2, "activeDays": 3 },
            { "tenantId": beta.id, "tenantName": "Tenant beta", "pageViews": 1, "visits": 1, "uniqueVisitors": 1, "activeDays": 1 },
        ])
    );
    let frequency = &usage["returnFrequency"];
    assert_eq!(
        [
            &frequency["visits"],
            &frequency["firstVisits"],
            &frequency["sameDay"],
            &frequency["withinWeek"],
            &frequency["withinMonth"],
            &frequency["later"]
        ],
        [6, 2, 1, 2, 1, 0].map(|n| json!(n)).each_ref()
    );
    assert!((frequency["shareWithin7Days"].as_f64().unwrap() - 0.5).abs() < 1e-9);
    assert!((frequency["shareWithin30Days"].as_f64().unwrap() - 4.0 / 6.0).abs() < 1e-9);

    // One tenant, one day.
    let beta_only =
        app.gql(&ops, USAGE, json!({ "from": "2026-11-26", "to": "2026-12-27", "tenantId": beta.id })).await;
    let beta_usage = &beta_only.ok()["usageAnalytics"];
    assert_eq!(beta_usage["totals"], json!({ "pageViews": 1, "visits": 1, "uniqueVisitors": 1 }));
    assert_eq!(beta_usage["tenants"].as_array().unwrap().len(), 1);
    assert_eq!(beta_usage["returnFrequency"]["withinWeek"], 1);
    let one_day = app.gql(&ops, USAGE, json!({ "from": "2026-11-27", "to": "2026-11-27" })).await;
    assert_eq!(one_day.ok()["usageAnalytics"]["totals"], json!({ "pageViews": 2, "visits": 2, "uniqueVisitors": 2 }));

    // Bad periods, and the guard.
    for (from, to) in [("2026-11-27", "2026-11-26"), ("2025-01-01", "2026-11-26")] {
        let refused = app.gql(&ops, USAGE, json!({ "from": from, "to": to })).await;
        assert_eq!((refused.code(), refused.reason()), (Some("INVALID_INPUT"), Some("INVALID_RANGE")));
    }
    let admin = app.login(&acme.admin_email).await;
    let refused = app.gql(&admin, USAGE, json!({ "from": "2026-11-26", "to": "2026-11-27" })).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
    assert!(refused.data().is_null(), "nothing leaks with the refusal");
    assert_eq!(
        app.gql(&Caller::Anonymous, USAGE, json!({ "from": "2026-11-26", "to": "2026-11-27" })).await.code(),
        Some("UNAUTHENTICATED")
    );
}

#[tokio::test]
async fn page_views_are_purged_after_13_months_by_the_scheduled_job() {
    let app = spawn_app().await;
    let tenant = app.tenant("acme").await;
    let user = app.login(tenant.email("consult")).await;
    let v = visitor();
    view(&app, &user, &v, "/contacts", None).await.ok();
    let first_day = app.clock.now();

    // Six months later, another page view (the session is long gone: log in again).
    app.clock.advance(Duration::days(183));
    let user = app.login(tenant.email("consult")).await;
    view(&app, &user, &v, "/segments", None).await.ok();
    assert!(app.jobs.run_due().await.unwrap() >= 1);
    assert_eq!(app.count("page_view").await, 2);

    // 13 months after the first page view, only it goes.
    app.clock.set(first_day.checked_add_months(Months::new(13)).unwrap() - Duration::hours(1));
    app.jobs.run_due().await.unwrap();
    assert_eq!(app.count("page_view").await, 2, "kept until 13 months have passed");
    app.clock.advance(Duration::days(1) + Duration::hours(1));
    assert!(app.jobs.run_due().await.unwrap() >= 1);
    let left = find_all::<page_view::Entity>(&app.db).await;
    assert_eq!(left.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(), ["/segments"]);
    assert_eq!(left[0].day, NaiveDate::from_ymd_opt(2027, 5, 28).unwrap());
}

//! `schema.graphql` is the contract: it must be exactly what the code generates.

#[test]
fn schema_graphql_is_what_the_code_generates() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .expect("schema.graphql at the repository root");
    let generated = crm360::schema::sdl();
    assert!(
        committed == generated,
        "schema.graphql is stale: run `cargo run -p crm360 -- schema > schema.graphql` and review the diff"
    );
}

//! The command line, run as a user runs it.

use std::io::Write;
use std::process::{Command, Stdio};

fn crm360(args: &[&str], stdin: &str) -> (String, String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm360"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crm360 starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("input written");
    let output = child.wait_with_output().expect("crm360 ends");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.success(),
    )
}

#[test]
fn rnvp_normalises_a_csv_from_stdin_to_stdout() {
    let input = "line1,line2,line3,line4,line5,line6\n\
                 M. Jean Dupont,,,12 avenue des Champs-Élysées,,75008 paris\n\
                 Mme Léa Martin,,,3 rue de la Paix,,69001 Lyyon\n";
    let (stdout, stderr, ok) = crm360(&["rnvp"], input);
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "line1,line2,line3,line4,line5,line6,status,reasons");
    assert!(lines[1].starts_with("M JEAN DUPONT,,,12 AVENUE DES CHAMPS ELYSEES,,75008 PARIS,VALID"), "{}", lines[1]);
    assert!(lines[2].contains("69001 LYON,CORRECTED"), "{}", lines[2]);
    assert!(stderr.contains("2 addresses: 1 valid, 1 corrected, 0 invalid"), "{stderr}");
}

#[test]
fn rnvp_refuses_a_csv_without_the_expected_header() {
    let (_, stderr, ok) = crm360(&["rnvp"], "adresse;ville\n1 rue X;Paris\n");
    assert!(!ok);
    assert!(stderr.to_lowercase().contains("header"), "{stderr}");
}

#[test]
fn schema_prints_the_sdl() {
    let (stdout, _, ok) = crm360(&["schema"], "");
    assert!(ok);
    assert!(stdout.contains("type Query"));
}

//! Hand-written expectations for the key rules of NF Z10-011 as implemented by RNVP.

use crm360_address::{ReasonCode as R, RnvpResult, RnvpStatus, rnvp};

fn run(lines: [&str; 6]) -> RnvpResult {
    rnvp(&lines)
}

fn has(r: &RnvpResult, reason: R) -> bool {
    r.reasons.contains(reason)
}

#[test]
fn upper_case_no_accents_no_punctuation() {
    let r = run(["Mme Hélène Lefèvre", "", "", "12, rue de l'Église", "", "75004 Paris"]);
    assert_eq!(r.lines, ["MME HELENE LEFEVRE", "", "", "12 RUE DE L EGLISE", "", "75004 PARIS"].map(String::from));
    assert_eq!(r.status, RnvpStatus::Valid);
    assert!(r.reasons.is_empty());
}

#[test]
fn street_types_are_written_in_full_when_the_line_fits() {
    let r = run(["", "", "", "3 bd du Mal Juin", "", "14000 Caen"]);
    assert_eq!(r.lines[3], "3 BOULEVARD DU MARECHAL JUIN");
    assert!(has(&r, R::AbbreviationExpanded));
    assert_eq!(r.status, RnvpStatus::Valid);
}

#[test]
fn long_lines_are_abbreviated_street_type_first_then_from_the_end() {
    let r = run(["", "", "", "145 avenue du Maréchal de Lattre de Tassigny", "", "94000 Créteil"]);
    assert_eq!(r.lines[3], "145 AV DU MAL DE LATTRE DE TASSIGNY");
    assert!(r.lines[3].len() <= 38);
    assert!(has(&r, R::LineTooLongAbbreviated));
    assert_eq!(r.status, RnvpStatus::Valid);
    // SAINT is abbreviated before GRANDE (from the end), and the street type first.
    let r = run(["", "", "", "2 place de la Grande Fontaine Saint Sauveur", "", "45000 Orléans"]);
    assert_eq!(r.lines[3], "2 PL DE LA GRANDE FONTAINE ST SAUVEUR");
}

#[test]
fn a_line_that_cannot_be_shortened_enough_is_invalid() {
    let r = run(["", "", "", "12 bis boulevard de la Libération du Capitaine Dreyfus", "", "13001 Marseille"]);
    assert!(has(&r, R::LineTooLong));
    assert_eq!(r.status, RnvpStatus::Invalid);
}

#[test]
fn repetition_index_and_number_sign() {
    assert_eq!(run(["", "", "", "12bis rue des Lilas", "", "41000 Blois"]).lines[3], "12 BIS RUE DES LILAS");
    assert_eq!(run(["", "", "", "N° 12 rue des Lilas", "", "41000 Blois"]).lines[3], "12 RUE DES LILAS");
    assert_eq!(run(["", "", "", "12 B r des Lilas", "", "41000 Blois"]).lines[3], "12 B RUE DES LILAS");
}

#[test]
fn misplaced_lines_are_restructured() {
    let r = run(["M Jean Dupont", "Bâtiment B", "Appt 12", "12 rue de la Paix", "", "75002 Paris"]);
    assert_eq!(r.lines[1], "APPARTEMENT 12");
    assert_eq!(r.lines[2], "BATIMENT B");
    assert!(has(&r, R::LinesRestructured));
    assert_eq!(r.status, RnvpStatus::Corrected);

    let r = run(["75002 Paris", "", "", "12 rue de la Paix", "", "M Jean Dupont"]);
    assert_eq!(r.lines[0], "M JEAN DUPONT");
    assert_eq!(r.lines[5], "75002 PARIS");
}

#[test]
fn compact_three_line_input_with_country() {
    let r = run(["Mme Claire Petit", "3 avenue Jean Jaurès", "31000 Toulouse", "France", "", ""]);
    assert_eq!(r.lines, ["MME CLAIRE PETIT", "", "", "3 AVENUE JEAN JAURES", "", "31000 TOULOUSE"].map(String::from));
    assert!(has(&r, R::CountryLineRemoved));
}

#[test]
fn lieu_dit_and_postal_services_go_to_line_5() {
    let r = run(["M Royer", "", "", "", "Lieu-dit Les Granges", "24000 Périgueux"]);
    assert_eq!(r.lines[4], "LIEU DIT LES GRANGES");
    assert_eq!(r.status, RnvpStatus::Valid);
    let r = run(["Société ACME", "", "", "", "B.P. 123", "75008 Paris Cedex 08"]);
    assert_eq!(r.lines[4], "BP 123");
    assert_eq!(r.lines[5], "75008 PARIS CEDEX 08");
}

#[test]
fn cedex_codes_absent_from_the_base_are_accepted_in_the_right_department() {
    let r = run(["", "", "", "", "BP 45", "13395 Marseille Cedex 10"]);
    assert_eq!(r.lines[5], "13395 MARSEILLE CEDEX 10");
    assert!(has(&r, R::CedexCodeAccepted));
    assert_eq!(r.status, RnvpStatus::Valid);
    // Wrong department for the locality: not accepted.
    let r = run(["", "", "", "", "BP 45", "33395 Marseille Cedex 10"]);
    assert_eq!(r.status, RnvpStatus::Invalid);
}

#[test]
fn misspelt_locality_is_corrected_from_the_postal_code() {
    let r = run(["", "", "", "4 rue de la Paix", "", "33000 Bordaux"]);
    assert_eq!(r.lines[5], "33000 BORDEAUX");
    assert!(has(&r, R::LocalityCorrected));
    assert_eq!(r.status, RnvpStatus::Corrected);
}

#[test]
fn wrong_postal_code_is_corrected_from_an_unambiguous_locality() {
    let r = run(["", "", "", "14 rue Thiers", "", "69500 Villeurbanne"]);
    assert_eq!(r.lines[5], "69100 VILLEURBANNE");
    assert!(has(&r, R::PostalCodeCorrected));
    // Toulouse has several codes: no guess.
    let r = run(["", "", "", "6 rue de la Gare", "", "13001 Toulouse"]);
    assert_eq!(r.status, RnvpStatus::Invalid);
    assert!(has(&r, R::LocalityPostalCodeMismatch));
}

#[test]
fn missing_postal_code_is_completed_only_when_unambiguous() {
    let r = run(["", "", "", "6 rue Carnot", "", "Villeurbanne"]);
    assert_eq!(r.lines[5], "69100 VILLEURBANNE");
    assert!(has(&r, R::PostalCodeCompleted));
    let r = run(["", "", "", "2 rue Gambetta", "", "Toulouse"]);
    assert!(has(&r, R::PostalCodeAmbiguous));
    assert_eq!(r.status, RnvpStatus::Invalid);
}

#[test]
fn a_missing_postal_code_is_completed_when_the_delivery_label_is_unique() {
    // Boulogne-Billancourt has two rows: 92100 under its own label, and 75016 under the label
    // PARIS (a part of the commune served from Paris). Only one label is the name written.
    let r = run(["", "", "", "88 rue de Paris", "", "Boulogne-Billancourt"]);
    assert_eq!(r.lines[5], "92100 BOULOGNE BILLANCOURT");
    assert!(has(&r, R::PostalCodeCompleted));
    assert_eq!(r.status, RnvpStatus::Corrected);
    // Several codes under the one label: still no guess.
    let r = run(["", "", "", "2 rue Gambetta", "", "Toulouse"]);
    assert!(has(&r, R::PostalCodeAmbiguous));
}

#[test]
fn a_locality_rewritten_in_full_is_a_correction() {
    let r = run(["", "", "", "12 rue Émile Zola", "", "42000 St Etienne"]);
    assert_eq!(r.lines[5], "42000 SAINT ETIENNE");
    assert!(has(&r, R::LocalityCorrected));
    assert_eq!(r.status, RnvpStatus::Corrected);
    let r = run(["", "", "", "3 rue Jacques Cartier", "", "35400 St-Malo"]);
    assert_eq!((r.lines[5].as_str(), r.status), ("35400 SAINT MALO", RnvpStatus::Corrected));
    // Written as the base writes it, accents and hyphens aside: nothing was corrected.
    let r = run(["", "", "", "12 rue Émile Zola", "", "42000 Saint-Étienne"]);
    assert_eq!((r.lines[5].as_str(), r.status), ("42000 SAINT ETIENNE", RnvpStatus::Valid));
}

#[test]
fn faubourg_abbreviated_in_a_street_name_is_written_in_full() {
    let r = run(["", "", "", "12 rue du Fg Saint-Honoré", "", "75008 Paris"]);
    assert_eq!(r.lines[3], "12 RUE DU FAUBOURG SAINT HONORE");
    assert!(has(&r, R::AbbreviationExpanded));
    let r = run(["", "", "", "45 r. du Fbg St-Antoine", "", "75011 Paris"]);
    assert_eq!(r.lines[3], "45 RUE DU FAUBOURG SAINT ANTOINE");
    let r = run(["", "", "", "3 fbg de Paris", "", "59300 Valenciennes"]);
    assert_eq!(r.lines[3], "3 FAUBOURG DE PARIS");
}

#[test]
fn arrondissements_of_paris_lyon_marseille() {
    let r = run(["", "", "", "10 rue de Rivoli", "", "75000 Paris 1er"]);
    assert_eq!(r.lines[5], "75001 PARIS");
    assert!(has(&r, R::PostalCodeCorrected));
    let r = run(["", "", "", "4 rue de la Roquette", "", "75011 PARIS 11EME"]);
    assert_eq!(r.lines[5], "75011 PARIS");
    assert_eq!(r.status, RnvpStatus::Valid);
    let r = run(["", "", "", "8 rue Marietton", "", "Lyon 9ème arrondissement"]);
    assert_eq!(r.lines[5], "69009 LYON");
    let r = run(["", "", "", "6 rue Paradis", "", "13000 Marseille 6"]);
    assert_eq!(r.lines[5], "13006 MARSEILLE");
    let r = run(["", "", "", "7 rue Oberkampf", "", "75011 Paris 12"]);
    assert!(has(&r, R::ArrondissementMismatch));
    let r = run(["", "", "", "8 rue Pasteur", "", "75000 Paris"]);
    assert!(has(&r, R::PostalCodeAmbiguous));
}

#[test]
fn overseas_and_corsica() {
    let r = run(["", "", "", "12 rue de Paris", "", "97400 Saint-Denis"]);
    assert_eq!((r.lines[5].as_str(), r.status), ("97400 SAINT DENIS", RnvpStatus::Valid));
    let r = run(["", "", "", "9 rue Jean Jaurès", "", "97139 Abymes"]);
    assert_eq!(r.lines[5], "97139 LES ABYMES");
    let r = run(["", "", "", "8 avenue Napoléon III", "", "2A000 Ajaccio"]);
    assert_eq!(r.lines[5], "20000 AJACCIO");
    assert!(has(&r, R::PostalCodeCorrected));
    let r = run(["", "", "", "6 route du Cap", "", "20 200 Bastia"]);
    assert_eq!((r.lines[5].as_str(), r.status), ("20200 BASTIA", RnvpStatus::Valid));
}

#[test]
fn leading_zero_lost_by_a_spreadsheet_is_restored() {
    let r = run(["", "", "", "4 rue des Roses", "", "1000 Bourg en Bresse"]);
    assert_eq!(r.lines[5], "01000 BOURG EN BRESSE");
    assert!(has(&r, R::PostalCodeLeadingZeroRestored));
}

#[test]
fn nothing_to_deliver_to() {
    let r = run(["", "", "", "", "", ""]);
    assert_eq!(r.status, RnvpStatus::Invalid);
    assert!(has(&r, R::StreetMissing) && has(&r, R::PostalCodeMissing));
    let r = rnvp(&["a", "b", "c", "d", "e", "f", "g"]);
    assert!(has(&r, R::TooManyLines));
}

#[test]
fn odd_inputs_never_panic() {
    let odd = [
        "",
        " ",
        "🙂",
        "،؛",
        "N",
        "N°",
        "12",
        "CEDEX",
        "CEDEX 12",
        "F",
        "FR 2A",
        "2A",
        "2B999",
        "00000",
        "99999 X",
        "7500",
        "75 0",
        "PARIS 99",
        "LYON 0",
        "ß",
        "ŒŒŒ",
        "B P",
        "C/O",
        "RUE",
        "12 R",
        "1 BIS",
        "A",
        "LE",
        "LES",
        "&&&",
        "----",
        "'''",
        "\u{0}",
        "\t\n",
        &"X".repeat(500),
        &"12 RUE ".repeat(50),
    ];
    for a in odd {
        for b in odd.iter().step_by(7) {
            let r = rnvp(&[a, b, a, b, a, b]);
            let _ = r.reasons.join("|");
            let r = rnvp(&[b, "", "", a, "", a]);
            let _ = r.status;
        }
    }
}

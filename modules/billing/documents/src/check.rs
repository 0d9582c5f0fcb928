//! Offline checks of a CII XML against the EN 16931 business rules that need no schematron
//! files: required elements, totals, VAT breakdown, decimals, date formats, and the French
//! rule that a credit note references the invoice it corrects.
//!
//! Elements are matched by local name (any namespace prefix).

use std::str::FromStr;

use quick_xml::Reader;
use quick_xml::events::Event;
use rust_decimal::Decimal;
use serde::Serialize;

/// One business rule broken, named by its identifier: "BR-CO-15", "BR-S-09", "BR-FR-CO-05"…
/// (`CII-XML`: not well-formed; `CII-DATE-102`: a date not in format 102; `CII-NUM`: a number
/// that does not parse — syntax rules of this crate.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleViolation {
    pub rule: &'static str,
    pub message: String,
}

impl std::fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} : {}", self.rule, self.message)
    }
}

/// A minimal element tree.
#[derive(Default, Debug)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_owned(),
        None => name.into_owned(),
    }
}

fn parse(xml: &str) -> Result<Node, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Node> = vec![Node::default()];
    loop {
        let event = reader.read_event().map_err(|e| format!("position {} : {e}", reader.error_position()))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                let mut node = Node { name: local(start.name().as_ref()), ..Node::default() };
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| e.to_string())?;
                    let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| e.to_string())?;
                    node.attrs.push((local(attr.key.as_ref()), value.into_owned()));
                }
                if empty {
                    stack.last_mut().expect("root").children.push(node);
                } else {
                    stack.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().expect("balanced by the reader");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Err("balise fermante en trop".into()),
                }
            }
            Event::Text(text) => {
                // Entity references come as separate `GeneralRef` events.
                let text = text.xml10_content().map_err(|e| e.to_string())?;
                stack.last_mut().expect("root").text.push_str(&text);
            }
            Event::GeneralRef(reference) => {
                let name = reference.decode().map_err(|e| e.to_string())?;
                let resolved = match name.as_ref() {
                    "amp" => "&".to_owned(),
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    other => match reference.resolve_char_ref().map_err(|e| e.to_string())? {
                        Some(c) => c.to_string(),
                        None => return Err(format!("entité inconnue &{other};")),
                    },
                };
                stack.last_mut().expect("root").text.push_str(&resolved);
            }
            Event::CData(data) => {
                stack.last_mut().expect("root").text.push_str(&String::from_utf8_lossy(&data));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("document XML incomplet".into());
    }
    let mut document = stack.pop().expect("document");
    match document.children.len() {
        1 => Ok(document.children.remove(0)),
        _ => Err("un seul élément racine attendu".into()),
    }
}

impl Node {
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The element at `path` (local names separated by '/').
    fn at(&self, path: &str) -> Option<&Node> {
        path.split('/').try_fold(self, |node, name| node.child(name))
    }

    /// The trimmed, non-empty text at `path`.
    fn text_at(&self, path: &str) -> Option<&str> {
        self.at(path).map(|n| n.text.trim()).filter(|t| !t.is_empty())
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn walk<'a>(&'a self, out: &mut Vec<&'a Node>) {
        out.push(self);
        for c in &self.children {
            c.walk(out);
        }
    }
}

struct Checker {
    violations: Vec<RuleViolation>,
}

impl Checker {
    fn fail(&mut self, rule: &'static str, message: impl Into<String>) {
        self.violations.push(RuleViolation { rule, message: message.into() });
    }

    fn require<'a>(&mut self, rule: &'static str, node: &'a Node, path: &str, what: &str) -> Option<&'a str> {
        let found = node.text_at(path);
        if found.is_none() {
            self.fail(rule, format!("{what} absent ({path})"));
        }
        found
    }

    /// A decimal at `path`; `dec_rule` checks at most two decimals when given.
    fn amount(&mut self, node: &Node, path: &str, dec_rule: Option<&'static str>) -> Option<Decimal> {
        let text = node.text_at(path)?;
        match Decimal::from_str(text) {
            Ok(value) => {
                if let Some(rule) = dec_rule
                    && value.scale() > 2
                {
                    self.fail(rule, format!("{path} = {text} : au plus deux décimales"));
                }
                Some(value)
            }
            Err(_) => {
                self.fail("CII-NUM", format!("{path} = « {text} » n'est pas un nombre"));
                None
            }
        }
    }
}

/// Whether a tax amount is `basis × rate / 100` rounded to the cent (either rounding of a tie).
fn tax_matches(tax: Decimal, basis: Decimal, rate: Decimal) -> bool {
    let exact = basis * rate / Decimal::ONE_HUNDRED;
    (tax - exact).abs() <= Decimal::new(5, 3)
}

const CREDIT_NOTE_CODES: [&str; 5] = ["261", "381", "396", "502", "503"];

/// Checks a CII XML offline against the EN 16931 rules that need no schematron:
/// - BR-01..BR-16 required elements (specification identifier, number, issue date, type
///   code, currency, seller and buyer names and postal addresses with their countries,
///   totals, at least one line), BR-21..BR-27 line elements, BR-S-02 seller VAT identifier;
/// - BR-CO-10 Σ line net amounts = LineTotalAmount; BR-CO-13 TaxBasisTotal = LineTotal −
///   allowances + charges; BR-CO-14 TaxTotal = Σ VAT category tax; BR-CO-15 GrandTotal =
///   TaxBasisTotal + TaxTotal; BR-CO-16 DuePayable = GrandTotal − Prepaid (+ rounding);
///   BR-CO-18 a VAT breakdown; BR-CO-25 a due date or payment terms when something is due;
/// - BR-S-05 a standard-rated line has a rate; BR-S-08 basis per rate = Σ lines (+ charges −
///   allowances); BR-S-09 tax = basis × rate, rounded to the cent;
/// - BR-DEC-xx at most two decimals for amounts; CII-DATE-102 dates in format 102;
/// - BR-FR-CO-05 a credit note references the invoice (or contract) it corrects.
pub fn check_cii(xml: &str) -> Result<(), Vec<RuleViolation>> {
    let root = match parse(xml) {
        Ok(root) => root,
        Err(e) => return Err(vec![RuleViolation { rule: "CII-XML", message: format!("XML mal formé : {e}") }]),
    };
    let mut c = Checker { violations: Vec::new() };
    if root.name != "CrossIndustryInvoice" {
        c.fail("CII-XML", format!("racine {} au lieu de CrossIndustryInvoice", root.name));
        return Err(c.violations);
    }

    c.require(
        "BR-01",
        &root,
        "ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID",
        "identifiant de spécification",
    );
    c.require("BR-02", &root, "ExchangedDocument/ID", "numéro de facture");
    c.require("BR-03", &root, "ExchangedDocument/IssueDateTime/DateTimeString", "date d'émission");
    let type_code = c.require("BR-04", &root, "ExchangedDocument/TypeCode", "code de type");

    let tx = root.child("SupplyChainTradeTransaction");
    let empty = Node::default();
    let tx = tx.unwrap_or(&empty);
    let agreement = tx.child("ApplicableHeaderTradeAgreement").unwrap_or(&empty);
    let settlement = tx.child("ApplicableHeaderTradeSettlement").unwrap_or(&empty);

    let currency = c.require("BR-05", settlement, "InvoiceCurrencyCode", "devise");
    c.require("BR-06", agreement, "SellerTradeParty/Name", "nom du vendeur");
    c.require("BR-07", agreement, "BuyerTradeParty/Name", "nom de l'acheteur");
    if agreement.at("SellerTradeParty/PostalTradeAddress").is_none() {
        c.fail("BR-08", "adresse postale du vendeur absente");
    } else {
        c.require("BR-09", agreement, "SellerTradeParty/PostalTradeAddress/CountryID", "pays du vendeur");
    }
    if agreement.at("BuyerTradeParty/PostalTradeAddress").is_none() {
        c.fail("BR-10", "adresse postale de l'acheteur absente");
    } else {
        c.require("BR-11", agreement, "BuyerTradeParty/PostalTradeAddress/CountryID", "pays de l'acheteur");
    }

    // Lines.
    let lines: Vec<&Node> = tx.children("IncludedSupplyChainTradeLineItem").collect();
    if lines.is_empty() {
        c.fail("BR-16", "aucune ligne de facture");
    }
    let mut line_sum = Decimal::ZERO;
    // (category, rate) → Σ line net amounts.
    let mut per_category: Vec<(String, Decimal, Decimal)> = Vec::new();
    let add = |per_category: &mut Vec<(String, Decimal, Decimal)>, cat: &str, rate: Decimal, amount: Decimal| {
        match per_category.iter_mut().find(|(k, r, _)| k == cat && *r == rate) {
            Some((_, _, sum)) => *sum += amount,
            None => per_category.push((cat.to_owned(), rate, amount)),
        }
    };
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        if line.text_at("AssociatedDocumentLineDocument/LineID").is_none() {
            c.fail("BR-21", format!("ligne {n} : identifiant absent"));
        }
        match line.at("SpecifiedLineTradeDelivery/BilledQuantity") {
            Some(q) if !q.text.trim().is_empty() => {
                if q.attr("unitCode").is_none_or(|u| u.trim().is_empty()) {
                    c.fail("BR-23", format!("ligne {n} : unité de mesure absente"));
                }
            }
            _ => c.fail("BR-22", format!("ligne {n} : quantité absente")),
        }
        if line.text_at("SpecifiedTradeProduct/Name").is_none() {
            c.fail("BR-25", format!("ligne {n} : désignation absente"));
        }
        match c.amount(line, "SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount", None) {
            None if line.text_at("SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount").is_none() => {
                c.fail("BR-26", format!("ligne {n} : prix net absent"));
            }
            Some(price) if price.is_sign_negative() && !price.is_zero() => {
                c.fail("BR-27", format!("ligne {n} : prix net négatif"));
            }
            _ => {}
        }
        let path = "SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount";
        let amount = match c.amount(line, path, Some("BR-DEC-23")) {
            Some(a) => a,
            None => {
                if line.text_at(path).is_none() {
                    c.fail("BR-24", format!("ligne {n} : montant net absent"));
                }
                continue;
            }
        };
        line_sum += amount;
        let category = line.text_at("SpecifiedLineTradeSettlement/ApplicableTradeTax/CategoryCode").unwrap_or("");
        let rate = c.amount(line, "SpecifiedLineTradeSettlement/ApplicableTradeTax/RateApplicablePercent", None);
        if category == "S" && rate.is_none_or(|r| r <= Decimal::ZERO) {
            c.fail("BR-S-05", format!("ligne {n} : taux de TVA positif attendu pour la catégorie S"));
        }
        add(&mut per_category, category, rate.unwrap_or_default(), amount);
    }

    // Document-level allowances (false) and charges (true).
    for ac in settlement.children("SpecifiedTradeAllowanceCharge") {
        let charge = ac.text_at("ChargeIndicator/Indicator") == Some("true");
        let Some(amount) = c.amount(ac, "ActualAmount", Some("BR-DEC-01")) else { continue };
        let category = ac.text_at("CategoryTradeTax/CategoryCode").unwrap_or("");
        let rate = c.amount(ac, "CategoryTradeTax/RateApplicablePercent", None).unwrap_or_default();
        add(&mut per_category, category, rate, if charge { amount } else { -amount });
    }

    // Totals.
    let sums = "SpecifiedTradeSettlementHeaderMonetarySummation";
    let line_total = c.amount(settlement, &format!("{sums}/LineTotalAmount"), Some("BR-DEC-09"));
    let allowances = c.amount(settlement, &format!("{sums}/AllowanceTotalAmount"), Some("BR-DEC-10"));
    let charges = c.amount(settlement, &format!("{sums}/ChargeTotalAmount"), Some("BR-DEC-11"));
    let basis_total = c.amount(settlement, &format!("{sums}/TaxBasisTotalAmount"), Some("BR-DEC-12"));
    let grand_total = c.amount(settlement, &format!("{sums}/GrandTotalAmount"), Some("BR-DEC-14"));
    let prepaid = c.amount(settlement, &format!("{sums}/TotalPrepaidAmount"), Some("BR-DEC-16"));
    let rounding = c.amount(settlement, &format!("{sums}/RoundingAmount"), Some("BR-DEC-17"));
    let due = c.amount(settlement, &format!("{sums}/DuePayableAmount"), Some("BR-DEC-18"));
    // BT-110 is the TaxTotalAmount in the invoice currency.
    let mut tax_total = None;
    if let Some(summation) = settlement.child(sums) {
        for t in summation.children("TaxTotalAmount") {
            if t.attr("currencyID").is_none() || t.attr("currencyID") == currency {
                match Decimal::from_str(t.text.trim()) {
                    Ok(v) => {
                        if v.scale() > 2 {
                            c.fail("BR-DEC-13", format!("TaxTotalAmount = {v} : au plus deux décimales"));
                        }
                        tax_total = Some(v);
                    }
                    Err(_) => c.fail("CII-NUM", format!("TaxTotalAmount = « {} » n'est pas un nombre", t.text.trim())),
                }
            }
        }
    }
    for (rule, value, what) in [
        ("BR-12", line_total, "LineTotalAmount"),
        ("BR-13", basis_total, "TaxBasisTotalAmount"),
        ("BR-14", grand_total, "GrandTotalAmount"),
        ("BR-15", due, "DuePayableAmount"),
    ] {
        if value.is_none() && settlement.text_at(&format!("{sums}/{what}")).is_none() {
            c.fail(rule, format!("{what} absent"));
        }
    }
    if let Some(line_total) = line_total
        && line_total != line_sum
    {
        c.fail("BR-CO-10", format!("somme des lignes {line_sum} ≠ LineTotalAmount {line_total}"));
    }
    if let (Some(line_total), Some(basis_total)) = (line_total, basis_total) {
        let expected = line_total - allowances.unwrap_or_default() + charges.unwrap_or_default();
        if expected != basis_total {
            c.fail("BR-CO-13", format!("TaxBasisTotalAmount {basis_total} ≠ {expected} (lignes − remises + frais)"));
        }
    }
    let breakdown: Vec<&Node> = settlement.children("ApplicableTradeTax").collect();
    if breakdown.is_empty() {
        c.fail("BR-CO-18", "aucune ventilation de TVA");
    }
    let mut category_tax_sum = Decimal::ZERO;
    for tax in &breakdown {
        let category = tax.text_at("CategoryCode").unwrap_or("");
        let basis = c.amount(tax, "BasisAmount", Some("BR-DEC-19"));
        let amount = c.amount(tax, "CalculatedAmount", Some("BR-DEC-20"));
        let rate = c.amount(tax, "RateApplicablePercent", None);
        category_tax_sum += amount.unwrap_or_default();
        if category == "S" {
            let rate = rate.unwrap_or_default();
            if let Some(basis) = basis {
                let expected = per_category
                    .iter()
                    .find(|(k, r, _)| k == "S" && *r == rate)
                    .map(|(_, _, sum)| *sum)
                    .unwrap_or_default();
                if basis != expected {
                    c.fail("BR-S-08", format!("base TVA à {rate} % : {basis} ≠ somme des lignes {expected}"));
                }
                if let Some(amount) = amount
                    && !tax_matches(amount, basis, rate)
                {
                    c.fail("BR-S-09", format!("TVA {amount} ≠ {basis} × {rate} % arrondi au centime"));
                }
            }
        }
    }
    if breakdown.iter().any(|t| t.text_at("CategoryCode") == Some("S"))
        && agreement.text_at("SellerTradeParty/SpecifiedTaxRegistration/ID").is_none()
    {
        c.fail("BR-S-02", "numéro de TVA du vendeur absent pour une facture soumise à TVA");
    }
    if !breakdown.is_empty() && tax_total.unwrap_or_default() != category_tax_sum {
        c.fail(
            "BR-CO-14",
            format!(
                "TaxTotalAmount {} ≠ somme des TVA par catégorie {category_tax_sum}",
                tax_total.unwrap_or_default()
            ),
        );
    }
    if let (Some(grand), Some(basis_total)) = (grand_total, basis_total) {
        let expected = basis_total + tax_total.unwrap_or_default();
        if grand != expected {
            c.fail("BR-CO-15", format!("GrandTotalAmount {grand} ≠ TaxBasisTotalAmount + TaxTotalAmount = {expected}"));
        }
    }
    if let (Some(due), Some(grand)) = (due, grand_total) {
        let expected = grand - prepaid.unwrap_or_default() + rounding.unwrap_or_default();
        if due != expected {
            c.fail("BR-CO-16", format!("DuePayableAmount {due} ≠ GrandTotalAmount − TotalPrepaidAmount = {expected}"));
        }
        if due > Decimal::ZERO
            && settlement.text_at("SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString").is_none()
            && settlement.text_at("SpecifiedTradePaymentTerms/Description").is_none()
        {
            c.fail("BR-CO-25", "montant dû positif sans date d'échéance ni conditions de paiement");
        }
    }

    // Dates: format 102 (YYYYMMDD).
    let mut all = Vec::new();
    root.walk(&mut all);
    for node in all.iter().filter(|n| n.name == "DateTimeString") {
        let text = node.text.trim();
        let valid = node.attr("format") == Some("102")
            && text.len() == 8
            && chrono::NaiveDate::parse_from_str(text, "%Y%m%d").is_ok();
        if !valid {
            c.fail("CII-DATE-102", format!("date « {text} » : format 102 (AAAAMMJJ) attendu"));
        }
    }

    // French rule: a credit note names the invoice it corrects (BT-25) or the contract (BT-12).
    if let Some(code) = type_code
        && CREDIT_NOTE_CODES.contains(&code)
        && settlement.text_at("InvoiceReferencedDocument/IssuerAssignedID").is_none()
        && agreement.text_at("ContractReferencedDocument/IssuerAssignedID").is_none()
    {
        c.fail("BR-FR-CO-05", "un avoir doit référencer la facture qu'il corrige (BT-25)");
    }

    if c.violations.is_empty() { Ok(()) } else { Err(c.violations) }
}

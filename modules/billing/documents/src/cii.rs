//! The EN 16931 (Factur-X profile "EN 16931") Cross Industry Invoice XML, written with
//! quick-xml so that every text is escaped. Elements follow the order of the CII D16B schema.

use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::format::{amount_xml, date_xml, iban_compact, min_two_decimals, siren_compact};
use crate::mentions::{NO_DISCOUNT, PENALTIES, RECOVERY_INDEMNITY, VAT_ON_DEBITS, lines_total};
use crate::{DocumentKind, InvoiceDocument, Party};

/// BT-24, the specification identifier of the EN 16931 profile.
pub(crate) const EN16931_ID: &str = "urn:cen.eu:en16931:2017";
/// BT-23, the French "cadre de facturation": S1, an invoice for services.
pub(crate) const BUSINESS_PROCESS: &str = "S1";

const NS: [(&str, &str); 4] = [
    ("xmlns:rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"),
    ("xmlns:qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"),
    ("xmlns:ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"),
    ("xmlns:udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"),
];

/// The UN/ECE recommendation 20 code of a printed unit: C62 ("one", a unit) unless the unit
/// is a known duration ("heure" HUR, "jour" DAY, "mois" MON, "an" ANN) or a lump sum
/// ("forfait" LS).
pub fn unit_code(unit: &str) -> &'static str {
    match unit.trim().to_lowercase().as_str() {
        "h" | "heure" | "heures" => "HUR",
        "j" | "jour" | "jours" => "DAY",
        "mois" => "MON",
        "an" | "ans" | "année" | "années" => "ANN",
        "forfait" => "LS",
        _ => "C62",
    }
}

/// Drops the characters XML 1.0 cannot carry (control characters other than tab and
/// newlines); quick-xml escapes the rest.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    if text.contains(bad) { text.chars().filter(|&c| !bad(c)).collect::<String>().into() } else { text.into() }
}

struct Xml(Writer<Vec<u8>>);

impl Xml {
    fn event(&mut self, event: Event<'_>) {
        // Writing into a Vec cannot fail.
        self.0.write_event(event).expect("in-memory XML writer");
    }

    fn open(&mut self, name: &str) {
        self.event(Event::Start(BytesStart::new(name)));
    }

    fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn leaf_attr(&mut self, name: &str, attr: Option<(&str, &str)>, text: &str) {
        let mut start = BytesStart::new(name);
        if let Some(attr) = attr {
            start.push_attribute(attr);
        }
        self.event(Event::Start(start));
        // `<`, `>` and `&` escaped; quotes need no escape in text.
        self.event(Event::Text(BytesText::from_escaped(partial_escape(clean(text)))));
        self.close(name);
    }

    fn leaf(&mut self, name: &str, text: &str) {
        self.leaf_attr(name, None, text);
    }

    fn empty(&mut self, name: &str) {
        self.event(Event::Empty(BytesStart::new(name)));
    }

    /// `<name><udt:DateTimeString format="102">YYYYMMDD</…></name>`.
    fn date(&mut self, name: &str, prefix: &str, date: chrono::NaiveDate) {
        self.open(name);
        self.leaf_attr(&format!("{prefix}:DateTimeString"), Some(("format", "102")), &date_xml(date));
        self.close(name);
    }

    fn note(&mut self, content: &str, subject: Option<&str>) {
        self.open("ram:IncludedNote");
        self.leaf("ram:Content", content);
        if let Some(subject) = subject {
            self.leaf("ram:SubjectCode", subject);
        }
        self.close("ram:IncludedNote");
    }

    fn party(&mut self, element: &str, party: &Party, seller: bool) {
        self.open(element);
        self.leaf("ram:Name", party.name.trim());
        if seller {
            // BT-33, the seller's additional legal information.
            let legal: Vec<&str> = [&party.legal_form_and_capital, &party.rcs]
                .into_iter()
                .flatten()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            if !legal.is_empty() {
                self.leaf("ram:Description", &legal.join(" — "));
            }
        }
        if let Some(siren) = &party.siren {
            self.open("ram:SpecifiedLegalOrganization");
            self.leaf_attr("ram:ID", Some(("schemeID", "0002")), &siren_compact(siren));
            self.close("ram:SpecifiedLegalOrganization");
        }
        self.open("ram:PostalTradeAddress");
        self.leaf("ram:PostcodeCode", party.postcode.trim());
        let lines: Vec<&str> = party.address_lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
        // CII has three address lines: the third one takes whatever is left.
        for (i, tag) in ["ram:LineOne", "ram:LineTwo"].into_iter().enumerate() {
            if let Some(line) = lines.get(i) {
                self.leaf(tag, line);
            }
        }
        if lines.len() > 2 {
            self.leaf("ram:LineThree", &lines[2..].join(", "));
        }
        self.leaf("ram:CityName", party.city.trim());
        self.leaf("ram:CountryID", party.country_code.trim());
        self.close("ram:PostalTradeAddress");
        if let Some(email) = &party.email {
            self.open("ram:URIUniversalCommunication");
            self.leaf_attr("ram:URIID", Some(("schemeID", "EM")), email.trim());
            self.close("ram:URIUniversalCommunication");
        }
        if let Some(vat) = &party.vat_number {
            self.open("ram:SpecifiedTaxRegistration");
            self.leaf_attr("ram:ID", Some(("schemeID", "VA")), &vat.split_whitespace().collect::<String>());
            self.close("ram:SpecifiedTaxRegistration");
        }
        self.close(element);
    }
}

/// The EN 16931 CII XML of `doc` (Factur-X profile EN 16931), UTF-8, as attached to the
/// Factur-X PDF under the name `factur-x.xml`. Dates use format 102 (YYYYMMDD), amounts two
/// decimals with a dot, one VAT breakdown (category S at `vat_rate`).
///
/// The XML mirrors the document as given; [`crate::validate`] (run by the renderer) and
/// [`crate::check_cii`] tell whether it is consistent.
pub fn cii_xml(doc: &InvoiceDocument) -> String {
    let mut x = Xml(Writer::new_with_indent(Vec::with_capacity(8 * 1024), b' ', 2));
    x.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut root = BytesStart::new("rsm:CrossIndustryInvoice");
    for ns in NS {
        root.push_attribute(ns);
    }
    x.event(Event::Start(root));

    x.open("rsm:ExchangedDocumentContext");
    x.open("ram:BusinessProcessSpecifiedDocumentContextParameter");
    x.leaf("ram:ID", BUSINESS_PROCESS);
    x.close("ram:BusinessProcessSpecifiedDocumentContextParameter");
    x.open("ram:GuidelineSpecifiedDocumentContextParameter");
    x.leaf("ram:ID", EN16931_ID);
    x.close("ram:GuidelineSpecifiedDocumentContextParameter");
    x.close("rsm:ExchangedDocumentContext");

    x.open("rsm:ExchangedDocument");
    x.leaf("ram:ID", doc.number.trim());
    x.leaf("ram:TypeCode", doc.kind.type_code());
    x.date("ram:IssueDateTime", "udt", doc.issue_date);
    // The French mentions that EN 16931 carries as notes (UNTDID 4451 subject codes).
    x.note(PENALTIES, Some("PMD"));
    x.note(RECOVERY_INDEMNITY, Some("PMT"));
    x.note(NO_DISCOUNT, Some("AAB"));
    if doc.vat_on_debits {
        x.note(VAT_ON_DEBITS, Some("TXD"));
    }
    for note in doc.notes.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        x.note(note, Some("AAI"));
    }
    x.close("rsm:ExchangedDocument");

    x.open("rsm:SupplyChainTradeTransaction");
    let rate = min_two_decimals(doc.vat_rate).to_string();
    for (i, line) in doc.lines.iter().enumerate() {
        x.open("ram:IncludedSupplyChainTradeLineItem");
        x.open("ram:AssociatedDocumentLineDocument");
        x.leaf("ram:LineID", &(i + 1).to_string());
        x.close("ram:AssociatedDocumentLineDocument");
        x.open("ram:SpecifiedTradeProduct");
        x.leaf("ram:Name", line.label.trim());
        x.close("ram:SpecifiedTradeProduct");
        x.open("ram:SpecifiedLineTradeAgreement");
        x.open("ram:NetPriceProductTradePrice");
        x.leaf("ram:ChargeAmount", &min_two_decimals(line.unit_price).to_string());
        x.close("ram:NetPriceProductTradePrice");
        x.close("ram:SpecifiedLineTradeAgreement");
        x.open("ram:SpecifiedLineTradeDelivery");
        x.leaf_attr(
            "ram:BilledQuantity",
            Some(("unitCode", unit_code(&line.unit))),
            &line.quantity.normalize().to_string(),
        );
        x.close("ram:SpecifiedLineTradeDelivery");
        x.open("ram:SpecifiedLineTradeSettlement");
        x.open("ram:ApplicableTradeTax");
        x.leaf("ram:TypeCode", "VAT");
        x.leaf("ram:CategoryCode", "S");
        x.leaf("ram:RateApplicablePercent", &rate);
        x.close("ram:ApplicableTradeTax");
        x.open("ram:SpecifiedTradeSettlementLineMonetarySummation");
        x.leaf("ram:LineTotalAmount", &amount_xml(line.amount_excluding_tax));
        x.close("ram:SpecifiedTradeSettlementLineMonetarySummation");
        x.close("ram:SpecifiedLineTradeSettlement");
        x.close("ram:IncludedSupplyChainTradeLineItem");
    }

    x.open("ram:ApplicableHeaderTradeAgreement");
    x.party("ram:SellerTradeParty", &doc.seller, true);
    x.party("ram:BuyerTradeParty", &doc.buyer, false);
    x.close("ram:ApplicableHeaderTradeAgreement");

    // Services: no delivery; the service period is the billing period (BG-14) below.
    x.empty("ram:ApplicableHeaderTradeDelivery");

    x.open("ram:ApplicableHeaderTradeSettlement");
    x.leaf("ram:PaymentReference", doc.number.trim());
    x.leaf("ram:InvoiceCurrencyCode", "EUR");
    if let Some(iban) = &doc.iban {
        x.open("ram:SpecifiedTradeSettlementPaymentMeans");
        x.leaf("ram:TypeCode", "58");
        x.leaf("ram:Information", "Virement SEPA");
        x.open("ram:PayeePartyCreditorFinancialAccount");
        x.leaf("ram:IBANID", &iban_compact(iban));
        x.close("ram:PayeePartyCreditorFinancialAccount");
        if let Some(bic) = &doc.bic {
            x.open("ram:PayeeSpecifiedCreditorFinancialInstitution");
            x.leaf("ram:BICID", bic.trim());
            x.close("ram:PayeeSpecifiedCreditorFinancialInstitution");
        }
        x.close("ram:SpecifiedTradeSettlementPaymentMeans");
    }
    x.open("ram:ApplicableTradeTax");
    x.leaf("ram:CalculatedAmount", &amount_xml(doc.vat_amount));
    x.leaf("ram:TypeCode", "VAT");
    x.leaf("ram:BasisAmount", &amount_xml(doc.total_excluding_tax));
    x.leaf("ram:CategoryCode", "S");
    if doc.vat_on_debits {
        // BT-8 (UNTDID 2475): 5 = VAT due at the invoice date, i.e. on debits.
        x.leaf("ram:DueDateTypeCode", "5");
    }
    x.leaf("ram:RateApplicablePercent", &rate);
    x.close("ram:ApplicableTradeTax");
    x.open("ram:BillingSpecifiedPeriod");
    x.date("ram:StartDateTime", "udt", doc.period.0);
    x.date("ram:EndDateTime", "udt", doc.period.1);
    x.close("ram:BillingSpecifiedPeriod");
    x.open("ram:SpecifiedTradePaymentTerms");
    x.leaf("ram:Description", doc.payment_terms.trim());
    x.date("ram:DueDateDateTime", "udt", doc.due_date);
    x.close("ram:SpecifiedTradePaymentTerms");
    x.open("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
    x.leaf("ram:LineTotalAmount", &amount_xml(lines_total(doc)));
    x.leaf("ram:TaxBasisTotalAmount", &amount_xml(doc.total_excluding_tax));
    x.leaf_attr("ram:TaxTotalAmount", Some(("currencyID", "EUR")), &amount_xml(doc.vat_amount));
    x.leaf("ram:GrandTotalAmount", &amount_xml(doc.total_including_tax));
    x.leaf("ram:TotalPrepaidAmount", &amount_xml(doc.amount_paid));
    x.leaf("ram:DuePayableAmount", &amount_xml(doc.total_including_tax - doc.amount_paid));
    x.close("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
    if doc.kind == DocumentKind::CreditNote
        && let Some(corrected) = &doc.corrects
    {
        x.open("ram:InvoiceReferencedDocument");
        x.leaf("ram:IssuerAssignedID", corrected.trim());
        if let Some(date) = doc.corrects_issue_date {
            x.date("ram:FormattedIssueDateTime", "qdt", date);
        }
        x.close("ram:InvoiceReferencedDocument");
    }
    x.close("ram:ApplicableHeaderTradeSettlement");
    x.close("rsm:SupplyChainTradeTransaction");
    x.close("rsm:CrossIndustryInvoice");

    let mut bytes = x.0.into_inner();
    bytes.push(b'\n');
    // Only UTF-8 strings were written.
    String::from_utf8(bytes).expect("UTF-8 XML")
}

//! SMS text rules: GSM 03.38 / UCS-2 encoding, length and segment count, alphanumeric
//! sender ids, and the opt-out ("STOP") mention required for marketing messages in France.

use serde::Serialize;

/// Character encoding an SMS is sent with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Encoding {
    /// GSM 03.38 7-bit default alphabet (with its extension table).
    Gsm7,
    /// UCS-2 (UTF-16 code units), needed as soon as one character is outside GSM 03.38.
    Ucs2,
}

/// Length of an SMS text as the network counts it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SmsLength {
    /// Encoding the text needs.
    pub encoding: Encoding,
    /// Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2.
    pub units: usize,
    /// Number of SMS segments billed (0 for an empty text).
    pub segments: usize,
    /// Capacity of one segment: 160/153 (GSM-7) or 70/67 (UCS-2), single/concatenated.
    pub per_segment: usize,
    /// Units still free in the last segment.
    pub remaining_in_segment: usize,
    /// Characters that forced UCS-2, deduplicated, in order of first appearance.
    pub non_gsm: Vec<char>,
}

/// GSM 03.38 basic character set, in table order (0x1B, the escape, is left out).
const GSM7_BASIC: &str = concat!(
    "@£$¥èéùìòÇ\nØø\rÅå",
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ",
    " !\"#¤%&'()*+,-./",
    "0123456789:;<=>?",
    "¡ABCDEFGHIJKLMNO",
    "PQRSTUVWXYZÄÖÑÜ§",
    "¿abcdefghijklmno",
    "pqrstuvwxyzäöñüà",
);

/// GSM 03.38 extension table: each is sent as escape + code, so 2 septets.
const GSM7_EXTENSION: &str = "\u{0C}^{}\\[~]|€";

/// Septets a character takes in GSM-7, or `None` when it is not in GSM 03.38.
fn gsm7_septets(c: char) -> Option<usize> {
    if GSM7_BASIC.contains(c) {
        Some(1)
    } else if GSM7_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Counts segments by walking characters so that a multi-unit character (GSM-7 extension,
/// UTF-16 surrogate pair) is never split across two segments. Returns (segments, fill of the
/// last segment).
fn concatenated_segments(costs: impl Iterator<Item = usize>, per_segment: usize) -> (usize, usize) {
    let mut segments = 1;
    let mut fill = 0;
    for cost in costs {
        if fill + cost > per_segment {
            segments += 1;
            fill = cost;
        } else {
            fill += cost;
        }
    }
    (segments, fill)
}

/// Measures an SMS text: encoding, units, segments and room left in the last segment.
///
/// An empty text is 0 units and 0 segments (with a full single segment remaining).
pub fn measure(text: &str) -> SmsLength {
    let mut non_gsm: Vec<char> = Vec::new();
    for c in text.chars() {
        if gsm7_septets(c).is_none() && !non_gsm.contains(&c) {
            non_gsm.push(c);
        }
    }
    let (encoding, single, concatenated) =
        if non_gsm.is_empty() { (Encoding::Gsm7, 160, 153) } else { (Encoding::Ucs2, 70, 67) };
    let cost = |c: char| match encoding {
        Encoding::Gsm7 => gsm7_septets(c).unwrap_or(1),
        Encoding::Ucs2 => c.len_utf16(),
    };
    let units: usize = text.chars().map(cost).sum();
    if units <= single {
        return SmsLength {
            encoding,
            units,
            segments: usize::from(units > 0),
            per_segment: single,
            remaining_in_segment: single - units,
            non_gsm,
        };
    }
    let (segments, fill) = concatenated_segments(text.chars().map(cost), concatenated);
    SmsLength {
        encoding,
        units,
        segments,
        per_segment: concatenated,
        remaining_in_segment: concatenated - fill,
        non_gsm,
    }
}

/// Maximum length of an alphanumeric sender id (GSM TP-OA limit).
pub const SENDER_ID_MAX_LEN: usize = 11;

/// A validated alphanumeric SMS sender id: 1 to 11 ASCII letters and digits, at least one letter.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct SenderId(String);

/// Why a sender id was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SenderIdError {
    /// Nothing was given.
    #[error("the sender id is empty")]
    Empty,
    /// More than 11 characters.
    #[error("the sender id has {length} characters, at most 11 are allowed")]
    TooLong {
        /// Number of characters given.
        length: usize,
    },
    /// A character other than an ASCII letter or digit (spaces included).
    #[error("the sender id contains “{character}”: only letters A-Z and digits are allowed")]
    InvalidCharacter {
        /// The first offending character.
        character: char,
    },
    /// Only digits: operators would take it for a phone number.
    #[error("the sender id must contain at least one letter")]
    NoLetter,
}

impl SenderIdError {
    /// The message in French, for the user interface.
    pub fn message_fr(&self) -> String {
        match self {
            SenderIdError::Empty => "L’émetteur est vide.".to_string(),
            SenderIdError::TooLong { length } => {
                format!("L’émetteur compte {length} caractères, {SENDER_ID_MAX_LEN} au maximum sont autorisés.")
            }
            SenderIdError::InvalidCharacter { character } => format!(
                "L’émetteur contient « {character} » : seuls les lettres A-Z (sans accent) et les chiffres sont autorisés."
            ),
            SenderIdError::NoLetter => "L’émetteur doit contenir au moins une lettre.".to_string(),
        }
    }
}

impl SenderId {
    /// Validates a sender id; the input is taken as is (no trimming, so a stray space is refused).
    pub fn parse(raw: &str) -> Result<SenderId, SenderIdError> {
        if raw.is_empty() {
            return Err(SenderIdError::Empty);
        }
        let length = raw.chars().count();
        if length > SENDER_ID_MAX_LEN {
            return Err(SenderIdError::TooLong { length });
        }
        if let Some(character) = raw.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(SenderIdError::InvalidCharacter { character });
        }
        if !raw.chars().any(|c| c.is_ascii_alphabetic()) {
            return Err(SenderIdError::NoLetter);
        }
        Ok(SenderId(raw.to_string()))
    }

    /// The sender id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SenderId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for SenderId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Lowercases and strips French (and common Latin) accents, so "ARRÊT" and "arret" compare equal.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' => out.push('y'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            _ => out.push(c),
        }
    }
    out
}

/// Folded words of a text: runs of letters and digits, everything else is a separator.
fn words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Words that may sit between "STOP" and the short number ("STOP SMS au 36180").
const STOP_FILLERS: &[&str] = &["sms", "au", "a", "par", "envoyez", "envoyer", "tel", "gratuit"];

/// True when `digits` looks like a French short number for opt-out (5 digits starting with 3).
fn is_short_number(digits: &str) -> bool {
    digits.len() == 5 && digits.starts_with('3') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// True when the text already carries an opt-out mention ("STOP au 36180", "Stop SMS 36111",
/// "STOP: 36xxx", "stop au 3xxxx", case-insensitive, accents ignored).
///
/// The mention is the word "stop", at most three filler words ("sms", "au", ...), then a
/// 5-digit short number starting with 3, possibly written in groups ("36 180").
pub fn has_stop_mention(text: &str) -> bool {
    let words = words(text);
    for (i, word) in words.iter().enumerate() {
        // "STOP36180" glued together still counts.
        let mut digits = match word.strip_prefix("stop") {
            Some(rest) if rest.bytes().all(|b| b.is_ascii_digit()) => rest.to_string(),
            _ => continue,
        };
        let mut fillers = 0;
        for next in &words[i + 1..] {
            if next.bytes().all(|b| b.is_ascii_digit()) {
                digits.push_str(next);
                if digits.len() >= 5 {
                    break;
                }
            } else if digits.is_empty() && fillers < 3 && STOP_FILLERS.contains(&next.as_str()) {
                fillers += 1;
            } else {
                break;
            }
        }
        if is_short_number(&digits) {
            return true;
        }
    }
    false
}

/// Appends `mention` (e.g. "STOP au 36180") on a new line when the text has no opt-out mention.
///
/// Trailing whitespace of the text is dropped before the new line so no blank line is left.
pub fn with_stop_mention(text: &str, mention: &str) -> String {
    if has_stop_mention(text) {
        return text.to_string();
    }
    let body = text.trim_end();
    if body.is_empty() { mention.to_string() } else { format!("{body}\n{mention}") }
}

/// Keywords that, alone, ask to stop receiving messages.
const STOP_KEYWORDS: &[&str] = &[
    "stop",
    "stopsms",
    "arret",
    "arreter",
    "desabonner",
    "desabonnement",
    "desabonne",
    "desinscrire",
    "desinscription",
    "unsubscribe",
];

/// Words tolerated around the keyword ("Stop SMS", "STOP merci", "arrêt svp").
const STOP_COMPANIONS: &[&str] = &["sms", "svp", "stp", "merci", "pub", "please", "all", "me"];

/// Recognises an inbound reply asking to stop: "STOP", "stop", "Stop SMS", "ARRET", "ARRÊT",
/// "arrêt", "STOP.", "  stop ", "DESABONNER", "désabonnement", "unsubscribe"...
///
/// The whole message must be the request (trimmed, case and accents and punctuation ignored):
/// one keyword, optionally with polite companions ("merci", "svp", "SMS"). A sentence that
/// merely contains "stop" is not a request.
pub fn is_stop_request(text: &str) -> bool {
    let words = words(text);
    let keywords = words.iter().filter(|w| STOP_KEYWORDS.contains(&w.as_str())).count();
    keywords >= 1 && words.iter().all(|w| STOP_KEYWORDS.contains(&w.as_str()) || STOP_COMPANIONS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bonjour_is_one_gsm7_segment() {
        let m = measure("Bonjour");
        assert_eq!(m.encoding, Encoding::Gsm7);
        assert_eq!(m.units, 7);
        assert_eq!(m.segments, 1);
        assert_eq!(m.per_segment, 160);
        assert_eq!(m.remaining_in_segment, 153);
        assert!(m.non_gsm.is_empty());
    }

    #[test]
    fn empty_text_has_no_segment() {
        let m = measure("");
        assert_eq!(m.encoding, Encoding::Gsm7);
        assert_eq!(m.units, 0);
        assert_eq!(m.segments, 0);
        assert_eq!(m.remaining_in_segment, 160);
    }

    #[test]
    fn gsm7_single_segment_boundary() {
        let m = measure(&"a".repeat(160));
        assert_eq!((m.units, m.segments, m.per_segment), (160, 1, 160));
        assert_eq!(m.remaining_in_segment, 0);
        let m = measure(&"a".repeat(161));
        assert_eq!((m.units, m.segments, m.per_segment), (161, 2, 153));
        assert_eq!(m.remaining_in_segment, 153 * 2 - 161);
    }

    #[test]
    fn gsm7_concatenated_boundary() {
        let m = measure(&"a".repeat(306));
        assert_eq!((m.segments, m.remaining_in_segment), (2, 0));
        let m = measure(&"a".repeat(307));
        assert_eq!((m.segments, m.remaining_in_segment), (3, 152));
    }

    #[test]
    fn euro_and_extension_chars_count_two() {
        let m = measure("€");
        assert_eq!(m.encoding, Encoding::Gsm7);
        assert_eq!(m.units, 2);
        assert_eq!(m.segments, 1);
        assert_eq!(measure("^{}\\[~]|\u{0C}").units, 18);
        assert_eq!(measure("10 € [promo]").units, 15);
    }

    #[test]
    fn extension_char_is_not_split_across_segments() {
        // 152 septets then "€": the escape and the code would straddle segments 1 and 2,
        // so "€" moves whole to segment 2.
        let text = format!("{}€{}", "a".repeat(152), "a".repeat(152));
        let m = measure(&text);
        assert_eq!(m.units, 306);
        assert_eq!(m.segments, 3, "naive 306/153 would say 2");
        assert_eq!(m.remaining_in_segment, 153 - 1);
        // 151 + "€" fills segment 1 exactly: no shift.
        let text = format!("{}€{}", "a".repeat(151), "a".repeat(153));
        let m = measure(&text);
        assert_eq!((m.units, m.segments, m.remaining_in_segment), (306, 2, 0));
    }

    #[test]
    fn french_gsm7_letters_stay_gsm7() {
        let m = measure("Café à 2€ : élégant, où ? Ça ! ß Ø £ ¥ § ¿ ¡ ¤ Δ Ω @ $ _\r\n");
        assert_eq!(m.encoding, Encoding::Gsm7, "{:?}", m.non_gsm);
    }

    #[test]
    fn e_circumflex_switches_to_ucs2() {
        let m = measure("Fête des mères");
        assert_eq!(m.encoding, Encoding::Ucs2);
        assert_eq!(m.non_gsm, vec!['ê']);
        assert_eq!(m.units, 14);
        assert_eq!(m.per_segment, 70);
        assert_eq!(m.remaining_in_segment, 56);
    }

    #[test]
    fn lowercase_c_cedilla_and_others_are_not_gsm7() {
        let m = measure("Ç");
        assert_eq!(m.encoding, Encoding::Gsm7);
        let m = measure("garçon âîôûëï « oui » l’été `");
        assert_eq!(m.encoding, Encoding::Ucs2);
        assert_eq!(m.non_gsm, vec!['ç', 'â', 'î', 'ô', 'û', 'ë', 'ï', '«', '»', '’', '`']);
    }

    #[test]
    fn oe_ligature_forces_ucs2() {
        let m = measure("Un cœur");
        assert_eq!(m.encoding, Encoding::Ucs2);
        assert_eq!(m.non_gsm, vec!['œ']);
        assert_eq!(m.units, 7);
    }

    #[test]
    fn emoji_counts_two_utf16_units() {
        let m = measure("Promo 🎉🎉");
        assert_eq!(m.encoding, Encoding::Ucs2);
        assert_eq!(m.units, 6 + 4);
        assert_eq!(m.non_gsm, vec!['🎉'], "deduplicated");
    }

    #[test]
    fn ucs2_single_segment_boundary() {
        let seventy = format!("ê{}", "a".repeat(69));
        let m = measure(&seventy);
        assert_eq!((m.units, m.segments, m.per_segment), (70, 1, 70));
        assert_eq!(m.remaining_in_segment, 0);
        let m = measure(&format!("{seventy}a"));
        assert_eq!((m.units, m.segments, m.per_segment), (71, 2, 67));
        assert_eq!(m.remaining_in_segment, 67 * 2 - 71);
    }

    #[test]
    fn surrogate_pair_is_not_split_across_ucs2_segments() {
        // 66 units, then the emoji cannot take the last unit of segment 1.
        let text = format!("ê{}🎉{}", "a".repeat(65), "a".repeat(66));
        let m = measure(&text);
        assert_eq!(m.units, 134);
        assert_eq!(m.segments, 3);
    }

    #[test]
    fn encoding_serializes_screaming_snake_case() {
        assert_eq!(serde_json::to_string(&Encoding::Gsm7).unwrap(), "\"GSM7\"");
        assert_eq!(serde_json::to_string(&Encoding::Ucs2).unwrap(), "\"UCS2\"");
    }

    #[test]
    fn sender_id_valid() {
        let id = SenderId::parse("CRM360").unwrap();
        assert_eq!(id.as_str(), "CRM360");
        assert_eq!(id.to_string(), "CRM360");
        assert!(SenderId::parse("A").is_ok());
        assert!(SenderId::parse("MaMarque202").is_ok());
    }

    #[test]
    fn sender_id_errors() {
        assert_eq!(SenderId::parse(""), Err(SenderIdError::Empty));
        assert_eq!(SenderId::parse("MaMarque2024"), Err(SenderIdError::TooLong { length: 12 }));
        assert_eq!(SenderId::parse("Ma Marque"), Err(SenderIdError::InvalidCharacter { character: ' ' }));
        assert_eq!(SenderId::parse("Crème"), Err(SenderIdError::InvalidCharacter { character: 'è' }));
        assert_eq!(SenderId::parse("12345"), Err(SenderIdError::NoLetter));
    }

    #[test]
    fn sender_id_messages() {
        let err = SenderIdError::TooLong { length: 12 };
        assert_eq!(err.to_string(), "the sender id has 12 characters, at most 11 are allowed");
        assert_eq!(err.message_fr(), "L’émetteur compte 12 caractères, 11 au maximum sont autorisés.");
        let err = SenderIdError::InvalidCharacter { character: ' ' };
        assert!(err.message_fr().contains("« "));
        assert_eq!(SenderIdError::NoLetter.message_fr(), "L’émetteur doit contenir au moins une lettre.");
    }

    #[test]
    fn stop_mention_detected() {
        for text in [
            "Soldes -50% ! STOP au 36180",
            "Soldes\nStop SMS 36111",
            "STOP: 36180",
            "stop au 38000",
            "Répondez STOP au 36 180",
            "STOP SMS au 36180",
            "Stôp au 36180",
            "STOP36180",
        ] {
            assert!(has_stop_mention(text), "{text}");
        }
    }

    #[test]
    fn stop_mention_absent() {
        for text in [
            "",
            "Soldes -50% ce week-end",
            "Stop aux prix élevés !",
            "STOP au 0612345678",
            "STOP au 46180",
            "STOP au 3618",
            "Arrêt de bus 36180",
            "nonstop 36180",
            "STOP au magasin de Lyon 36180",
        ] {
            assert!(!has_stop_mention(text), "{text}");
        }
    }

    #[test]
    fn with_stop_mention_appends_once() {
        assert_eq!(with_stop_mention("Soldes -50%", "STOP au 36180"), "Soldes -50%\nSTOP au 36180");
        assert_eq!(with_stop_mention("Soldes -50%\n", "STOP au 36180"), "Soldes -50%\nSTOP au 36180");
        assert_eq!(with_stop_mention("Soldes STOP au 36180", "STOP au 36180"), "Soldes STOP au 36180");
        assert_eq!(with_stop_mention("", "STOP au 36180"), "STOP au 36180");
        let once = with_stop_mention("Promo", "STOP au 36180");
        assert_eq!(with_stop_mention(&once, "STOP au 36180"), once);
    }

    #[test]
    fn stop_requests_recognised() {
        for text in [
            "STOP",
            "stop",
            "Stop SMS",
            "ARRET",
            "ARRÊT",
            "arrêt",
            "STOP.",
            "  stop ",
            "DESABONNER",
            "désabonnement",
            "unsubscribe",
            "Stop merci",
            "STOP !!!",
            "stop\n",
            "Désinscription",
        ] {
            assert!(is_stop_request(text), "{text:?}");
        }
    }

    #[test]
    fn non_stop_replies_ignored() {
        for text in [
            "",
            "   ",
            "Merci",
            "Oui",
            "Stop, je veux garder mon abonnement",
            "Ne pas arrêter svp continuez",
            "stopper",
            "merci svp",
        ] {
            assert!(!is_stop_request(text), "{text:?}");
        }
    }
}

//! Reason codes: why an address is valid, corrected or invalid, in words a person can read.

use serde::{Serialize, Serializer};

/// How a reason weighs on the status of an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    /// Formatting the norm requires; the address stays `VALID`.
    Info,
    /// The content was changed to make it right; the address becomes `CORRECTED`.
    Correction,
    /// The address cannot be made right without a person; it becomes `INVALID`.
    Error,
}

macro_rules! reasons {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident, $fr:literal, $en:literal; )*) => {
        /// A reason attached to an RNVP result. Codes are stable (they are stored and
        /// exported): never rename one, only add new ones at the end.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum ReasonCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ReasonCode {
            /// Every reason, in the order they are reported.
            pub const ALL: &'static [ReasonCode] = &[$(ReasonCode::$variant),*];

            /// The stable SCREAMING_CASE code, e.g. `POSTAL_CODE_UNKNOWN`.
            pub fn code(self) -> &'static str {
                match self { $(ReasonCode::$variant => $code,)* }
            }

            /// How the reason weighs on the status.
            pub fn severity(self) -> Severity {
                match self { $(ReasonCode::$variant => Severity::$severity,)* }
            }

            /// A French label for end users.
            pub fn label_fr(self) -> &'static str {
                match self { $(ReasonCode::$variant => $fr,)* }
            }

            /// An English label for end users.
            pub fn label_en(self) -> &'static str {
                match self { $(ReasonCode::$variant => $en,)* }
            }

            /// Parses a stable code back into a reason.
            pub fn from_code(code: &str) -> Option<ReasonCode> {
                match code { $($code => Some(ReasonCode::$variant),)* _ => None }
            }
        }
    };
}

reasons! {
    /// A line was moved to the AFNOR line its content belongs to.
    LinesRestructured = "LINES_RESTRUCTURED", Correction,
        "Lignes réordonnées selon la norme", "Lines moved to their AFNOR position";
    /// Two input lines with the same role were joined into one line.
    LinesMerged = "LINES_MERGED", Correction,
        "Lignes de même rôle fusionnées", "Lines with the same role merged";
    /// A `FRANCE` country line was removed (not written on domestic mail).
    CountryLineRemoved = "COUNTRY_LINE_REMOVED", Info,
        "Ligne pays FRANCE supprimée", "Country line FRANCE removed";
    /// A street type or title written abbreviated was written in full (the norm wants full
    /// words when the line fits).
    AbbreviationExpanded = "ABBREVIATION_EXPANDED", Info,
        "Abréviation développée", "Abbreviation written in full";
    /// A line longer than 38 characters was shortened with the norm's abbreviations.
    LineTooLongAbbreviated = "LINE_TOO_LONG_ABBREVIATED", Info,
        "Ligne de plus de 38 caractères abrégée", "Line over 38 characters abbreviated";
    /// A line is still longer than 38 characters after every abbreviation.
    LineTooLong = "LINE_TOO_LONG", Error,
        "Ligne de plus de 38 caractères", "Line longer than 38 characters";
    /// Neither a street (line 4) nor a lieu-dit or postal service (line 5).
    StreetMissing = "STREET_MISSING", Error,
        "Voie ou lieu-dit absent", "Street or lieu-dit missing";
    /// No postal code, and none can be deduced from the locality.
    PostalCodeMissing = "POSTAL_CODE_MISSING", Error,
        "Code postal absent", "Postal code missing";
    /// The postal code was missing and was deduced from the locality.
    PostalCodeCompleted = "POSTAL_CODE_COMPLETED", Correction,
        "Code postal ajouté d'après la localité", "Postal code added from the locality";
    /// A four-digit postal code lost its leading zero (a spreadsheet habit); it was restored.
    PostalCodeLeadingZeroRestored = "POSTAL_CODE_LEADING_ZERO_RESTORED", Correction,
        "Zéro initial du code postal rétabli", "Leading zero of the postal code restored";
    /// The postal code is not in the official base and cannot be corrected.
    PostalCodeUnknown = "POSTAL_CODE_UNKNOWN", Error,
        "Code postal inconnu", "Unknown postal code";
    /// Several postal codes serve the locality; the right one cannot be chosen.
    PostalCodeAmbiguous = "POSTAL_CODE_AMBIGUOUS", Error,
        "Plusieurs codes postaux possibles pour la localité",
        "Several postal codes possible for the locality";
    /// The postal code was wrong and was corrected from the locality.
    PostalCodeCorrected = "POSTAL_CODE_CORRECTED", Correction,
        "Code postal corrigé d'après la localité", "Postal code corrected from the locality";
    /// A CEDEX code, absent from the base of geographic codes, was accepted because its
    /// department matches the locality's.
    CedexCodeAccepted = "CEDEX_CODE_ACCEPTED", Info,
        "Code CEDEX accepté (département cohérent)",
        "CEDEX code accepted (department matches)";
    /// No locality, and none can be deduced from the postal code.
    LocalityMissing = "LOCALITY_MISSING", Error,
        "Localité absente", "Locality missing";
    /// The locality was missing and was deduced from the postal code.
    LocalityCompleted = "LOCALITY_COMPLETED", Correction,
        "Localité ajoutée d'après le code postal", "Locality added from the postal code";
    /// The locality was misspelt and was corrected from the postal code.
    LocalityCorrected = "LOCALITY_CORRECTED", Correction,
        "Localité corrigée", "Locality corrected";
    /// The locality is not in the official base.
    LocalityUnknown = "LOCALITY_UNKNOWN", Error,
        "Localité inconnue", "Unknown locality";
    /// The postal code and the locality do not match and neither can be trusted.
    LocalityPostalCodeMismatch = "LOCALITY_POSTAL_CODE_MISMATCH", Error,
        "Code postal et localité incohérents", "Postal code and locality do not match";
    /// A Paris, Lyon or Marseille arrondissement written in the locality was folded into the
    /// postal code (`PARIS 15` -> `75015 PARIS`).
    ArrondissementFolded = "ARRONDISSEMENT_FOLDED", Info,
        "Arrondissement reporté dans le code postal", "Arrondissement carried by the postal code";
    /// The arrondissement written in the locality contradicts the postal code.
    ArrondissementMismatch = "ARRONDISSEMENT_MISMATCH", Error,
        "Arrondissement incohérent avec le code postal",
        "Arrondissement does not match the postal code";
    /// More than six lines were given.
    TooManyLines = "TOO_MANY_LINES", Error,
        "Plus de six lignes", "More than six lines";
    /// The CSV row does not have the expected columns.
    RowMalformed = "ROW_MALFORMED", Error,
        "Ligne CSV mal formée (nombre de colonnes)", "Malformed CSV row (column count)";
}

impl Serialize for ReasonCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl std::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A set of reasons, without allocation, iterated in the order of [`ReasonCode::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ReasonSet(u64);

impl ReasonSet {
    /// The empty set.
    pub const fn new() -> Self {
        ReasonSet(0)
    }

    /// Adds a reason.
    pub fn insert(&mut self, reason: ReasonCode) {
        self.0 |= 1u64 << (reason as u8);
    }

    /// Removes a reason.
    pub fn remove(&mut self, reason: ReasonCode) {
        self.0 &= !(1u64 << (reason as u8));
    }

    /// Whether the set holds the reason.
    pub fn contains(&self, reason: ReasonCode) -> bool {
        self.0 & (1u64 << (reason as u8)) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The reasons, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = ReasonCode> + '_ {
        ReasonCode::ALL.iter().copied().filter(|r| self.contains(*r))
    }

    /// The highest severity in the set, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.iter().map(ReasonCode::severity).max()
    }

    /// The codes joined by `sep`, e.g. `LOCALITY_CORRECTED|LINES_RESTRUCTURED`.
    pub fn join(&self, sep: &str) -> String {
        let mut out = String::new();
        for (i, r) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(r.code());
        }
        out
    }
}

impl Serialize for ReasonSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_fit_the_bitset() {
        assert!(ReasonCode::ALL.len() <= 64);
        for r in ReasonCode::ALL {
            assert_eq!(ReasonCode::from_code(r.code()), Some(*r));
            assert!(!r.label_fr().is_empty() && !r.label_en().is_empty());
        }
    }

    #[test]
    fn set_is_ordered_and_reports_max_severity() {
        let mut s = ReasonSet::new();
        s.insert(ReasonCode::LocalityCorrected);
        s.insert(ReasonCode::LinesRestructured);
        assert_eq!(s.join("|"), "LINES_RESTRUCTURED|LOCALITY_CORRECTED");
        assert_eq!(s.max_severity(), Some(Severity::Correction));
        s.insert(ReasonCode::PostalCodeUnknown);
        assert_eq!(s.max_severity(), Some(Severity::Error));
    }
}

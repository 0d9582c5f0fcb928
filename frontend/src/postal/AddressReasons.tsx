import type { AddressReasonFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";

/** Why an address is valid, corrected or invalid, in the API's own words (French or English). */
export function AddressReasons({ reasons }: { reasons: readonly AddressReasonFieldsFragment[] }) {
  const { language } = useI18n();
  if (reasons.length === 0) return null;
  return (
    <ul className="address-reasons">
      {reasons.map((reason) => (
        <li
          key={reason.code}
          className={`address-reason address-reason--${reason.severity.toLowerCase()}`}
        >
          {language === "fr" ? reason.labelFr : reason.labelEn}
        </li>
      ))}
    </ul>
  );
}

export function AddressStatusBadge({ status }: { status: "VALID" | "CORRECTED" | "INVALID" }) {
  const { t } = useI18n();
  return (
    <span className={`status status--address-${status.toLowerCase()}`}>
      {t(`addressStatus.${status}`)}
    </span>
  );
}

/** The six lines of a normalised address, as printed on an envelope. */
export function AddressLines({ lines }: { lines: readonly string[] }) {
  const filled = lines.filter((l) => l.trim() !== "");
  return (
    <address className="address-lines mono">
      {filled.map((line, i) => (
        <span key={i}>
          {line}
          <br />
        </span>
      ))}
    </address>
  );
}

import type { I18n } from "../i18n/I18nProvider";

/** A contact's name as lists show it: first and last name, else the company, else a placeholder. */
export function contactName(
  contact: { firstName?: string | null; lastName?: string | null; companyName?: string | null },
  t: I18n["t"],
): string {
  return (
    [contact.firstName, contact.lastName].filter(Boolean).join(" ") ||
    contact.companyName ||
    t("contacts.unnamed")
  );
}

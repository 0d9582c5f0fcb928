import type { ContactFieldsFragment, ConsentChannel } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import type { I18n } from "../i18n/I18nProvider";
import { EDITABLE_FIELDS } from "./contactFields";

const CHANNELS: readonly ConsentChannel[] = ["EMAIL", "SMS", "POST"];
const CODED = new Set(["civility", "gender", "maritalStatus"]);

/**
 * The contact list's export: one row a contact, the columns under their labels in the user's
 * language (French by default), coded values in words (Madame, not MRS), dates as JJ/MM/AAAA,
 * and, per channel, the consent's status, date and source.
 */
export function contactExportRows(
  contacts: readonly ContactFieldsFragment[],
  i18n: Pick<I18n, "t" | "formatDate" | "formatDateTime">,
): { header: string[]; rows: string[][] } {
  const { t, formatDate, formatDateTime } = i18n;
  const header = [
    ...EDITABLE_FIELDS.map((f) => t(`contactField.${f.field}`)),
    ...CHANNELS.flatMap((c) => {
      const channel = t(`consentChannel.${c}`);
      return [
        t("contacts.export.consentStatus", { channel }),
        t("contacts.export.consentDate", { channel }),
        t("contacts.export.consentSource", { channel }),
      ];
    }),
    t("contacts.col.createdAt"),
  ];
  const rows = contacts.map((contact) => [
    ...EDITABLE_FIELDS.map((f) => {
      const value = contact[f.key] as string | null | undefined;
      if (!value) return "";
      if (CODED.has(f.input)) return t(`${f.input}.${value}` as MessageKey);
      if (f.input === "date") return formatDate(value);
      return value;
    }),
    ...CHANNELS.flatMap((c) => {
      const consent = contact.consents.find((x) => x.channel === c);
      if (!consent) return [t("consentStatus.none"), "", ""];
      return [
        t(`consentStatus.${consent.status}`),
        consent.collectedAt ? formatDateTime(consent.collectedAt) : "",
        consent.source ?? "",
      ];
    }),
    formatDateTime(contact.createdAt),
  ]);
  return { header, rows };
}

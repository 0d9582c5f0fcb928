import type { MessageKey } from "../i18n/fr";
import type { ContactField, ContactFieldsFragment, UpdateContactInput } from "../gql/graphql";

/** The contact's editable fields, in the order the detail and the form show them. */
export interface EditableField {
  field: ContactField;
  key: keyof ContactFieldsFragment & keyof UpdateContactInput;
  input: "text" | "email" | "tel" | "date" | "civility" | "gender" | "maritalStatus";
  section: "identity" | "contact" | "address";
}

export const EDITABLE_FIELDS: EditableField[] = [
  { field: "CIVILITY", key: "civility", input: "civility", section: "identity" },
  { field: "FIRST_NAME", key: "firstName", input: "text", section: "identity" },
  { field: "LAST_NAME", key: "lastName", input: "text", section: "identity" },
  { field: "BIRTH_DATE", key: "birthDate", input: "date", section: "identity" },
  { field: "GENDER", key: "gender", input: "gender", section: "identity" },
  { field: "MARITAL_STATUS", key: "maritalStatus", input: "maritalStatus", section: "identity" },
  { field: "NATIONALITY", key: "nationality", input: "text", section: "identity" },
  { field: "SPOKEN_LANGUAGE", key: "spokenLanguage", input: "text", section: "identity" },
  { field: "COMPANY_NAME", key: "companyName", input: "text", section: "identity" },
  { field: "JOB_TITLE", key: "jobTitle", input: "text", section: "identity" },
  { field: "EXTERNAL_ID", key: "externalId", input: "text", section: "identity" },
  { field: "PERSONAL_EMAIL", key: "personalEmail", input: "email", section: "contact" },
  { field: "PROFESSIONAL_EMAIL", key: "professionalEmail", input: "email", section: "contact" },
  { field: "MOBILE_PHONE", key: "mobilePhone", input: "tel", section: "contact" },
  { field: "LANDLINE_PHONE", key: "landlinePhone", input: "tel", section: "contact" },
  { field: "ADDRESS_LINE_1", key: "addressLine1", input: "text", section: "address" },
  { field: "ADDRESS_LINE_2", key: "addressLine2", input: "text", section: "address" },
  { field: "ADDRESS_LINE_3", key: "addressLine3", input: "text", section: "address" },
  { field: "ADDRESS_LINE_4", key: "addressLine4", input: "text", section: "address" },
  { field: "ADDRESS_LINE_5", key: "addressLine5", input: "text", section: "address" },
  { field: "ADDRESS_LINE_6", key: "addressLine6", input: "text", section: "address" },
  { field: "POSTAL_CODE", key: "postalCode", input: "text", section: "address" },
  { field: "CITY", key: "city", input: "text", section: "address" },
  { field: "COUNTRY", key: "country", input: "text", section: "address" },
];

export const CODE_OPTIONS = {
  civility: ["MR", "MRS", "MX"],
  gender: ["FEMALE", "MALE", "OTHER"],
  maritalStatus: ["SINGLE", "MARRIED", "CIVIL_PARTNERSHIP", "DIVORCED", "WIDOWED", "SEPARATED"],
} as const;

/** The API's field name for an input error ("personalEmail"), from the field list. */
export const FIELD_KEYS = EDITABLE_FIELDS.map((f) => f.key);

type Translate = (key: MessageKey) => string;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARS = /^\+?[\d\s.\-()/]+$/;

/**
 * The checks made on every field before the API is asked, so that the form shows every
 * invalid field at once (the API stops at the first refused field: see the README's notes).
 * The API stays the authority: it also normalises what passes here.
 */
export function contactValueErrors(
  values: Partial<Record<EditableField["key"], string>>,
  t: Translate,
  today = new Date(),
): Partial<Record<EditableField["key"], string>> {
  const errors: Partial<Record<EditableField["key"], string>> = {};
  const value = (key: EditableField["key"]) => values[key]?.trim() ?? "";
  for (const key of ["personalEmail", "professionalEmail"] as const) {
    if (value(key) && !EMAIL.test(value(key))) errors[key] = t("form.invalidEmail");
  }
  for (const key of ["mobilePhone", "landlinePhone"] as const) {
    const raw = value(key);
    const digits = raw.replace(/\D/g, "").length;
    if (raw && (!PHONE_CHARS.test(raw) || digits < 9 || digits > 15)) {
      errors[key] = t("error.reason.INVALID_PHONE");
    }
  }
  const country = value("country").toUpperCase();
  const validCountry = /^[A-Z]{2}$/.test(country);
  if (country && !validCountry) errors.country = t("error.reason.INVALID_COUNTRY");
  // As the API reads it: no country, or one it cannot read, means France (five digits).
  const french = !validCountry || country === "FR";
  const postalCode = value("postalCode");
  if (postalCode && french && !/^\d{5}$/.test(postalCode)) {
    errors.postalCode = t("error.reason.INVALID_POSTAL_CODE");
  }
  const language = value("spokenLanguage");
  if (language && !/^[a-zA-Z]{2}$/.test(language)) {
    errors.spokenLanguage = t("error.reason.INVALID_LANGUAGE");
  }
  const birthDate = value("birthDate");
  if (birthDate) {
    const at = Date.parse(`${birthDate}T00:00:00Z`);
    if (Number.isNaN(at)) errors.birthDate = t("error.reason.INVALID_DATE");
    else if (at > today.getTime()) errors.birthDate = t("error.reason.IN_THE_FUTURE");
  }
  return errors;
}

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

import type { ContactField, CustomFieldKind, SegmentOperator } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import type { SubjectKey } from "./segmentTree";

/** How a subject's values are typed, which decides its operators and its value input. */
export type ValueType = "text" | "number" | "date" | "boolean" | "list" | "consent" | "age";

export interface SubjectOption {
  value: string;
  /** A dictionary key, or the text itself for a tenant's value list. */
  label: MessageKey | string;
  translate: boolean;
}

export interface Subject {
  key: SubjectKey;
  group: "identity" | "contact" | "address" | "computed" | "consent" | "custom";
  label: string;
  translate: boolean;
  valueType: ValueType;
  options?: SubjectOption[];
}

const TEXT_FIELDS: [ContactField, Subject["group"]][] = [
  ["FIRST_NAME", "identity"],
  ["LAST_NAME", "identity"],
  ["COMPANY_NAME", "identity"],
  ["JOB_TITLE", "identity"],
  ["EXTERNAL_ID", "identity"],
  ["NATIONALITY", "identity"],
  ["SPOKEN_LANGUAGE", "identity"],
  ["PERSONAL_EMAIL", "contact"],
  ["PROFESSIONAL_EMAIL", "contact"],
  ["MOBILE_PHONE", "contact"],
  ["LANDLINE_PHONE", "contact"],
  ["POSTAL_CODE", "address"],
  ["CITY", "address"],
  ["COUNTRY", "address"],
  ["ADDRESS_LINE_4", "address"],
];

const CODE_FIELDS: Record<"CIVILITY" | "GENDER" | "MARITAL_STATUS", string[]> = {
  CIVILITY: ["MR", "MRS", "MX"],
  GENDER: ["FEMALE", "MALE", "OTHER"],
  MARITAL_STATUS: ["SINGLE", "MARRIED", "CIVIL_PARTNERSHIP", "DIVORCED", "WIDOWED", "SEPARATED"],
};

const OPERATORS: Record<ValueType, SegmentOperator[]> = {
  text: ["EQUALS", "NOT_EQUALS", "CONTAINS", "STARTS_WITH", "IN", "IS_EMPTY", "IS_NOT_EMPTY"],
  list: ["EQUALS", "NOT_EQUALS", "IN", "IS_EMPTY", "IS_NOT_EMPTY"],
  number: [
    "EQUALS",
    "NOT_EQUALS",
    "LESS_THAN",
    "LESS_OR_EQUAL",
    "GREATER_THAN",
    "GREATER_OR_EQUAL",
    "BETWEEN",
    "IS_EMPTY",
    "IS_NOT_EMPTY",
  ],
  date: [
    "EQUALS",
    "LESS_THAN",
    "LESS_OR_EQUAL",
    "GREATER_THAN",
    "GREATER_OR_EQUAL",
    "BETWEEN",
    "IS_EMPTY",
    "IS_NOT_EMPTY",
  ],
  age: [
    "EQUALS",
    "NOT_EQUALS",
    "LESS_THAN",
    "LESS_OR_EQUAL",
    "GREATER_THAN",
    "GREATER_OR_EQUAL",
    "BETWEEN",
    "IS_EMPTY",
    "IS_NOT_EMPTY",
  ],
  boolean: ["EQUALS", "IS_EMPTY", "IS_NOT_EMPTY"],
  consent: ["EQUALS", "NOT_EQUALS", "IS_EMPTY", "IS_NOT_EMPTY"],
};

/** The operators that make sense for a type of value, in the order the builder offers them. */
export function operatorsFor(valueType: ValueType): SegmentOperator[] {
  return OPERATORS[valueType];
}

/** Creation and update times take no "is empty": every contact has them. */
const TIMESTAMP_OPERATORS = OPERATORS.date.filter(
  (op) => op !== "IS_EMPTY" && op !== "IS_NOT_EMPTY",
);

export function operatorsOf(subject: Subject): SegmentOperator[] {
  if (subject.key === "computed:CREATED_AT" || subject.key === "computed:UPDATED_AT") {
    return TIMESTAMP_OPERATORS;
  }
  return operatorsFor(subject.valueType);
}

const CUSTOM_TYPES: Record<CustomFieldKind, ValueType> = {
  TEXT: "text",
  NUMBER: "number",
  DATE: "date",
  BOOLEAN: "boolean",
  VALUE_LIST: "list",
};

export interface CustomFieldSummary {
  key: string;
  label: string;
  kind: CustomFieldKind;
  options: string[];
}

const BOOLEAN_OPTIONS: SubjectOption[] = [
  { value: "true", label: "segment.value.yes", translate: true },
  { value: "false", label: "segment.value.no", translate: true },
];

const CONSENT_OPTIONS: SubjectOption[] = [
  { value: "GRANTED", label: "consentStatus.GRANTED", translate: true },
  { value: "DENIED", label: "consentStatus.DENIED", translate: true },
];

/** Everything a condition can test: the contract's fields, age, consent, custom fields. */
export function subjectsFor(customFields: readonly CustomFieldSummary[]): Subject[] {
  const subjects: Subject[] = [];
  const field = (name: ContactField, group: Subject["group"], valueType: ValueType) => ({
    key: `field:${name}`,
    group,
    label: `contactField.${name}`,
    translate: true,
    valueType,
  });
  subjects.push({
    ...field("CIVILITY", "identity", "list"),
    options: CODE_FIELDS.CIVILITY.map((v) => ({
      value: v,
      label: `civility.${v}`,
      translate: true,
    })),
  });
  for (const [name, group] of TEXT_FIELDS) subjects.push(field(name, group, "text"));
  subjects.push({
    ...field("GENDER", "identity", "list"),
    options: CODE_FIELDS.GENDER.map((v) => ({ value: v, label: `gender.${v}`, translate: true })),
  });
  subjects.push({
    ...field("MARITAL_STATUS", "identity", "list"),
    options: CODE_FIELDS.MARITAL_STATUS.map((v) => ({
      value: v,
      label: `maritalStatus.${v}`,
      translate: true,
    })),
  });
  subjects.push(field("BIRTH_DATE", "identity", "date"));
  subjects.push({
    key: "computed:AGE",
    group: "computed",
    label: "segment.subject.age",
    translate: true,
    valueType: "age",
  });
  subjects.push({
    key: "computed:CREATED_AT",
    group: "computed",
    label: "segment.subject.createdAt",
    translate: true,
    valueType: "date",
  });
  subjects.push({
    key: "computed:UPDATED_AT",
    group: "computed",
    label: "segment.subject.updatedAt",
    translate: true,
    valueType: "date",
  });
  for (const channel of ["EMAIL", "SMS", "POST"] as const) {
    subjects.push({
      key: `consent:${channel}`,
      group: "consent",
      label: `segment.subject.consent.${channel}`,
      translate: true,
      valueType: "consent",
      options: CONSENT_OPTIONS,
    });
  }
  for (const custom of customFields) {
    const valueType = CUSTOM_TYPES[custom.kind];
    subjects.push({
      key: `custom:${custom.key}`,
      group: "custom",
      label: custom.label,
      translate: false,
      valueType,
      ...(valueType === "list"
        ? { options: custom.options.map((o) => ({ value: o, label: o, translate: false })) }
        : {}),
      ...(valueType === "boolean" ? { options: BOOLEAN_OPTIONS } : {}),
    });
  }
  return subjects;
}

export const SUBJECT_GROUPS: Subject["group"][] = [
  "identity",
  "contact",
  "address",
  "computed",
  "consent",
  "custom",
];

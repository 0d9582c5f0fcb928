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
  text: [
    "EQUALS",
    "NOT_EQUALS",
    "CONTAINS",
    "STARTS_WITH",
    "ENDS_WITH",
    "IN",
    "EXACTLY",
    "IS_EMPTY",
    "IS_NOT_EMPTY",
  ],
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

/**
 * The direct identifiers of a person: only a user with the Consult right may test them (the
 * server refuses them to Analyse alone with `FORBIDDEN_FIELD`), free-text custom fields too.
 */
export const DIRECT_IDENTIFIERS: readonly ContactField[] = [
  "EXTERNAL_ID",
  "FIRST_NAME",
  "LAST_NAME",
  "PERSONAL_EMAIL",
  "PROFESSIONAL_EMAIL",
  "LANDLINE_PHONE",
  "MOBILE_PHONE",
  "ADDRESS_LINE_1",
  "ADDRESS_LINE_2",
  "ADDRESS_LINE_3",
  "ADDRESS_LINE_4",
  "ADDRESS_LINE_5",
  "ADDRESS_LINE_6",
];

/** Whether a subject tests a direct identifier (see {@link DIRECT_IDENTIFIERS}). */
export function isDirectIdentifier(
  subject: Subject,
  customFields: readonly CustomFieldSummary[],
): boolean {
  if (subject.key.startsWith("field:")) {
    return DIRECT_IDENTIFIERS.includes(subject.key.slice("field:".length) as ContactField);
  }
  if (subject.key.startsWith("custom:")) {
    const key = subject.key.slice("custom:".length);
    return customFields.some((f) => f.key === key && f.kind === "TEXT");
  }
  return false;
}

/**
 * What a condition can test: the contract's fields, age, consent, custom fields; without the
 * Consult right (`canConsult` false), only what is not a direct identifier.
 */
export function subjectsFor(
  customFields: readonly CustomFieldSummary[],
  canConsult = true,
): Subject[] {
  const all = allSubjects(customFields);
  return canConsult ? all : all.filter((s) => !isDirectIdentifier(s, customFields));
}

function allSubjects(customFields: readonly CustomFieldSummary[]): Subject[] {
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

import type {
  ConsentChannel,
  ConsentDetail,
  ContactField,
  ImportColumnInput,
  UpsertKey,
  WhenEmpty,
} from "../gql/graphql";

/**
 * The column mapping of an import: for each column of the file, the contact field, custom
 * field, consent or part of a consent's proof it fills, or nothing. Targets are written
 * `field:FIRST_NAME`, `custom:<key>`, `consent:EMAIL`, `proof:EMAIL:COLLECTED_AT` (or
 * `proof:ALL:SOURCE` for every consent of the row), or "" to skip the column.
 */
export type Target = string;

export interface MappingState {
  /** The target of each header, by header name. */
  targets: Record<string, Target>;
  upsertKey: UpsertKey;
  /** The headers whose empty cells clear the contact's value (the others keep it). */
  clears?: Record<string, boolean>;
}

export interface ColumnLike {
  column: string;
  field?: ContactField | null;
  customFieldKey?: string | null;
  consentChannel?: ConsentChannel | null;
  consentDetail?: ConsentDetail | null;
  whenEmpty?: WhenEmpty | null;
}

export function targetOf(column: ColumnLike): Target {
  if (column.field) return `field:${column.field}`;
  if (column.customFieldKey) return `custom:${column.customFieldKey}`;
  if (column.consentDetail)
    return `proof:${column.consentChannel ?? "ALL"}:${column.consentDetail}`;
  if (column.consentChannel) return `consent:${column.consentChannel}`;
  return "";
}

/** Whether an empty cell of a column with this target may clear a value (fields only). */
export function canClear(target: Target, keyTarget: Target): boolean {
  return (target.startsWith("field:") || target.startsWith("custom:")) && target !== keyTarget;
}

/** The field the upsert key needs mapped. */
export const KEY_FIELD: Record<UpsertKey, Target> = {
  EXTERNAL_ID: "field:EXTERNAL_ID",
  EMAIL: "field:PERSONAL_EMAIL",
};

/** The mapping the API suggested from the header's names. */
export function initialMapping(headers: readonly string[], suggested: readonly ColumnLike[]) {
  const targets: Record<string, Target> = {};
  for (const header of headers) {
    const match = suggested.find((c) => c.column === header);
    targets[header] = match ? targetOf(match) : "";
  }
  const mapped = Object.values(targets);
  const upsertKey: UpsertKey =
    !mapped.includes(KEY_FIELD.EXTERNAL_ID) && mapped.includes(KEY_FIELD.EMAIL)
      ? "EMAIL"
      : "EXTERNAL_ID";
  return { targets, upsertKey } satisfies MappingState;
}

/**
 * A saved mapping applied to this file: columns found by name take the saved target; the
 * file's other columns are skipped; saved columns the file lacks are reported.
 */
export function applySavedMapping(
  headers: readonly string[],
  saved: { columns: readonly ColumnLike[]; upsertKey: UpsertKey },
): MappingState & { missingColumns: string[] } {
  const targets: Record<string, Target> = {};
  const clears: Record<string, boolean> = {};
  for (const header of headers) {
    const match = saved.columns.find((c) => c.column === header);
    targets[header] = match ? targetOf(match) : "";
    if (match?.whenEmpty === "CLEAR") clears[header] = true;
  }
  const missingColumns = saved.columns
    .filter((c) => targetOf(c) !== "" && !headers.includes(c.column))
    .map((c) => c.column);
  return { targets, upsertKey: saved.upsertKey, clears, missingColumns };
}

export type MappingProblem =
  | { kind: "keyNotMapped"; keyTarget: Target }
  | { kind: "duplicateTarget"; target: Target; columns: string[] };

/** What must be fixed before the import can start: the key mapped, no target twice. */
export function mappingProblems(state: MappingState): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const keyTarget = KEY_FIELD[state.upsertKey];
  if (!Object.values(state.targets).includes(keyTarget)) {
    problems.push({ kind: "keyNotMapped", keyTarget });
  }
  const byTarget = new Map<Target, string[]>();
  for (const [column, target] of Object.entries(state.targets)) {
    if (!target) continue;
    byTarget.set(target, [...(byTarget.get(target) ?? []), column]);
  }
  for (const [target, columns] of byTarget) {
    if (columns.length > 1) problems.push({ kind: "duplicateTarget", target, columns });
  }
  return problems;
}

/** The mapping as the API's `columns`, in the file's order. */
export function toColumnsInput(
  headers: readonly string[],
  state: MappingState,
): ImportColumnInput[] {
  return headers.map((column) => {
    const target = state.targets[column] ?? "";
    const [kind, ...rest] = target.split(":");
    const name = rest.join(":");
    const [proofChannel, detail] = rest;
    const clear = state.clears?.[column] === true && canClear(target, KEY_FIELD[state.upsertKey]);
    return {
      column,
      field: kind === "field" ? (name as ContactField) : null,
      customFieldKey: kind === "custom" ? name : null,
      consentChannel:
        kind === "consent"
          ? (name as ConsentChannel)
          : kind === "proof" && proofChannel !== "ALL"
            ? (proofChannel as ConsentChannel)
            : null,
      consentDetail: kind === "proof" ? (detail as ConsentDetail) : null,
      whenEmpty: clear ? "CLEAR" : null,
    };
  });
}

import type { Right } from "../gql/graphql";

/** The four rights of the contract, in the order the contract lists them. */
const RIGHT_ORDER = {
  IMPORT: 0,
  CONSULT: 1,
  COMMUNICATE: 2,
  ANALYSE: 3,
} as const satisfies Record<Right, number>;

export const ALL_RIGHTS = (Object.keys(RIGHT_ORDER) as Right[]).sort(
  (a, b) => RIGHT_ORDER[a] - RIGHT_ORDER[b],
);

export function sortRights(rights: readonly Right[]): Right[] {
  return [...rights].sort((a, b) => RIGHT_ORDER[a] - RIGHT_ORDER[b]);
}

export function sameRights(a: readonly Right[], b: readonly Right[]): boolean {
  return a.length === b.length && sortRights(a).every((right, i) => right === sortRights(b)[i]);
}

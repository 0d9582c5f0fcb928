import type { UserFieldsFragment } from "../../gql/graphql";

export function userName(user: Pick<UserFieldsFragment, "firstName" | "lastName">): string {
  return `${user.firstName} ${user.lastName}`.trim();
}

import { graphql } from "../../gql";

/** A user as the administration pages show it. */
export const UserFields = graphql(`
  fragment UserFields on User {
    id
    email
    firstName
    lastName
    organization
    isTenantAdmin
    rights
    status
    lastLoginAt
    createdAt
  }
`);

export const UsersQuery = graphql(`
  query Users($first: Int, $after: String) {
    users(first: $first, after: $after) {
      nodes {
        ...UserFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const UserQuery = graphql(`
  query User($id: ID!) {
    user(id: $id) {
      ...UserFields
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        ...UserFields
      }
    }
  }
`);

export const SetUserRightsMutation = graphql(`
  mutation SetUserRights($input: SetUserRightsInput!) {
    setUserRights(input: $input) {
      user {
        ...UserFields
      }
    }
  }
`);

export const CloseUserMutation = graphql(`
  mutation CloseUser($input: CloseUserInput!) {
    closeUser(input: $input) {
      user {
        ...UserFields
      }
    }
  }
`);

export const ReopenUserMutation = graphql(`
  mutation ReopenUser($input: ReopenUserInput!) {
    reopenUser(input: $input) {
      user {
        ...UserFields
      }
    }
  }
`);

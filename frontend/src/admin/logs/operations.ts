import { graphql } from "../../gql";

export const ConnectionLogQuery = graphql(`
  query ConnectionLog($first: Int, $after: String) {
    connectionLog(first: $first, after: $after) {
      nodes {
        id
        at
        email
        ip
        userAgent
        outcome
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int, $after: String) {
    auditLog(first: $first, after: $after) {
      nodes {
        id
        at
        actorKind
        actorId
        action
        targetType
        targetId
        before
        after
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

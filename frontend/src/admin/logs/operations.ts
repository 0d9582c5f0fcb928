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
  query AuditLog($first: Int, $after: String, $search: AuditSearchInput) {
    auditLog(first: $first, after: $after, search: $search) {
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
        sealedPosition
        redactedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AuditCheckpointQuery = graphql(`
  query AuditCheckpoint {
    auditCheckpoint {
      size
      root
      sealedAt
      publicKey
    }
  }
`);

export const AuditProofBundleQuery = graphql(`
  query AuditProofBundle($ids: [ID!]!) {
    auditProofBundle(entryIds: $ids)
  }
`);

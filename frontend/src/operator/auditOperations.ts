import { graphql } from "../gql";

export const PlatformAuditLogQuery = graphql(`
  query PlatformAuditLog($first: Int, $after: String, $tenantId: ID, $search: AuditSearchInput) {
    platformAuditLog(first: $first, after: $after, tenantId: $tenantId, search: $search) {
      nodes {
        id
        tenantId
        at
        actorKind
        actorId
        action
        targetType
        targetId
        sealedPosition
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

import { graphql } from "../gql";

export const DurableJobFields = graphql(`
  fragment DurableJobFields on DurableJob {
    id
    kind
    status
    tenantId
    attempts
    maxAttempts
    lastError
    runAt
    lockedUntil
    createdAt
    finishedAt
  }
`);

export const JobsNeedingAttentionQuery = graphql(`
  query JobsNeedingAttention {
    jobsNeedingAttention {
      ...DurableJobFields
    }
  }
`);

export const JobTenantsQuery = graphql(`
  query JobTenants {
    tenants(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

export const RetryJobMutation = graphql(`
  mutation RetryJob($id: ID!) {
    retryJob(id: $id) {
      job {
        ...DurableJobFields
      }
    }
  }
`);

import { graphql } from "../gql";

/** The database at a glance (Analyse): contacts and granted consents per channel. */
export const HomeCountsQuery = graphql(`
  query HomeCounts($email: SegmentNodeInput!, $sms: SegmentNodeInput!, $post: SegmentNodeInput!) {
    total: contactCount
    email: contactCount(definition: $email)
    sms: contactCount(definition: $sms)
    post: contactCount(definition: $post)
  }
`);

/** Postal runs still going (Analyse). */
export const HomePostalRunsQuery = graphql(`
  query HomePostalRuns {
    postalRuns(first: 20) {
      nodes {
        id
        kind
        status
        percent
        total
        processed
        createdAt
      }
    }
  }
`);

/** The platform at a glance, for operator staff. */
export const OperatorHomeQuery = graphql(`
  query OperatorHome($from: NaiveDate!, $to: NaiveDate!) {
    platformHealth {
      version
      databaseBackend
      databaseOk
      uptimeSeconds
      tenantCount
      activeSessionCount
    }
    tenants(first: 100) {
      nodes {
        id
        status
      }
      pageInfo {
        hasNextPage
      }
    }
    jobsNeedingAttention {
      id
      status
    }
    usageAnalytics(from: $from, to: $to) {
      totals {
        pageViews
        visits
        uniqueVisitors
      }
    }
  }
`);

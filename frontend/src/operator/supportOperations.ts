import { graphql } from "../gql";

export const AnnouncementFields = graphql(`
  fragment AnnouncementFields on Announcement {
    id
    severity
    textFr
    textEn
    startsAt
    endsAt
    endedAt
    tenantId
    status
    updatedAt
  }
`);

export const AnnouncementsQuery = graphql(`
  query Announcements($first: Int, $after: String) {
    announcements(first: $first, after: $after) {
      nodes {
        ...AnnouncementFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AnnouncementTenantsQuery = graphql(`
  query AnnouncementTenants {
    tenants(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

export const CreateAnnouncementMutation = graphql(`
  mutation CreateAnnouncement($input: CreateAnnouncementInput!) {
    createAnnouncement(input: $input) {
      announcement {
        ...AnnouncementFields
      }
    }
  }
`);

export const UpdateAnnouncementMutation = graphql(`
  mutation UpdateAnnouncement($input: UpdateAnnouncementInput!) {
    updateAnnouncement(input: $input) {
      announcement {
        ...AnnouncementFields
      }
    }
  }
`);

export const EndAnnouncementMutation = graphql(`
  mutation EndAnnouncement($input: EndAnnouncementInput!) {
    endAnnouncement(input: $input) {
      announcement {
        ...AnnouncementFields
      }
    }
  }
`);

export const UsageAnalyticsQuery = graphql(`
  query UsageAnalytics($from: NaiveDate!, $to: NaiveDate!, $tenantId: ID) {
    usageAnalytics(from: $from, to: $to, tenantId: $tenantId) {
      from
      to
      totals {
        pageViews
        visits
        uniqueVisitors
      }
      days {
        date
        pageViews
        visits
        uniqueVisitors
      }
      topPages {
        path
        pageViews
        uniqueVisitors
      }
      tenants {
        tenantId
        tenantName
        pageViews
        visits
        uniqueVisitors
        activeDays
      }
      returnFrequency {
        visits
        firstVisits
        sameDay
        withinWeek
        withinMonth
        later
        shareWithin7Days
        shareWithin30Days
      }
    }
  }
`);

import { graphql } from "../gql";

/** The support desk: a tenant's tickets, and the operator's queue and handling. */

export const TicketSummaryFields = graphql(`
  fragment TicketSummaryFields on Ticket {
    id
    tenantId
    number
    kind
    proposedPriority
    priority
    qualified
    status
    subject
    channel
    requesterEmail
    assignedTo
    openedAt
    respondedAt
    dueAt
    businessMinutesLeft
    answeredInTime
    workaroundAt
    resolvedAt
    closedAt
    closedReason
  }
`);

export const TicketThreadFields = graphql(`
  fragment TicketThreadFields on Ticket {
    ...TicketSummaryFields
    messages {
      id
      authorKind
      authorName
      body
      createdAt
      attachments {
        id
        filename
        contentType
        sizeBytes
        url
      }
    }
    events {
      action
      actorKind
      actorName
      at
      detail
    }
  }
`);

// Tenant users (any of them, whatever their rights).

export const MyTicketsQuery = graphql(`
  query MyTickets($first: Int, $after: String) {
    tickets(first: $first, after: $after) {
      nodes {
        ...TicketSummaryFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const MyTicketQuery = graphql(`
  query MyTicket($id: ID!) {
    ticket(id: $id) {
      ...TicketThreadFields
    }
  }
`);

export const OpenTicketMutation = graphql(`
  mutation OpenTicket($input: OpenTicketInput!) {
    openTicket(input: $input) {
      ...TicketThreadFields
    }
  }
`);

export const ReplyToTicketMutation = graphql(`
  mutation ReplyToTicket($ticketId: ID!, $body: String!, $attachmentIds: [ID!]!) {
    replyToTicket(ticketId: $ticketId, body: $body, attachmentIds: $attachmentIds) {
      ...TicketThreadFields
    }
  }
`);

// Operator staff.

export const SupportQueueQuery = graphql(`
  query SupportQueue(
    $tenantId: ID
    $status: TicketStatus
    $priority: Priority
    $includeClosed: Boolean!
  ) {
    supportQueue(
      tenantId: $tenantId
      status: $status
      priority: $priority
      includeClosed: $includeClosed
      first: 200
    ) {
      ...TicketSummaryFields
    }
  }
`);

export const SupportTenantsQuery = graphql(`
  query SupportTenants {
    tenants(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

export const SupportTicketQuery = graphql(`
  query SupportTicket($tenantId: ID!, $id: ID!) {
    supportTicket(tenantId: $tenantId, id: $id) {
      ...TicketThreadFields
    }
    tenant(id: $tenantId) {
      id
      name
    }
  }
`);

export const QualifyTicketMutation = graphql(`
  mutation QualifyTicket($tenantId: ID!, $ticketId: ID!, $priority: Priority!) {
    qualifyTicket(tenantId: $tenantId, ticketId: $ticketId, priority: $priority) {
      ...TicketThreadFields
    }
  }
`);

export const AssignTicketMutation = graphql(`
  mutation AssignTicket($tenantId: ID!, $ticketId: ID!, $staffId: ID) {
    assignTicket(tenantId: $tenantId, ticketId: $ticketId, staffId: $staffId) {
      ...TicketThreadFields
    }
  }
`);

export const HandleTicketMutation = graphql(`
  mutation HandleTicket($input: HandleTicketInput!) {
    handleTicket(input: $input) {
      ...TicketThreadFields
    }
  }
`);

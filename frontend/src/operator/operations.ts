import { graphql } from "../gql";

export const TenantFields = graphql(`
  fragment TenantFields on Tenant {
    id
    name
    platform
    status
    suspendedReason
    createdAt
    userCount
  }
`);

export const TenantsQuery = graphql(`
  query Tenants($first: Int, $after: String) {
    tenants(first: $first, after: $after) {
      nodes {
        ...TenantFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateTenantMutation = graphql(`
  mutation CreateTenant($input: CreateTenantInput!) {
    createTenant(input: $input) {
      tenant {
        ...TenantFields
      }
      admin {
        id
        email
      }
    }
  }
`);

export const SuspendTenantMutation = graphql(`
  mutation SuspendTenant($input: SuspendTenantInput!) {
    suspendTenant(input: $input) {
      tenant {
        ...TenantFields
      }
    }
  }
`);

export const ReactivateTenantMutation = graphql(`
  mutation ReactivateTenant($input: ReactivateTenantInput!) {
    reactivateTenant(input: $input) {
      tenant {
        ...TenantFields
      }
    }
  }
`);

export const PlatformHealthQuery = graphql(`
  query PlatformHealth {
    platformHealth {
      version
      databaseBackend
      databaseOk
      uptimeSeconds
      tenantCount
      activeSessionCount
    }
  }
`);

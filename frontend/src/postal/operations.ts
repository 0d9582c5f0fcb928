import { graphql } from "../gql";

export const PostalRunFields = graphql(`
  fragment PostalRunFields on PostalRun {
    id
    kind
    segmentId
    status
    total
    processed
    percent
    valid
    corrected
    invalid
    groups
    error
    createdAt
    finishedAt
  }
`);

export const PostalRunsQuery = graphql(`
  query PostalRuns($first: Int, $after: String) {
    postalRuns(first: $first, after: $after) {
      nodes {
        ...PostalRunFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SegmentChoicesQuery = graphql(`
  query SegmentChoices {
    segments(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

export const PostalRunQuery = graphql(`
  query PostalRun($id: ID!) {
    postalRun(id: $id) {
      ...PostalRunFields
    }
  }
`);

export const AddressReasonFields = graphql(`
  fragment AddressReasonFields on AddressReason {
    code
    severity
    labelFr
    labelEn
  }
`);

export const RnvpResultsQuery = graphql(`
  query RnvpResults($runId: ID!, $status: AddressStatus, $first: Int, $after: String) {
    rnvpResults(runId: $runId, status: $status, first: $first, after: $after) {
      nodes {
        contactId
        lines
        status
        appliedAt
        reasons {
          ...AddressReasonFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const DuplicateGroupsQuery = graphql(`
  query DuplicateGroups($runId: ID!, $first: Int, $after: String) {
    duplicateGroups(runId: $runId, first: $first, after: $after) {
      nodes {
        id
        confidence
        status
        survivorId
        decidedAt
        contacts {
          id
          externalId
          civility
          firstName
          lastName
          personalEmail
          mobilePhone
          addressLine4
          postalCode
          city
          birthDate
          createdAt
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const StartRnvpRunMutation = graphql(`
  mutation StartRnvpRun($input: StartPostalRunInput!) {
    startRnvpRun(input: $input) {
      run {
        ...PostalRunFields
      }
    }
  }
`);

export const StartDedupRunMutation = graphql(`
  mutation StartDedupRun($input: StartPostalRunInput!) {
    startDedupRun(input: $input) {
      run {
        ...PostalRunFields
      }
    }
  }
`);

export const ApplyRnvpCorrectionsMutation = graphql(`
  mutation ApplyRnvpCorrections($input: ApplyRnvpCorrectionsInput!) {
    applyRnvpCorrections(input: $input) {
      appliedCount
    }
  }
`);

export const MergeDuplicateGroupMutation = graphql(`
  mutation MergeDuplicateGroup($input: MergeDuplicateGroupInput!) {
    mergeDuplicateGroup(input: $input) {
      survivorId
      group {
        id
        status
        survivorId
        decidedAt
      }
    }
  }
`);

export const DismissDuplicateGroupMutation = graphql(`
  mutation DismissDuplicateGroup($input: DismissDuplicateGroupInput!) {
    dismissDuplicateGroup(input: $input) {
      group {
        id
        status
        survivorId
        decidedAt
      }
    }
  }
`);

export const NormalizeAddressesMutation = graphql(`
  mutation NormalizeAddresses($input: NormalizeAddressesInput!) {
    normalizeAddresses(input: $input) {
      addresses {
        lines
        status
        reasons {
          ...AddressReasonFields
        }
      }
    }
  }
`);

/** The contact behind an RNVP result: its name and its address as it stands (Consult). */
export const RnvpContactQuery = graphql(`
  query RnvpContact($id: ID!) {
    contact(id: $id) {
      id
      civility
      firstName
      lastName
      companyName
      addressLine1
      addressLine2
      addressLine3
      addressLine4
      addressLine5
      addressLine6
      postalCode
      city
      updatedAt
    }
  }
`);

/** How many contacts a run would read: every contact, or a saved segment's (Analyse). */
export const PostalRunScopeCountQuery = graphql(`
  query PostalRunScopeCount($definition: SegmentNodeInput) {
    contactCount(definition: $definition)
  }
`);

export const PostalSegmentDefinitionQuery = graphql(`
  query PostalSegmentDefinition($id: ID!) {
    segment(id: $id) {
      id
      definition
    }
  }
`);

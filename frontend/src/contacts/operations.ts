import { graphql } from "../gql";

export const ContactListFields = graphql(`
  fragment ContactListFields on Contact {
    id
    externalId
    civility
    firstName
    lastName
    companyName
    personalEmail
    mobilePhone
    postalCode
    city
    createdAt
  }
`);

export const ContactsQuery = graphql(`
  query Contacts(
    $first: Int
    $after: String
    $search: String
    $filter: SegmentNodeInput
    $orderBy: ContactOrderBy!
  ) {
    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {
      nodes {
        ...ContactListFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ContactFields = graphql(`
  fragment ContactFields on Contact {
    id
    externalId
    civility
    firstName
    lastName
    companyName
    jobTitle
    personalEmail
    professionalEmail
    landlinePhone
    mobilePhone
    addressLine1
    addressLine2
    addressLine3
    addressLine4
    addressLine5
    addressLine6
    postalCode
    city
    country
    birthDate
    maritalStatus
    gender
    nationality
    spokenLanguage
    createdAt
    updatedAt
    consents {
      channel
      status
      collectedAt
      source
      wording
      ip
    }
    customValues {
      key
      label
      kind
      value
    }
  }
`);

export const ContactQuery = graphql(`
  query Contact($id: ID!) {
    contact(id: $id) {
      ...ContactFields
      history(first: 20) {
        nodes {
          id
          at
          action
          actorKind
          before
          after
        }
      }
    }
  }
`);

export const UpdateContactMutation = graphql(`
  mutation UpdateContact($input: UpdateContactInput!) {
    updateContact(input: $input) {
      contact {
        ...ContactFields
      }
    }
  }
`);

export const DeleteContactMutation = graphql(`
  mutation DeleteContact($input: DeleteContactInput!) {
    deleteContact(input: $input) {
      deletedContactId
    }
  }
`);

export const SetContactConsentMutation = graphql(`
  mutation SetContactConsent($input: SetContactConsentInput!) {
    setContactConsent(input: $input) {
      contact {
        ...ContactFields
      }
    }
  }
`);

export const SegmentFiltersQuery = graphql(`
  query SegmentFilters {
    segments(first: 100) {
      nodes {
        id
        name
        definition
      }
    }
  }
`);

/** Where the next page ends, for a jump to a page (no contact is read for it). */
export const ContactCursorsQuery = graphql(`
  query ContactCursors(
    $first: Int
    $after: String
    $search: String
    $filter: SegmentNodeInput
    $orderBy: ContactOrderBy!
  ) {
    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The list's total (Analyse): the filter's count; the free-text search has no count. */
export const ContactTotalQuery = graphql(`
  query ContactTotal($filter: SegmentNodeInput) {
    contactCount(definition: $filter)
  }
`);

/** One page of the current list for its export, with the consent columns. */
export const ContactExportQuery = graphql(`
  query ContactExport(
    $first: Int
    $after: String
    $search: String
    $filter: SegmentNodeInput
    $orderBy: ContactOrderBy!
  ) {
    contacts(first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {
      nodes {
        ...ContactFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateContactMutation = graphql(`
  mutation CreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      contact {
        ...ContactFields
      }
    }
  }
`);

import { graphql } from "../gql";

export const CustomFieldsForSegmentsQuery = graphql(`
  query CustomFieldsForSegments {
    customFields {
      id
      key
      label
      kind
      options
    }
  }
`);

export const ContactCountQuery = graphql(`
  query ContactCount($definition: SegmentNodeInput) {
    contactCount(definition: $definition)
  }
`);

export const SegmentFields = graphql(`
  fragment SegmentFields on Segment {
    id
    name
    description
    definition
    createdAt
    updatedAt
    exportUrl
  }
`);

export const SegmentsQuery = graphql(`
  query Segments($first: Int, $after: String) {
    segments(first: $first, after: $after) {
      nodes {
        ...SegmentFields
        count
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SegmentQuery = graphql(`
  query Segment($id: ID!) {
    segment(id: $id) {
      ...SegmentFields
    }
  }
`);

export const SegmentSampleQuery = graphql(`
  query SegmentSample($definition: SegmentNodeInput!, $first: Int) {
    segmentSample(definition: $definition, first: $first) {
      nodes {
        id
        civility
        firstName
        lastName
        personalEmail
        postalCode
        city
      }
    }
  }
`);

export const CreateSegmentMutation = graphql(`
  mutation CreateSegment($input: CreateSegmentInput!) {
    createSegment(input: $input) {
      segment {
        ...SegmentFields
      }
    }
  }
`);

export const UpdateSegmentMutation = graphql(`
  mutation UpdateSegment($input: UpdateSegmentInput!) {
    updateSegment(input: $input) {
      segment {
        ...SegmentFields
      }
    }
  }
`);

export const DeleteSegmentMutation = graphql(`
  mutation DeleteSegment($input: DeleteSegmentInput!) {
    deleteSegment(input: $input) {
      deletedSegmentId
    }
  }
`);

import { graphql } from "../gql";

export const ImportColumnFields = graphql(`
  fragment ImportColumnFields on ImportColumn {
    column
    field
    customFieldKey
    consentChannel
    consentDetail
    whenEmpty
  }
`);

export const ImportPreviewQuery = graphql(`
  query ImportPreview($uploadId: ID!) {
    importPreview(uploadId: $uploadId) {
      encoding
      delimiter
      headers
      rows
      suggestedColumns {
        ...ImportColumnFields
      }
      problem {
        reason
        message
      }
      rowProblems {
        line
        reason
        message
      }
    }
    importMappings {
      id
      name
      upsertKey
      createdAt
      columns {
        ...ImportColumnFields
      }
    }
    customFields {
      key
      label
    }
  }
`);

export const CreateImportMappingMutation = graphql(`
  mutation CreateImportMapping($input: CreateImportMappingInput!) {
    createImportMapping(input: $input) {
      importMapping {
        id
        name
        upsertKey
        createdAt
        columns {
          ...ImportColumnFields
        }
      }
    }
  }
`);

export const ImportFields = graphql(`
  fragment ImportFields on Import {
    id
    filename
    status
    dryRun
    upsertKey
    failure
    encoding
    delimiter
    progressPercent
    rowsDone
    rowsCreated
    rowsUpdated
    rowsUnchanged
    rowsFailed
    createdAt
    startedAt
    finishedAt
    errorReportUrl
  }
`);

export const StartImportMutation = graphql(`
  mutation StartImport($input: StartImportInput!) {
    startImport(input: $input) {
      import {
        ...ImportFields
      }
    }
  }
`);

export const ImportQuery = graphql(`
  query Import($id: ID!) {
    import(id: $id) {
      ...ImportFields
      errors(first: 50) {
        nodes {
          line
          column
          reason
          message
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`);

export const ImportsQuery = graphql(`
  query Imports($first: Int, $after: String) {
    imports(first: $first, after: $after) {
      nodes {
        ...ImportFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ImportProgressSubscription = graphql(`
  subscription ImportProgress($id: ID!) {
    importProgress(id: $id) {
      ...ImportFields
    }
  }
`);

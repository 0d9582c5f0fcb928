import { graphql } from "../gql";

export const FeedsQuery = graphql(`
  query Feeds {
    feeds {
      id
      name
      mappingId
      everyMinutes
      inboxPath
      nextRunAt
      lastRunAt
      createdAt
    }
    importMappings {
      id
      name
    }
  }
`);

export const CreateFeedMutation = graphql(`
  mutation CreateFeed($input: CreateFeedInput!) {
    createFeed(input: $input) {
      feed {
        id
        name
        inboxPath
      }
    }
  }
`);

export const DeleteFeedMutation = graphql(`
  mutation DeleteFeed($input: DeleteFeedInput!) {
    deleteFeed(input: $input) {
      deletedFeedId
    }
  }
`);

import { graphql } from "../gql";

export const RecordPageViewMutation = graphql(`
  mutation RecordPageView($input: RecordPageViewInput!) {
    recordPageView(input: $input) {
      recorded
      newVisit
    }
  }
`);

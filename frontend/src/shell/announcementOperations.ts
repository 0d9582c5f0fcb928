import { graphql } from "../gql";

export const ActiveAnnouncementsQuery = graphql(`
  query ActiveAnnouncements {
    activeAnnouncements {
      id
      severity
      textFr
      textEn
      updatedAt
    }
  }
`);

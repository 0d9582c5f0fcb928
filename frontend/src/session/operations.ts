import { graphql } from "../gql";

/** The viewer as the whole app sees it; spread by every operation that returns a Viewer. */
export const ViewerFields = graphql(`
  fragment ViewerFields on Viewer {
    kind
    email
    firstName
    lastName
    rights
    isTenantAdmin
    isOperator
    mustChangePassword
    idleTimeoutSeconds
    tenant {
      id
      name
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      ...ViewerFields
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      viewer {
        ...ViewerFields
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      viewer {
        ...ViewerFields
      }
    }
  }
`);

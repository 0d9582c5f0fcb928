import { graphql } from "../gql";

/** Asks for a lost-password link; the answer is `true` whether or not the account exists. */
export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`);

/** Sets a new password from the token of a lost-password or invitation link. */
export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`);

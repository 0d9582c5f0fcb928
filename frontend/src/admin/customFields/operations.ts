import { graphql } from "../../gql";

export const CustomFieldFields = graphql(`
  fragment CustomFieldFields on CustomField {
    id
    key
    label
    kind
    options
    createdAt
  }
`);

export const CustomFieldsQuery = graphql(`
  query CustomFields {
    customFields {
      ...CustomFieldFields
    }
  }
`);

export const CreateCustomFieldMutation = graphql(`
  mutation CreateCustomField($input: CreateCustomFieldInput!) {
    createCustomField(input: $input) {
      customField {
        ...CustomFieldFields
      }
    }
  }
`);

export const UpdateCustomFieldMutation = graphql(`
  mutation UpdateCustomField($input: UpdateCustomFieldInput!) {
    updateCustomField(input: $input) {
      customField {
        ...CustomFieldFields
      }
    }
  }
`);

export const DeleteCustomFieldMutation = graphql(`
  mutation DeleteCustomField($input: DeleteCustomFieldInput!) {
    deleteCustomField(input: $input) {
      deletedCustomFieldId
    }
  }
`);

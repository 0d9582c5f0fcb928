import { graphql } from "../../gql";

export const AllowedNetworkFields = graphql(`
  fragment AllowedNetworkFields on AllowedNetwork {
    id
    cidr
    description
  }
`);

export const AllowedNetworksQuery = graphql(`
  query AllowedNetworks {
    allowedNetworks {
      ...AllowedNetworkFields
    }
  }
`);

export const SetAllowedNetworksMutation = graphql(`
  mutation SetAllowedNetworks($input: SetAllowedNetworksInput!) {
    setAllowedNetworks(input: $input) {
      allowedNetworks {
        ...AllowedNetworkFields
      }
    }
  }
`);

import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithApi, type RecordedOperation } from "../test/renderWithApi";
import { contactFilter, ContactsPage } from "./ContactsPage";

function server(operation: RecordedOperation) {
  if (operation.operationName === "SegmentFilters") {
    return {
      data: {
        segments: {
          __typename: "SegmentConnection",
          nodes: [
            {
              __typename: "Segment",
              id: "s-1",
              name: "Seniors",
              // As the server stores it: Rust spellings.
              definition: {
                condition: { computed: "Age", operator: "GreaterOrEqual", value: "60" },
              },
            },
          ],
        },
      },
    };
  }
  return {
    data: {
      contacts: {
        __typename: "ContactConnection",
        nodes: [],
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
      },
    },
  };
}

describe("the contact list's filters", () => {
  it("combines a saved segment, a granted consent and a postal-code prefix", () => {
    expect(contactFilter("", "")).toBeNull();
    expect(
      contactFilter("SMS", " 69", {
        condition: { computed: "AGE", operator: "GREATER_OR_EQUAL", value: "60" },
      }),
    ).toEqual({
      and: [
        { condition: { computed: "AGE", operator: "GREATER_OR_EQUAL", value: "60" } },
        { condition: { consentChannel: "SMS", operator: "EQUALS", value: "GRANTED" } },
        { condition: { field: "POSTAL_CODE", operator: "STARTS_WITH", value: "69" } },
      ],
    });
  });

  it("searches and filters through the API, from the first page", async () => {
    const { operations } = renderWithApi(<ContactsPage />, server);
    const user = userEvent.setup();
    await screen.findByText("Aucun contact pour l’instant : importez un fichier pour commencer.");
    await user.selectOptions(await screen.findByLabelText("Segment"), "Seniors");
    await user.type(screen.getByLabelText(/Rechercher/), "durand");
    await waitFor(() =>
      expect(operations.filter((o) => o.operationName === "Contacts").at(-1)?.variables).toEqual({
        first: 50,
        after: null,
        search: "durand",
        order: "NEWEST_FIRST",
        // The saved segment's tree (a group, as the builder reads it) inside the list's filters.
        filter: {
          and: [
            {
              and: [{ condition: { computed: "AGE", operator: "GREATER_OR_EQUAL", value: "60" } }],
            },
          ],
        },
      }),
    );
    expect(
      await screen.findByText("Aucun contact ne correspond à la recherche."),
    ).toBeInTheDocument();
  });
});

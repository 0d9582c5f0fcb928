import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithApi, type RecordedOperation } from "../test/renderWithApi";
import { useLocation } from "react-router";
import { contactFilter, contactOrderFromUrl, ContactsPage, nextContactOrder } from "./ContactsPage";

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
  if (operation.operationName === "ContactTotal") return { data: { contactCount: 0 } };
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
    await screen.findByText(
      "Aucun contact pour l’instant : importez un fichier ou créez un contact pour commencer.",
    );
    // The empty list offers what fills it.
    expect(screen.getByRole("link", { name: "Importer un fichier" })).toHaveAttribute(
      "href",
      "/imports/new",
    );
    await user.selectOptions(await screen.findByLabelText("Segment"), "Seniors");
    await user.type(screen.getByLabelText(/Rechercher/), "durand");
    await waitFor(() =>
      expect(operations.filter((o) => o.operationName === "Contacts").at(-1)?.variables).toEqual({
        first: 50,
        after: null,
        search: "durand",
        orderBy: { field: "CREATED_AT", direction: "DESC" },
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

/** A page of three contacts, with a next page. */
function listServer(operation: RecordedOperation) {
  if (operation.operationName !== "Contacts") return server(operation);
  const contact = (id: string, lastName: string) => ({
    __typename: "Contact",
    id,
    externalId: null,
    civility: null,
    firstName: "Léa",
    lastName,
    companyName: null,
    personalEmail: `${id}@exemple.fr`,
    mobilePhone: null,
    postalCode: "75001",
    city: "Paris",
    createdAt: "2026-11-26T09:00:00Z",
  });
  return {
    data: {
      contacts: {
        __typename: "ContactConnection",
        nodes: [contact("c1", "Durand"), contact("c2", "Martin"), contact("c3", "Zola")],
        pageInfo: { __typename: "PageInfo", hasNextPage: true, endCursor: "cursor-1" },
      },
    },
  };
}

/** Shows the URL's query string, to read what the page keeps there. */
function Search() {
  return <output aria-label="url">{useLocation().search}</output>;
}

describe("the contact list's order", () => {
  it("is read from the URL and toggled per column", () => {
    expect(contactOrderFromUrl(new URLSearchParams(""))).toEqual({
      field: "CREATED_AT",
      direction: "DESC",
    });
    expect(contactOrderFromUrl(new URLSearchParams("sort=CITY&direction=DESC"))).toEqual({
      field: "CITY",
      direction: "DESC",
    });
    expect(contactOrderFromUrl(new URLSearchParams("sort=PASSWORD"))).toEqual({
      field: "CREATED_AT",
      direction: "DESC",
    });
    const byName = nextContactOrder({ field: "CREATED_AT", direction: "DESC" }, "LAST_NAME");
    expect(byName).toEqual({ field: "LAST_NAME", direction: "ASC" });
    expect(nextContactOrder(byName, "LAST_NAME")).toEqual({
      field: "LAST_NAME",
      direction: "DESC",
    });
    expect(nextContactOrder(byName, "UPDATED_AT")).toEqual({
      field: "UPDATED_AT",
      direction: "DESC",
    });
  });

  it("changes with a click or Enter on a header, in the request, aria-sort and the URL, from the first page", async () => {
    const { operations } = renderWithApi(
      <>
        <ContactsPage />
        <Search />
      </>,
      listServer,
      { route: { path: "/contacts", url: "/contacts" } },
    );
    const user = userEvent.setup();
    const lastRequest = () =>
      operations.filter((o) => o.operationName === "Contacts").at(-1)?.variables;
    await screen.findByRole("table");
    // The table is drawn anew for each order: look it up each time.
    const header = (name: RegExp) =>
      within(screen.getByRole("table")).getByRole("columnheader", { name });

    // Newest first by default.
    expect(lastRequest()?.orderBy).toEqual({ field: "CREATED_AT", direction: "DESC" });
    expect(header(/Créé le/)).toHaveAttribute("aria-sort", "descending");
    expect(header(/^Nom/)).not.toHaveAttribute("aria-sort");
    expect(header(/Mobile/).querySelector("button")).toBeNull();

    // A second page, then a new order: back to the first page.
    await user.click(screen.getByRole("button", { name: "Page suivante" }));
    await waitFor(() => expect(lastRequest()?.after).toBe("cursor-1"));
    await user.click(within(header(/^Nom/)).getByRole("button"));
    await waitFor(() =>
      expect(lastRequest()).toMatchObject({
        after: null,
        orderBy: { field: "LAST_NAME", direction: "ASC" },
      }),
    );
    expect(await screen.findByRole("columnheader", { name: /^Nom/ })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
    expect(header(/Créé le/)).not.toHaveAttribute("aria-sort");
    expect(within(header(/^Nom/)).getByText("▲")).toBeInTheDocument();
    expect(screen.getByLabelText("url")).toHaveTextContent("?sort=LAST_NAME&direction=ASC");

    // The new table gives the focus back to the header; Enter there reverses the order.
    await waitFor(() => expect(within(header(/^Nom/)).getByRole("button")).toHaveFocus());
    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(lastRequest()?.orderBy).toEqual({ field: "LAST_NAME", direction: "DESC" }),
    );
    expect(await screen.findByRole("columnheader", { name: /^Nom/ })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    expect(screen.getByLabelText("url")).toHaveTextContent("?sort=LAST_NAME&direction=DESC");
  });

  it("opens in the order the URL gives", async () => {
    const { operations } = renderWithApi(<ContactsPage />, listServer, {
      route: { path: "/contacts", url: "/contacts?sort=POSTAL_CODE&direction=DESC" },
    });
    const table = await screen.findByRole("table");
    expect(within(table).getByRole("columnheader", { name: /Localité/ })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    expect(operations.find((o) => o.operationName === "Contacts")?.variables.orderBy).toEqual({
      field: "POSTAL_CODE",
      direction: "DESC",
    });
  });
});

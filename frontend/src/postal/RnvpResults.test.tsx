import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithApi, type RecordedOperation } from "../test/renderWithApi";
import { RnvpResults } from "./RnvpResults";

function server() {
  let applied = false;
  return (operation: RecordedOperation) => {
    switch (operation.operationName) {
      case "RnvpResults":
        return {
          data: {
            rnvpResults: {
              __typename: "ContactAddressResultConnection",
              nodes: [
                {
                  __typename: "ContactAddressResult",
                  contactId: "c-1",
                  lines: ["", "", "", "12 RUE DES ECOLES", "", "69003 LYON"],
                  status: "CORRECTED",
                  appliedAt: applied ? "2026-12-02T09:30:00Z" : null,
                  reasons: [],
                },
              ],
              pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
            },
          },
        };
      case "RnvpContact":
        return {
          data: {
            contact: {
              __typename: "Contact",
              id: "c-1",
              civility: "MRS",
              firstName: "Hélène",
              lastName: "Dupré",
              companyName: null,
              addressLine1: null,
              addressLine2: null,
              addressLine3: null,
              addressLine4: "12 r des Ecoles",
              addressLine5: null,
              addressLine6: null,
              postalCode: "69003",
              city: "Lyon",
              updatedAt: "2026-12-01T10:00:00Z",
            },
          },
        };
      case "ApplyRnvpCorrections":
        applied = true;
        return {
          data: {
            applyRnvpCorrections: { __typename: "ApplyRnvpCorrectionsPayload", appliedCount: 1 },
          },
        };
      default:
        return { errors: [{ message: "unexpected", extensions: { code: "INTERNAL" } }] };
    }
  };
}

describe("an RNVP run's results", () => {
  it("names the contact and shows the address before and after", async () => {
    renderWithApi(<RnvpResults runId="r-1" corrected={1} />, server());
    const table = await screen.findByRole("table", { name: /Adresses normalisées/ });
    const row = await within(table).findByRole("row", { name: /Hélène Dupré/ });
    await waitFor(() => expect(row).toHaveTextContent("12 r des Ecoles69003 Lyon"));
    expect(row).toHaveTextContent("12 RUE DES ECOLES69003 LYON");
  });

  it("shows when the corrections were applied without reloading the page", async () => {
    const { operations } = renderWithApi(<RnvpResults runId="r-1" corrected={1} />, server());
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: /Adresses normalisées/ });
    const row = await within(table).findByRole("row", { name: /Hélène Dupré/ });
    await user.click(screen.getByRole("button", { name: "Appliquer les corrections" }));
    const dialog = screen.getByRole("alertdialog");
    expect(dialog).toHaveTextContent("L’adresse corrigée remplacera celle du contact.");
    await user.click(within(dialog).getByRole("button", { name: "Appliquer" }));
    await screen.findByText("1 adresse appliquée au contact.");
    await waitFor(() => expect(row).toHaveTextContent("02/12/2026"));
    expect(operations.filter((o) => o.operationName === "RnvpResults").length).toBeGreaterThan(1);
  });
});

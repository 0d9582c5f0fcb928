import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithApi, TEST_VIEWER, type RecordedOperation } from "../test/renderWithApi";
import { DuplicateGroupReview, type DuplicateGroupRow } from "./DuplicateGroupReview";

function contact(id: string, firstName: string, lastName: string, email: string | null) {
  return {
    __typename: "Contact" as const,
    id,
    externalId: id.toUpperCase(),
    civility: "MRS" as const,
    firstName,
    lastName,
    personalEmail: email,
    mobilePhone: null,
    addressLine4: "4 RUE DE LA REPUBLIQUE",
    postalCode: "69003",
    city: "LYON",
    birthDate: "1954-05-05",
    createdAt: "2026-11-26T10:00:00Z",
    updatedAt: "2026-11-26T10:00:00Z",
  };
}

const GROUP: DuplicateGroupRow = {
  id: "g-1",
  confidence: 0.93,
  status: "PENDING",
  survivorId: null,
  decidedAt: null,
  contacts: [
    contact("c-1", "Marie", "Durand", "marie@exemple.fr"),
    contact("c-2", "MARIE", "Durand", null),
  ],
};

const merged = {
  data: {
    mergeDuplicateGroup: {
      __typename: "MergeDuplicateGroupPayload",
      survivorId: "c-2",
      group: {
        __typename: "DuplicateGroup",
        id: "g-1",
        status: "MERGED",
        survivorId: "c-2",
        decidedAt: "2026-11-26T11:00:00Z",
      },
    },
  },
};

describe("the review of a duplicate group", () => {
  it("shows the contacts side by side and merges into the chosen one after confirmation", async () => {
    const { operations } = renderWithApi(
      <DuplicateGroupReview group={GROUP} position={1} />,
      () => merged,
    );
    const user = userEvent.setup();
    const table = screen.getByRole("table", { name: "Fiches du Groupe 1, côte à côte" });
    expect(
      within(table).getByRole("row", { name: /E-mail personnel marie@exemple.fr/ }),
    ).toBeInTheDocument();
    expect(screen.getByText("ressemblance 93 %", { exact: false })).toBeInTheDocument();
    // Dates as JJ/MM/AAAA, not the API's ISO form.
    expect(
      within(table).getByRole("row", { name: /Date de naissance 05\/05\/1954 05\/05\/1954/ }),
    ).toBeInTheDocument();
    expect(table).not.toHaveTextContent("1954-05-05");

    await user.click(screen.getByLabelText("Conserver MARIE Durand"));
    await user.click(screen.getByRole("button", { name: "Fusionner" }));
    const dialog = screen.getByRole("alertdialog", { name: "Fusionner le Groupe 1 ?" });
    // One other record: the singular, never "fiche(s)".
    expect(dialog).toHaveTextContent("L’autre fiche sera fusionnée dans celle de MARIE Durand");
    expect(operations).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Fusionner" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(operations).toEqual<RecordedOperation[]>([
      {
        operationName: "MergeDuplicateGroup",
        variables: { input: { groupId: "g-1", survivorId: "c-2" } },
      },
    ]);
  });

  it("dismisses a group only after confirmation", async () => {
    const { operations } = renderWithApi(
      <DuplicateGroupReview group={GROUP} position={2} />,
      () => ({
        data: {
          dismissDuplicateGroup: {
            __typename: "DismissDuplicateGroupPayload",
            group: {
              __typename: "DuplicateGroup",
              id: "g-1",
              status: "DISMISSED",
              survivorId: null,
              decidedAt: null,
            },
          },
        },
      }),
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Ce ne sont pas des doublons" }));
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(operations).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Ce ne sont pas des doublons" }));
    await user.click(
      within(screen.getByRole("alertdialog")).getByRole("button", {
        name: "Ce ne sont pas des doublons",
      }),
    );
    await waitFor(() => expect(operations).toHaveLength(1));
    expect(operations[0]?.operationName).toBe("DismissDuplicateGroup");
  });

  it("offers no decision without the Import right", () => {
    renderWithApi(<DuplicateGroupReview group={GROUP} position={1} />, () => ({}), {
      viewer: { ...TEST_VIEWER, rights: ["CONSULT", "ANALYSE"] },
    });
    expect(screen.queryByRole("button", { name: "Fusionner" })).not.toBeInTheDocument();
    expect(screen.queryByRole("radio")).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApi, type RecordedOperation } from "../test/renderWithApi";
import { ContactsPage } from "./ContactsPage";

function contact(id: string, firstName: string, lastName: string) {
  return {
    __typename: "Contact",
    id,
    externalId: `W-${id}`,
    civility: "MRS",
    firstName,
    lastName,
    companyName: null,
    personalEmail: `${firstName.toLowerCase()}@exemple.fr`,
    mobilePhone: null,
    postalCode: "69003",
    city: "Lyon",
    createdAt: "2026-11-26T10:00:00Z",
  };
}

function fullContact(id: string, firstName: string, lastName: string) {
  return {
    ...contact(id, firstName, lastName),
    jobTitle: null,
    professionalEmail: null,
    landlinePhone: null,
    addressLine1: null,
    addressLine2: null,
    addressLine3: null,
    addressLine4: "12 RUE DES ECOLES",
    addressLine5: null,
    addressLine6: null,
    country: "FR",
    birthDate: "1962-07-14",
    maritalStatus: null,
    gender: null,
    nationality: null,
    spokenLanguage: null,
    updatedAt: "2026-11-26T10:00:00Z",
    consents: [
      {
        __typename: "Consent",
        channel: "EMAIL",
        status: "GRANTED",
        collectedAt: "2026-11-20T09:00:00Z",
        source: "=cmd|' /C calc'!A0",
        wording: null,
        ip: null,
      },
    ],
    customValues: [],
  };
}

const pageInfo = (hasNextPage: boolean, endCursor: string | null) => ({
  __typename: "PageInfo",
  hasNextPage,
  endCursor,
});

function server(operation: RecordedOperation) {
  const after = operation.variables.after as string | null;
  switch (operation.operationName) {
    case "SegmentFilters":
      return { data: { segments: { __typename: "SegmentConnection", nodes: [] } } };
    case "ContactTotal":
      return { data: { contactCount: 120 } };
    case "ContactCursors": {
      const n = after === null ? 1 : Number(after.slice(1)) + 1;
      return {
        data: { contacts: { __typename: "ContactConnection", pageInfo: pageInfo(n < 3, `p${n}`) } },
      };
    }
    case "ContactExport":
      return {
        data: {
          contacts: {
            __typename: "ContactConnection",
            nodes:
              after === null
                ? [fullContact("1", "Hélène", "Dupré")]
                : [fullContact("2", "Zoé", "Martin")],
            pageInfo: pageInfo(after === null, after === null ? "e1" : null),
          },
        },
      };
    case "DeleteContact":
      return {
        data: {
          deleteContact: {
            __typename: "DeleteContactPayload",
            deletedContactId: (operation.variables.input as { id: string }).id,
          },
        },
      };
    default:
      return {
        data: {
          contacts: {
            __typename: "ContactConnection",
            nodes: [contact("1", "Hélène", "Dupré"), contact("2", "Zoé", "Martin")],
            pageInfo: pageInfo(true, `c-${after ?? "0"}`),
          },
        },
      };
  }
}

function captureDownloads() {
  const blobs: Blob[] = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return "blob:csv";
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
  return blobs;
}

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

afterEach(() => vi.restoreAllMocks());

describe("the contact list's actions", () => {
  it("offers a new contact, says how many contacts there are and jumps to a page", async () => {
    const { operations } = renderWithApi(<ContactsPage />, server);
    const user = userEvent.setup();
    expect(screen.getByRole("link", { name: "Nouveau contact" })).toHaveAttribute(
      "href",
      "/contacts/new",
    );
    expect(await screen.findByText("120 contacts au total")).toBeInTheDocument();
    expect(screen.getByText("Page 1 sur 3")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Aller à la page"), "3");
    await user.click(screen.getByRole("button", { name: "Aller" }));
    expect(await screen.findByText("Page 3 sur 3")).toBeInTheDocument();
    // Two light walks of the cursors, then page 3 itself after the second one.
    expect(operations.filter((o) => o.operationName === "ContactCursors")).toHaveLength(2);
    await waitFor(() =>
      expect(
        operations.filter((o) => o.operationName === "Contacts").at(-1)?.variables,
      ).toMatchObject({
        first: 50,
        after: "p2",
      }),
    );
  });

  it("deletes the selected contacts after a confirmation that names them", async () => {
    const { operations } = renderWithApi(<ContactsPage />, server);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("checkbox", { name: "Sélectionner Hélène Dupré" }));
    await user.click(screen.getByRole("checkbox", { name: "Sélectionner Zoé Martin" }));
    expect(screen.getByText("2 lignes sélectionnées")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Supprimer" }));
    const dialog = screen.getByRole("alertdialog", { name: "Supprimer 2 contacts ?" });
    expect(dialog).toHaveTextContent("Hélène Dupré");
    expect(dialog).toHaveTextContent("Zoé Martin");
    expect(operations.some((o) => o.operationName === "DeleteContact")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Supprimer les 2 contacts" }));
    expect(await screen.findByText("2 contacts supprimés.")).toBeInTheDocument();
    expect(
      operations.filter((o) => o.operationName === "DeleteContact").map((o) => o.variables),
    ).toEqual([{ input: { id: "1" } }, { input: { id: "2" } }]);
  });

  it("exports the whole list in French, with the consents, formulas neutralised", async () => {
    const blobs = captureDownloads();
    const { operations } = renderWithApi(<ContactsPage />, server);
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole("button", { name: "Exporter tous les contacts (CSV)" }),
    );
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(operations.filter((o) => o.operationName === "ContactExport")).toHaveLength(2);
    const csv = await readBlob(blobs[0]!);
    const [header, first, second] = csv.split("\r\n");
    expect(header).toContain('"Civilité";"Prénom";"Nom"');
    expect(header).toContain(
      '"Consentement E-mail";"Consentement E-mail : date";"Consentement E-mail : source"',
    );
    expect(first).toContain('"Madame";"Hélène";"Dupré"');
    expect(first).toContain('"14/07/1962"');
    expect(first).toMatch(/"Accordé";"20\/11\/2026 \d\d:00";"'=cmd\|' \/C calc'!A0"/);
    expect(second).toContain('"Zoé"');
    expect(second).toContain('"Jamais demandé"');
    expect(await screen.findByText("2 contacts exportés.")).toBeInTheDocument();
  });
});

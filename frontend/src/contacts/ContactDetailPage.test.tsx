import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { RecordedOperation } from "../test/renderWithApi";
import { renderWithApi } from "../test/renderWithApi";
import { ContactDetailPage } from "./ContactDetailPage";

const CONTACT = {
  __typename: "Contact",
  id: "c-42",
  externalId: "C00042",
  civility: "MRS",
  firstName: "Marie",
  lastName: "Durand",
  companyName: null,
  jobTitle: null,
  personalEmail: "marie@exemple.fr",
  professionalEmail: null,
  landlinePhone: null,
  mobilePhone: "+33612345678",
  addressLine1: null,
  addressLine2: null,
  addressLine3: null,
  addressLine4: "4 RUE DE LA REPUBLIQUE",
  addressLine5: null,
  addressLine6: "69003 LYON",
  postalCode: "69003",
  city: "LYON",
  country: "FR",
  birthDate: "1954-05-05",
  maritalStatus: null,
  gender: null,
  nationality: null,
  spokenLanguage: null,
  createdAt: "2026-11-26T10:00:00Z",
  updatedAt: "2026-11-26T11:00:00Z",
  consents: [
    {
      __typename: "Consent",
      channel: "EMAIL",
      status: "GRANTED",
      collectedAt: "2026-03-01T09:30:00Z",
      source: "Formulaire boutique",
      wording: "J’accepte de recevoir les offres par e-mail",
      ip: "192.0.2.10",
    },
  ],
  customValues: [
    {
      __typename: "CustomFieldValue",
      key: "fidelite",
      label: "Fidélité",
      kind: "VALUE_LIST",
      value: "Or",
    },
  ],
  history: {
    __typename: "ContactChangeConnection",
    nodes: [
      {
        __typename: "ContactChange",
        id: "h-1",
        at: "2026-11-26T11:00:00Z",
        action: "contact.update",
        actorKind: "TENANT_ADMIN",
        before: { city: "Lyon 3e" },
        after: { city: "LYON" },
      },
    ],
  },
};

function server(operation: RecordedOperation) {
  if (operation.operationName === "SetContactConsent") {
    return {
      data: { setContactConsent: { __typename: "SetContactConsentPayload", contact: CONTACT } },
    };
  }
  if (operation.operationName === "DeleteContact") {
    return {
      data: { deleteContact: { __typename: "DeleteContactPayload", deletedContactId: "c-42" } },
    };
  }
  return { data: { contact: CONTACT } };
}

describe("a contact's page", () => {
  it("shows consent per channel with its proof, custom fields and history, in French formats", async () => {
    renderWithApi(<ContactDetailPage />, server, {
      route: { path: "/contacts/:contactId", url: "/contacts/c-42" },
    });
    await screen.findByRole("heading", { level: 1, name: "Marie Durand" });
    const consents = screen.getByRole("table", { name: "Consentement par canal, avec sa preuve" });
    const email = within(consents).getByRole("row", { name: /^E-mail/ });
    expect(email).toHaveTextContent("Accordé");
    expect(email).toHaveTextContent("01/03/2026");
    expect(email).toHaveTextContent("Formulaire boutique");
    expect(email).toHaveTextContent("192.0.2.10");
    expect(within(consents).getByRole("row", { name: /^SMS/ })).toHaveTextContent("Jamais demandé");
    expect(screen.getByText("05/05/1954")).toBeInTheDocument();
    expect(screen.getByText("Madame")).toBeInTheDocument();
    expect(screen.getByText("Or")).toBeInTheDocument();
    expect(screen.getByText("contact.update")).toBeInTheDocument();
    expect(screen.getByText(/champs : city/)).toBeInTheDocument();
  });

  it("deletes the contact only after confirmation", async () => {
    const { operations } = renderWithApi(<ContactDetailPage />, server, {
      route: { path: "/contacts/:contactId", url: "/contacts/c-42" },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Supprimer le contact" }));
    const dialog = screen.getByRole("alertdialog", { name: "Supprimer Marie Durand ?" });
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Supprimer le contact" }));
    await screen.findByText("Autre page");
    await waitFor(() =>
      expect(operations.map((o) => o.operationName)).toEqual(["Contact", "DeleteContact"]),
    );
    expect(operations[1]?.variables).toEqual({ input: { id: "c-42" } });
  });

  it("records a consent with its proof", async () => {
    const { operations } = renderWithApi(<ContactDetailPage />, server, {
      route: { path: "/contacts/:contactId", url: "/contacts/c-42" },
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole("button", { name: "Enregistrer le consentement SMS" }),
    );
    const dialog = screen.getByRole("dialog", { name: "Consentement SMS" });
    await user.click(within(dialog).getByLabelText("Refusé"));
    await user.type(within(dialog).getByLabelText(/Source/), "Appel au service client");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le consentement" }));
    expect(await screen.findByText("Consentement SMS enregistré.")).toBeInTheDocument();
    const sent = operations.find((o) => o.operationName === "SetContactConsent");
    expect(sent?.variables).toMatchObject({
      input: {
        contactId: "c-42",
        channel: "SMS",
        status: "DENIED",
        source: "Appel au service client",
        wording: null,
        ip: null,
      },
    });
  });
});

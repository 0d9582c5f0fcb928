import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { AnnouncementFieldsFragment } from "../gql/graphql";
import { apiError, renderWithApi, type FakeServer } from "../test/renderWithApi";
import { AnnouncementForm } from "./AnnouncementForm";

const tenants = {
  data: {
    tenants: {
      __typename: "TenantConnection",
      nodes: [{ __typename: "Tenant", id: "t-acme", name: "Acme SAS" }],
    },
  },
};

function serverAnswering(mutation: FakeServer): FakeServer {
  return (operation) =>
    operation.operationName === "AnnouncementTenants" ? tenants : mutation(operation);
}

const saved = (input: Record<string, unknown>) => ({
  __typename: "Announcement",
  id: "a-1",
  severity: "WARNING",
  textFr: "x",
  textEn: null,
  startsAt: "2026-11-26T09:00:00Z",
  endsAt: null,
  endedAt: null,
  tenantId: null,
  status: "ACTIVE",
  updatedAt: "2026-11-26T09:00:00Z",
  ...input,
});

describe("writing an announcement", () => {
  it("requires the French text, then publishes to the chosen audience", async () => {
    const onDone = vi.fn();
    const { operations } = renderWithApi(
      <AnnouncementForm editing={null} onDone={onDone} onCancel={vi.fn()} />,
      serverAnswering(({ variables }) => ({
        data: {
          createAnnouncement: {
            __typename: "CreateAnnouncementPayload",
            announcement: saved(variables.input as Record<string, unknown>),
          },
        },
      })),
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Publier l’annonce" }));
    expect(screen.getByLabelText("Texte en français")).toHaveAccessibleDescription(
      expect.stringContaining("Ce champ est obligatoire."),
    );
    expect(operations.filter((o) => o.operationName === "CreateAnnouncement")).toHaveLength(0);

    await user.selectOptions(screen.getByLabelText("Gravité"), "WARNING");
    await user.type(screen.getByLabelText("Texte en français"), "Lenteurs possibles ce soir.");
    await screen.findByRole("option", { name: "Acme SAS" });
    await user.selectOptions(screen.getByLabelText("Destinataires"), "t-acme");
    await user.click(screen.getByRole("button", { name: "Publier l’annonce" }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith("Annonce publiée."));
    const sent = operations.find((o) => o.operationName === "CreateAnnouncement");
    expect(sent?.variables).toMatchObject({
      input: {
        severity: "WARNING",
        textFr: "Lenteurs possibles ce soir.",
        textEn: null,
        endsAt: null,
        tenantId: "t-acme",
      },
    });
  });

  it("puts the API's refusals next to their field, or above the form", async () => {
    let answer = apiError({ code: "INVALID_INPUT", field: "tenantId", reason: "UNKNOWN_TENANT" });
    const editing = saved({ textFr: "Ancien texte" }) as AnnouncementFieldsFragment;
    renderWithApi(
      <AnnouncementForm editing={editing} onDone={vi.fn()} onCancel={vi.fn()} />,
      serverAnswering(() => answer),
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Enregistrer l’annonce" }));
    await waitFor(() =>
      expect(screen.getByLabelText("Destinataires")).toHaveAccessibleDescription(
        "Ce client n’existe pas.",
      ),
    );
    answer = apiError({ code: "CONFLICT", reason: "ANNOUNCEMENT_ENDED" });
    await user.click(screen.getByRole("button", { name: "Enregistrer l’annonce" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Cette annonce est terminée : elle ne peut plus être modifiée.",
    );
  });

  it("refuses an end before the start", async () => {
    renderWithApi(
      <AnnouncementForm editing={null} onDone={vi.fn()} onCancel={vi.fn()} />,
      serverAnswering(() => ({})),
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Texte en français"), "Bonjour");
    const start = screen.getByLabelText("Début");
    await user.clear(start);
    await user.type(start, "2026-12-01T10:00");
    await user.type(screen.getByLabelText(/^Fin/), "2026-12-01T09:00");
    await user.click(screen.getByRole("button", { name: "Publier l’annonce" }));
    expect(screen.getByLabelText(/^Fin/)).toHaveAccessibleDescription(
      expect.stringContaining("La fin doit venir après le début."),
    );
  });
});

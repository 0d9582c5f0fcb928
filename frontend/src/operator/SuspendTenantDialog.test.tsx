import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { TenantFieldsFragment } from "../gql/graphql";
import { apiError, renderWithApi } from "../test/renderWithApi";
import { SuspendTenantDialog } from "./SuspendTenantDialog";

const tenant: TenantFieldsFragment = {
  id: "t-9",
  name: "Client E2E SARL",
  platform: "SHARED",
  status: "ACTIVE",
  suspendedReason: null,
  createdAt: "2026-11-26T09:00:00Z",
  userCount: 3,
};

describe("suspending a tenant", () => {
  it("requires a reason, then suspends", async () => {
    const onClose = vi.fn();
    const { operations } = renderWithApi(
      <SuspendTenantDialog tenant={tenant} onClose={onClose} />,
      () => ({
        data: {
          suspendTenant: {
            __typename: "SuspendTenantPayload",
            tenant: { __typename: "Tenant", ...tenant, status: "SUSPENDED" },
          },
        },
      }),
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Suspendre le client" }));
    expect(screen.getByLabelText("Motif de la suspension")).toHaveAccessibleDescription(
      expect.stringContaining("Ce champ est obligatoire."),
    );
    expect(operations).toHaveLength(0);

    await user.type(screen.getByLabelText("Motif de la suspension"), "Facture impayée");
    await user.click(screen.getByRole("button", { name: "Suspendre le client" }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith("Client E2E SARL est suspendu."));
    expect(operations[0]?.variables).toEqual({
      input: { tenantId: "t-9", reason: "Facture impayée" },
    });
  });

  it("explains a refusal from the API", async () => {
    renderWithApi(<SuspendTenantDialog tenant={tenant} onClose={vi.fn()} />, () =>
      apiError({ code: "CONFLICT", reason: "INVALID_TENANT_STATE" }),
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Motif de la suspension"), "Facture impayée");
    await user.click(screen.getByRole("button", { name: "Suspendre le client" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Le statut actuel du client ne permet pas cette opération.",
    );
  });
});

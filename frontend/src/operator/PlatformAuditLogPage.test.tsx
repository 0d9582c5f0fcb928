import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderWithApi, TEST_VIEWER, type RecordedOperation } from "../test/renderWithApi";
import { PlatformAuditLogPage } from "./PlatformAuditLogPage";

const OPERATOR = {
  ...TEST_VIEWER,
  kind: "OPERATOR_STAFF" as const,
  isOperator: true,
  isTenantAdmin: false,
  tenant: null,
};

function server(operation: RecordedOperation) {
  if (operation.operationName === "AnnouncementTenants") {
    return {
      data: {
        tenants: {
          __typename: "TenantConnection",
          nodes: [{ __typename: "Tenant", id: "t-1", name: "Boutique Léa" }],
        },
      },
    };
  }
  return {
    data: {
      platformAuditLog: {
        __typename: "AuditEntryConnection",
        nodes: [
          {
            __typename: "AuditEntry",
            id: "e-1",
            tenantId: "t-1",
            at: "2026-12-01T09:00:00Z",
            actorKind: "TENANT_ADMIN",
            actorId: "u-1",
            action: "contact.update",
            targetType: "contact",
            targetId: "c-1",
            sealedPosition: 7,
          },
          {
            __typename: "AuditEntry",
            id: "e-2",
            tenantId: null,
            at: "2026-12-01T08:00:00Z",
            actorKind: "OPERATOR_STAFF",
            actorId: "o-1",
            action: "tenant.create",
            targetType: "tenant",
            targetId: "t-1",
            sealedPosition: null,
          },
        ],
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
      },
    },
  };
}

describe("the platform's audit log", () => {
  it("names each entry's client, shows no personal content and searches one client", async () => {
    const { operations } = renderWithApi(<PlatformAuditLogPage />, server, { viewer: OPERATOR });
    const table = await screen.findByRole("table");
    expect(within(table).getByRole("row", { name: /contact\.update/ })).toHaveTextContent(
      "Boutique Léa",
    );
    expect(within(table).getByRole("row", { name: /tenant\.create/ })).toHaveTextContent(
      "Plateforme",
    );
    expect(within(table).queryByText("Voir le détail")).toBeNull();

    await userEvent.selectOptions(await screen.findByLabelText("Client"), "t-1");
    await vi.waitFor(() =>
      expect(
        operations.filter((o) => o.operationName === "PlatformAuditLog").at(-1)?.variables.tenantId,
      ).toBe("t-1"),
    );
  });
});

import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApi, type RecordedOperation } from "../../test/renderWithApi";
import { AuditLogPage } from "./AuditLogPage";

function entry(id: string, sealedPosition: number | null, redactedAt: string | null = null) {
  return {
    __typename: "AuditEntry",
    id,
    at: "2026-12-01T09:00:00Z",
    actorKind: "TENANT_ADMIN",
    actorId: null,
    action: "contact.update",
    targetType: "contact",
    targetId: "c-1",
    before: redactedAt ? null : { lastName: "Martin" },
    after: redactedAt ? null : { lastName: "Martín" },
    sealedPosition,
    redactedAt,
  };
}

function server(operation: RecordedOperation) {
  switch (operation.operationName) {
    case "AuditLog":
      return {
        data: {
          auditLog: {
            __typename: "AuditEntryConnection",
            nodes: [
              entry("e-3", null),
              entry("e-2", 1234),
              entry("e-1", 1233, "2026-12-02T10:00:00Z"),
            ],
            pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
          },
        },
      };
    case "AuditCheckpoint":
      return {
        data: {
          auditCheckpoint: {
            __typename: "AuditCheckpoint",
            size: 1234,
            root: "ab".repeat(32),
            sealedAt: "2026-12-01T09:01:00Z",
            publicKey: "cGxhdGZvcm0ta2V5",
          },
        },
      };
    case "AuditProofBundle":
      return { data: { auditProofBundle: '{"format":"crm360-audit-proof/1"}' } };
    default:
      throw new Error(`unexpected ${operation.operationName}`);
  }
}

afterEach(() => vi.restoreAllMocks());

describe("the audit log's seal", () => {
  it("shows each entry's seal and downloads the proof of the sealed entries shown", async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      saved.push(blob);
      return "blob:proof";
    });
    URL.revokeObjectURL = vi.fn();
    const { operations } = renderWithApi(<AuditLogPage />, server);
    const table = await screen.findByRole("table");
    expect(within(table).getAllByRole("row")[1]).toHaveTextContent("En attente de scellement");
    expect(within(table).getAllByRole("row")[2]).toHaveTextContent(/Scellée, n° 1\s234/);
    expect(within(table).getAllByRole("row")[3]).toHaveTextContent("Contenu effacé le 02/12/2026");
    expect(await screen.findByText(/1\s234 opérations scellées/)).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole("button", { name: "Télécharger la preuve des 2 opérations de cette page" }),
    );
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    const asked = operations.find((o) => o.operationName === "AuditProofBundle");
    expect(asked?.variables).toEqual({ ids: ["e-2", "e-1"] });
    expect(saved[0]?.type).toBe("application/json");
  });

  it("searches by operation and period, each search from its first page", async () => {
    const { operations } = renderWithApi(<AuditLogPage />, server);
    await screen.findByRole("table");
    await userEvent.type(screen.getByLabelText("Opération", { exact: false }), "contact.");
    await userEvent.type(screen.getByLabelText("Du"), "2026-12-01");
    await userEvent.type(screen.getByLabelText("Au"), "2026-11-30");
    await userEvent.click(screen.getByRole("button", { name: "Rechercher" }));
    expect(
      await screen.findByText("La date de fin doit suivre la date de début."),
    ).toBeInTheDocument();
    expect(operations.filter((o) => o.operationName === "AuditLog")).toHaveLength(1);

    await userEvent.clear(screen.getByLabelText("Au"));
    await userEvent.type(screen.getByLabelText("Au"), "2026-12-01");
    await userEvent.click(screen.getByRole("button", { name: "Rechercher" }));
    await vi.waitFor(() =>
      expect(operations.filter((o) => o.operationName === "AuditLog")).toHaveLength(2),
    );
    const searched = operations.filter((o) => o.operationName === "AuditLog")[1];
    const search = searched?.variables.search as Record<string, string | null>;
    expect(search.action).toBe("contact.");
    expect(search.targetId).toBeNull();
    expect(new Date(search.to ?? "").getTime() - new Date(search.from ?? "").getTime()).toBe(
      24 * 3600 * 1000,
    );
    expect(searched?.variables.after).toBeNull();
  });
});

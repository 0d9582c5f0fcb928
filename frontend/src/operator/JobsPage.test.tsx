import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithApi, TEST_VIEWER, type RecordedOperation } from "../test/renderWithApi";
import { JobsPage } from "./JobsPage";

const OPERATOR = {
  ...TEST_VIEWER,
  kind: "OPERATOR_STAFF" as const,
  isOperator: true,
  isTenantAdmin: false,
  rights: [],
  tenant: null,
};

function job(overrides: Record<string, unknown>) {
  return {
    __typename: "DurableJob",
    id: "j-1",
    kind: "contacts.import",
    status: "DEAD",
    tenantId: "t-1",
    attempts: 5,
    maxAttempts: 5,
    lastError: "file not found: uploads/abc.csv",
    runAt: "2026-12-01T09:00:00Z",
    lockedUntil: null,
    createdAt: "2026-12-01T08:00:00Z",
    finishedAt: "2026-12-01T09:05:00Z",
    ...overrides,
  };
}

function server(retried: RecordedOperation[]) {
  return (operation: RecordedOperation) => {
    switch (operation.operationName) {
      case "JobsNeedingAttention":
        return {
          data: {
            jobsNeedingAttention: retried.length
              ? [
                  job({
                    id: "j-2",
                    kind: "postal.rnvp",
                    status: "RUNNING",
                    tenantId: null,
                    attempts: 1,
                    lockedUntil: "2026-12-01T09:00:00Z",
                    lastError: null,
                    finishedAt: null,
                  }),
                ]
              : [
                  job({}),
                  job({
                    id: "j-2",
                    kind: "postal.rnvp",
                    status: "RUNNING",
                    tenantId: null,
                    attempts: 1,
                    lockedUntil: "2026-12-01T09:00:00Z",
                    lastError: null,
                    finishedAt: null,
                  }),
                ],
          },
        };
      case "JobTenants":
        return {
          data: {
            tenants: {
              __typename: "TenantConnection",
              nodes: [{ __typename: "Tenant", id: "t-1", name: "Démo Boutique SAS" }],
            },
          },
        };
      case "RetryJob":
        retried.push(operation);
        return {
          data: {
            retryJob: {
              __typename: "RetryJobPayload",
              job: job({ status: "QUEUED", attempts: 0, finishedAt: null }),
            },
          },
        };
      default:
        return { errors: [{ message: "unexpected", extensions: { code: "INTERNAL" } }] };
    }
  };
}

describe("the operator's jobs needing attention", () => {
  it("lists dead and stuck jobs with kind, client, attempts and error", async () => {
    renderWithApi(<JobsPage />, server([]), { viewer: OPERATOR });
    const table = await screen.findByRole("table", { name: /2 tâches à examiner/ });
    const dead = within(table).getByRole("row", { name: /contacts\.import/ });
    expect(dead).toHaveTextContent("Morte");
    await waitFor(() => expect(dead).toHaveTextContent("Démo Boutique SAS"));
    expect(dead).toHaveTextContent("5 sur 5");
    expect(dead).toHaveTextContent("file not found: uploads/abc.csv");
    const stuck = within(table).getByRole("row", { name: /postal\.rnvp/ });
    expect(stuck).toHaveTextContent("Bloquée");
    expect(stuck).toHaveTextContent("Plateforme");
    expect(stuck).toHaveTextContent("Aucune erreur enregistrée");
  });

  it("retries a job only after confirmation, then lists what is left", async () => {
    const retried: RecordedOperation[] = [];
    renderWithApi(<JobsPage />, server(retried), { viewer: OPERATOR });
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: /2 tâches à examiner/ });
    const dead = within(table).getByRole("row", { name: /contacts\.import/ });
    await user.click(within(dead).getByRole("button", { name: "Relancer" }));
    const dialog = screen.getByRole("alertdialog", { name: "Relancer la tâche contacts.import ?" });
    expect(dialog).toHaveTextContent("5 tentatives faites");
    expect(retried).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Relancer" }));
    await waitFor(() => expect(retried).toHaveLength(1));
    expect(retried[0]?.variables).toEqual({ id: "j-1" });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "La tâche contacts.import de Démo Boutique SAS est relancée.",
    );
    expect(await screen.findByRole("table", { name: /1 tâche à examiner/ })).toBeInTheDocument();
  });

  it("says so when nothing needs attention", async () => {
    renderWithApi(
      <JobsPage />,
      () => ({
        data: { jobsNeedingAttention: [], tenants: { __typename: "TenantConnection", nodes: [] } },
      }),
      { viewer: OPERATOR },
    );
    expect(
      await screen.findByText("Aucune tâche en souffrance : tout tourne."),
    ).toBeInTheDocument();
  });
});

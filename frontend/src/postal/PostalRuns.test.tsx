import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithApi, type RecordedOperation } from "../test/renderWithApi";
import { PostalPage } from "./PostalPage";
import { PostalRunPage } from "./PostalRunPage";

const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");

function run(overrides: Record<string, unknown> = {}) {
  return {
    __typename: "PostalRun",
    id: "r-1",
    kind: "RNVP",
    segmentId: null,
    status: "QUEUED",
    total: 0,
    processed: 0,
    percent: 100,
    valid: 0,
    corrected: 0,
    invalid: 0,
    groups: 0,
    error: null,
    createdAt: "2026-12-02T09:00:00Z",
    finishedAt: null,
    ...overrides,
  };
}

function server(operation: RecordedOperation) {
  switch (operation.operationName) {
    case "SegmentChoices":
      return {
        data: {
          segments: {
            __typename: "SegmentConnection",
            nodes: [{ __typename: "Segment", id: "s-1", name: "Seniors" }],
          },
        },
      };
    case "PostalSegmentDefinition":
      return {
        data: {
          segment: {
            __typename: "Segment",
            id: "s-1",
            definition: { condition: { computed: "Age", operator: "GreaterOrEqual", value: "60" } },
          },
        },
      };
    case "PostalRunScopeCount":
      return { data: { contactCount: operation.variables.definition ? 2345 : 120 } };
    case "PostalRuns":
      return {
        data: {
          postalRuns: {
            __typename: "PostalRunConnection",
            nodes: [],
            pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
          },
        },
      };
    case "StartRnvpRun":
      return { data: { startRnvpRun: { __typename: "StartPostalRunPayload", run: run() } } };
    case "PostalRun":
      return { data: { postalRun: run() } };
    default:
      return { errors: [{ message: "unexpected", extensions: { code: "INTERNAL" } }] };
  }
}

describe("postal runs", () => {
  it("ask before a billed run, with the number of addresses and the estimated cost", async () => {
    const { operations } = renderWithApi(<PostalPage />, server, {
      route: { path: "/postal", url: "/postal" },
    });
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText(/Contacts traités/), "s-1");
    await user.click(screen.getByRole("button", { name: "Lancer la RNVP" }));
    const dialog = screen.getByRole("alertdialog", { name: "Lancer la RNVP ?" });
    await waitFor(() => expect(plain(dialog.textContent)).toContain("soit 2 345 adresses"));
    expect(plain(dialog.textContent)).toContain("Coût estimé : 23,45 € HT");
    expect(plain(dialog.textContent)).toContain("2 345 adresses à 10,00 € HT les 1 000");
    expect(operations.some((o) => o.operationName === "StartRnvpRun")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Lancer la RNVP" }));
    await waitFor(() =>
      expect(operations.find((o) => o.operationName === "StartRnvpRun")?.variables).toEqual({
        input: { segmentId: "s-1" },
      }),
    );
  });

  it("prices deduplication at 0.25 € per 1 000 addresses read", async () => {
    renderWithApi(<PostalPage />, server, { route: { path: "/postal", url: "/postal" } });
    const user = userEvent.setup();
    await screen.findByRole("option", { name: "Segment « Seniors »" });
    await user.click(screen.getByRole("button", { name: "Lancer le dédoublonnage" }));
    const dialog = screen.getByRole("alertdialog", { name: "Lancer le dédoublonnage ?" });
    await waitFor(() => expect(plain(dialog.textContent)).toContain("soit 120 adresses"));
    expect(plain(dialog.textContent)).toContain("Coût estimé : 0,03 € HT");
  });

  it("a new run waits without saying 0 of 0 — 100 %", async () => {
    renderWithApi(<PostalRunPage />, server, {
      route: { path: "/postal/runs/:runId", url: "/postal/runs/r-1" },
    });
    const bar = await screen.findByRole("progressbar", { name: "Progression du traitement" });
    expect(bar).toHaveAttribute("aria-valuetext", "En attente…");
    expect(screen.queryByText(/0 sur 0/)).toBeNull();
    expect(screen.queryByText(/100/)).toBeNull();
  });
});

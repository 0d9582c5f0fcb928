import { act, screen, waitFor } from "@testing-library/react";
import type { SubscriptionForwarder } from "urql";
import { describe, expect, it } from "vitest";
import type { ImportFieldsFragment } from "../gql/graphql";
import { renderWithApi } from "../test/renderWithApi";
import { ImportProgress } from "./ImportProgress";

const RUNNING: ImportFieldsFragment = {
  id: "imp-1",
  filename: "clients.csv",
  status: "RUNNING",
  dryRun: false,
  upsertKey: "EXTERNAL_ID",
  failure: null,
  encoding: "UTF-8",
  delimiter: ";",
  progressPercent: 20,
  rowsDone: 200,
  rowsCreated: 200,
  rowsUpdated: 0,
  rowsUnchanged: 0,
  rowsFailed: 0,
  createdAt: "2026-11-26T10:00:00Z",
  startedAt: "2026-11-26T10:00:01Z",
  finishedAt: null,
  errorReportUrl: "/imports/imp-1/errors",
};

const DONE: ImportFieldsFragment = {
  ...RUNNING,
  status: "DONE",
  progressPercent: 100,
  rowsDone: 1000,
  rowsCreated: 999,
  rowsFailed: 1,
  finishedAt: "2026-11-26T10:00:09Z",
};

function asImport(state: ImportFieldsFragment, errors: unknown[] = []) {
  return {
    __typename: "Import",
    ...state,
    errors: {
      __typename: "ImportRowErrorConnection",
      nodes: errors,
      pageInfo: { __typename: "PageInfo", hasNextPage: false },
    },
  };
}

/** A WebSocket stand-in: the test pushes the server's events. */
function fakeSubscriptions() {
  const sinks: { next: (value: unknown) => void; complete: () => void }[] = [];
  const forward: SubscriptionForwarder = () => ({
    subscribe(sink) {
      sinks.push(sink as (typeof sinks)[number]);
      return { unsubscribe: () => {} };
    },
  });
  return {
    forward,
    push(state: ImportFieldsFragment) {
      act(() => {
        for (const sink of sinks) {
          sink.next({ data: { importProgress: { __typename: "Import", ...state } } });
        }
      });
    },
    get count() {
      return sinks.length;
    },
  };
}

describe("an import's progress", () => {
  it("moves the progress bar with the subscription's events, then shows the refused rows", async () => {
    let finished = false;
    const live = fakeSubscriptions();
    renderWithApi(
      <ImportProgress importId="imp-1" />,
      () => ({
        data: {
          import: finished
            ? asImport(DONE, [
                {
                  __typename: "ImportRowError",
                  line: 8,
                  column: "Email",
                  reason: "INVALID_EMAIL",
                  message: "not an email",
                },
              ])
            : asImport(RUNNING),
        },
      }),
      { subscriptions: live.forward },
    );
    const bar = await screen.findByRole("progressbar", { name: "Progression de l’import" });
    expect(bar).toHaveAttribute("aria-valuenow", "20");
    await waitFor(() => expect(live.count).toBe(1));

    live.push({ ...RUNNING, progressPercent: 60, rowsDone: 600, rowsCreated: 600 });
    expect(bar).toHaveAttribute("aria-valuenow", "60");
    expect(screen.getAllByText("600", { selector: "dd" })).toHaveLength(2);

    finished = true;
    live.push(DONE);
    expect(await screen.findByRole("table", { name: /^Lignes refusées/ })).toHaveTextContent(
      "Cette adresse e-mail n’est pas valide.",
    );
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
    expect(
      screen.getByRole("link", { name: "Télécharger le rapport d’erreurs (CSV)" }),
    ).toHaveAttribute("href", "/imports/imp-1/errors");
  });
});

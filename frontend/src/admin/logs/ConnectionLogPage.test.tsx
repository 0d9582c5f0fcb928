import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/renderWithApi";
import { ConnectionLogPage } from "./ConnectionLogPage";

const CHROME_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describe("the connection log", () => {
  it("names the browser and the system in words, not the raw user-agent", async () => {
    renderWithApi(<ConnectionLogPage />, () => ({
      data: {
        connectionLog: {
          __typename: "ConnectionLogEntryConnection",
          nodes: [
            {
              __typename: "ConnectionLogEntry",
              id: "l-1",
              at: "2026-12-01T09:00:00Z",
              email: "admin@demo.crm360.demo",
              ip: "192.0.2.1",
              userAgent: CHROME_WINDOWS,
              outcome: "SUCCESS",
            },
            {
              __typename: "ConnectionLogEntry",
              id: "l-2",
              at: "2026-12-01T08:00:00Z",
              email: "consult@demo.crm360.demo",
              ip: null,
              userAgent: null,
              outcome: "WRONG_CREDENTIALS",
            },
          ],
          pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        },
      },
    }));
    const table = await screen.findByRole("table");
    const first = within(table).getByRole("row", { name: /admin@/ });
    expect(first).toHaveTextContent("Chrome 131 sur Windows 10");
    expect(first).not.toHaveTextContent("Mozilla/5.0");
    expect(first).toHaveTextContent("01/12/2026");
    expect(within(table).getByRole("row", { name: /consult@/ })).toHaveTextContent("Non transmis");
  });
});

import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Link, MemoryRouter } from "react-router";
import { Provider } from "urql";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient } from "../api/client";
import { I18nProvider } from "../i18n/I18nProvider";
import { SessionContext, type Viewer } from "../session/SessionProvider";
import { fakeFetch, TEST_VIEWER, type RecordedOperation } from "../test/renderWithApi";
import { AnalyticsConsent } from "./AnalyticsConsent";
import { AnalyticsPreference } from "./AnalyticsPreference";
import { analyticsChoice, readVisit, resetAnalyticsChoice } from "./visitCookie";

/** The banner on a page, with a link to another page, as `viewer` (null: not signed in). */
function renderBanner(viewer: Viewer | null = TEST_VIEWER) {
  const operations: RecordedOperation[] = [];
  const client = createApiClient(
    () => {},
    fakeFetch(() => ({ data: { recordPageView: { recorded: true, newVisit: true } } }), operations),
  );
  const session = {
    viewer,
    ended: null,
    signedIn: () => {},
    updateViewer: () => {},
    signOut: async () => {},
    refresh: async () => viewer,
  };
  render(
    <I18nProvider>
      <MemoryRouter initialEntries={["/contacts/0193f1c2-7a4b-7cde-8f00-123456789abc"]}>
        <SessionContext.Provider value={session}>
          <Provider value={client}>
            <AnalyticsConsent />
            <button type="button">Travailler</button>
            <Link to="/segments">Segments</Link>
          </Provider>
        </SessionContext.Provider>
      </MemoryRouter>
    </I18nProvider>,
  );
  return operations;
}

const pageViews = (operations: RecordedOperation[]) =>
  operations.filter((o) => o.operationName === "RecordPageView");

describe("the audience-measurement banner", () => {
  afterEach(() => resetAnalyticsChoice());

  it("lets the user refuse, and stores and sends nothing", async () => {
    const operations = renderBanner();
    const user = userEvent.setup();
    // The page stays usable while the banner is shown.
    await user.click(screen.getByRole("button", { name: "Travailler" }));
    await user.click(screen.getByRole("button", { name: "Refuser" }));
    expect(screen.queryByRole("region", { name: "Mesure d’audience" })).not.toBeInTheDocument();
    expect(analyticsChoice()).toBe("refused");
    expect(readVisit()).toBeNull();
    // Browsing on after a refusal sends nothing to the operator.
    await user.click(screen.getByRole("link", { name: "Segments" }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(operations).toEqual([]);
  });

  it("sends nothing before the user has chosen", async () => {
    const operations = renderBanner();
    await userEvent.setup().click(screen.getByRole("link", { name: "Segments" }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(operations).toEqual([]);
    expect(readVisit()).toBeNull();
  });

  it("sets the visit cookie when the user accepts, and records each page viewed", async () => {
    const operations = renderBanner();
    expect(screen.getByRole("region", { name: "Mesure d’audience" })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Accepter" }));
    const visit = readVisit();
    expect(visit).not.toBeNull();
    await waitFor(() => expect(pageViews(operations)).toHaveLength(1));
    // The random id and the path only: the server reduces the path to its route pattern.
    expect(pageViews(operations)[0]?.variables).toEqual({
      input: {
        visitorId: visit?.id,
        path: "/contacts/0193f1c2-7a4b-7cde-8f00-123456789abc",
        previousVisitOn: null,
      },
    });
    await user.click(screen.getByRole("link", { name: "Segments" }));
    await waitFor(() => expect(pageViews(operations)).toHaveLength(2));
    expect(pageViews(operations)[1]?.variables).toMatchObject({ input: { path: "/segments" } });
  });

  it.each([
    ["nobody is signed in", null],
    [
      "operator staff browse",
      { ...TEST_VIEWER, kind: "OPERATOR_STAFF", isOperator: true, rights: [], tenant: null },
    ],
  ] as [string, Viewer | null][])(
    "keeps the cookie but sends nothing when %s",
    async (_, viewer) => {
      const operations = renderBanner(viewer);
      await userEvent.setup().click(screen.getByRole("button", { name: "Accepter" }));
      expect(readVisit()).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(operations).toEqual([]);
    },
  );
});

describe("changing one's mind on the account page", () => {
  afterEach(() => resetAnalyticsChoice());

  it("withdraws an accepted consent and removes the cookie", async () => {
    render(
      <I18nProvider>
        <AnalyticsPreference />
      </I18nProvider>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Accepter" }));
    expect(readVisit()).not.toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent("Vous avez accepté la mesure d’audience.");
    await user.click(screen.getByRole("button", { name: "Refuser" }));
    expect(readVisit()).toBeNull();
    expect(analyticsChoice()).toBe("refused");
  });
});

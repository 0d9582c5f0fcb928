import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import { Provider, type SubscriptionForwarder } from "urql";
import { createApiClient } from "../api/client";
import { I18nProvider } from "../i18n/I18nProvider";
import { SessionContext, type Session, type Viewer } from "../session/SessionProvider";

/** One GraphQL request as the fake server receives it. */
export interface RecordedOperation {
  operationName: string;
  variables: Record<string, unknown>;
}

/** What the fake server answers: `data`, or GraphQL `errors` with their extensions. */
export interface FakeResponse {
  data?: unknown;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

export type FakeServer = (operation: RecordedOperation) => FakeResponse;

/**
 * A `fetch` that sends GraphQL requests to a fake server, a function from the operation to
 * the response, instead of the network. Every request is recorded in `operations`.
 */
export function fakeFetch(server: FakeServer, operations: RecordedOperation[]): typeof fetch {
  return async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as RecordedOperation;
    operations.push({ operationName: body.operationName, variables: body.variables });
    return new Response(JSON.stringify(server(body)), {
      status: 200,
      headers: { "Content-Type": "application/json" },
    });
  };
}

/** A tenant administrator holding every right, for components that read the viewer. */
export const TEST_VIEWER: Viewer = {
  kind: "TENANT_ADMIN",
  email: "admin@demo.crm360.demo",
  firstName: "Adèle",
  lastName: "Administratrice",
  rights: ["IMPORT", "CONSULT", "COMMUNICATE", "ANALYSE"],
  isTenantAdmin: true,
  isOperator: false,
  mustChangePassword: false,
  idleTimeoutSeconds: 1200,
  tenant: { id: "t1", name: "Démo Boutique SAS" },
};

export interface RenderOptions {
  viewer?: Viewer;
  /** The URL the page is opened at, and the route pattern it is mounted on. */
  route?: { path: string; url: string };
  /** Answers subscriptions in place of the WebSocket. */
  subscriptions?: SubscriptionForwarder;
}

/** Renders a component as the app would (dictionary, router, GraphQL client, viewer). */
export function renderWithApi(
  ui: ReactElement,
  server: FakeServer,
  { viewer = TEST_VIEWER, route, subscriptions }: RenderOptions = {},
): RenderResult & { operations: RecordedOperation[] } {
  const operations: RecordedOperation[] = [];
  // The app's own client, minus the reaction to a lost session (the app's, not a component's).
  const client = createApiClient(() => {}, fakeFetch(server, operations), subscriptions);
  const session: Session = {
    viewer,
    ended: null,
    signedIn: () => {},
    updateViewer: () => {},
    signOut: async () => {},
    refresh: async () => viewer,
  };
  const result = render(
    <I18nProvider>
      <MemoryRouter initialEntries={[route?.url ?? "/"]}>
        <SessionContext.Provider value={session}>
          <Provider value={client}>
            {route ? (
              <Routes>
                <Route path={route.path} element={ui} />
                <Route path="*" element={<p>Autre page</p>} />
              </Routes>
            ) : (
              ui
            )}
          </Provider>
        </SessionContext.Provider>
      </MemoryRouter>
    </I18nProvider>,
  );
  return Object.assign(result, { operations });
}

/** A GraphQL error as the API sends it. */
export function apiError(extensions: Record<string, unknown>): FakeResponse {
  return { errors: [{ message: "refused", extensions }] };
}

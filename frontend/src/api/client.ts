import {
  Client,
  cacheExchange,
  fetchExchange,
  mapExchange,
  subscriptionExchange,
  type SubscriptionForwarder,
} from "urql";
import { toApiErrors } from "./apiError";
import { webSocketForwarder } from "./subscriptions";

/** The GraphQL endpoint is same-origin; the session lives in an HttpOnly cookie. */
const GRAPHQL_URL = "/graphql";

/** The header that proves a request comes from the app itself (see the README's security section). */
export const CSRF_HEADER = "X-CRM360-CSRF";

/**
 * Creates the app's GraphQL client. `onSessionLost` runs when the API says the session is gone
 * (UNAUTHENTICATED on anything but the login itself), so the app can show the login page; it
 * gets the API's reason (`SESSION_EXPIRED`, `TENANT_SUSPENDED`, ...) when there is one.
 * `fetchImpl` and `forwardSubscription` let tests answer in place of the server.
 */
export function createApiClient(
  onSessionLost: (reason?: string) => void,
  fetchImpl?: typeof fetch,
  forwardSubscription: SubscriptionForwarder = webSocketForwarder(),
): Client {
  return new Client({
    url: GRAPHQL_URL,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    // The CSRF header: the server refuses a cookie-authenticated request without it (a
    // cross-site form cannot send it, nor a cross-site script without a CORS preflight).
    fetchOptions: { credentials: "same-origin", headers: { [CSRF_HEADER]: "1" } },
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError(error, operation) {
          const isLogin = operation.query.definitions.some(
            (d) => d.kind === "OperationDefinition" && d.name?.value === "Login",
          );
          const lost = toApiErrors(error).find((e) => e.code === "UNAUTHENTICATED");
          if (!isLogin && lost) onSessionLost(lost.reason);
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({ forwardSubscription }),
    ],
  });
}

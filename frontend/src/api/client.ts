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

/**
 * Creates the app's GraphQL client. `onSessionLost` runs when the API says the session is gone
 * (UNAUTHENTICATED on anything but the login itself), so the app can show the login page.
 * `fetchImpl` and `forwardSubscription` let tests answer in place of the server.
 */
export function createApiClient(
  onSessionLost: () => void,
  fetchImpl?: typeof fetch,
  forwardSubscription: SubscriptionForwarder = webSocketForwarder(),
): Client {
  return new Client({
    url: GRAPHQL_URL,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    fetchOptions: { credentials: "same-origin" },
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError(error, operation) {
          const isLogin = operation.query.definitions.some(
            (d) => d.kind === "OperationDefinition" && d.name?.value === "Login",
          );
          if (!isLogin && toApiErrors(error).some((e) => e.code === "UNAUTHENTICATED")) {
            onSessionLost();
          }
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({ forwardSubscription }),
    ],
  });
}

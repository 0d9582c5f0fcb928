import { createClient, type Client as WsClient } from "graphql-ws";
import type { SubscriptionForwarder } from "urql";

/** Subscriptions go over WebSocket (graphql-transport-ws), same origin, session cookie. */
const SUBSCRIPTIONS_PATH = "/graphql/ws";

function webSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}${SUBSCRIPTIONS_PATH}`;
}

/**
 * Forwards urql's subscriptions to one WebSocket, opened on the first subscription and closed
 * shortly after the last one ends.
 */
export function webSocketForwarder(): SubscriptionForwarder {
  let client: WsClient | null = null;
  return (request) => ({
    subscribe(sink) {
      client ??= createClient({ url: webSocketUrl(), lazy: true, retryAttempts: 3 });
      const unsubscribe = client.subscribe({ ...request, query: request.query ?? "" }, sink);
      return { unsubscribe };
    },
  });
}

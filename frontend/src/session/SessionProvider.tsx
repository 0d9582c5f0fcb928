import {
  createContext,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { Provider as UrqlProvider, type Client } from "urql";
import { createApiClient } from "../api/client";
import type { ViewerFieldsFragment } from "../gql/graphql";
import { LogoutMutation, MeQuery } from "./operations";

export type Viewer = ViewerFieldsFragment;

/** Why the last session ended, told on the login page. */
export type SessionEnd =
  | { reason: "logout" }
  | { reason: "expired" }
  | { reason: "suspended" }
  | { reason: "idle"; idleTimeoutSeconds: number };

export interface Session {
  /** undefined while we do not know yet; null when nobody is logged in. */
  viewer: Viewer | null | undefined;
  ended: SessionEnd | null;
  signedIn: (viewer: Viewer) => void;
  updateViewer: (viewer: Viewer) => void;
  signOut: (end: SessionEnd) => Promise<void>;
  /** Asks the server who we are (which also keeps the session alive). */
  refresh: () => Promise<Viewer | null>;
}

export const SessionContext = createContext<Session | null>(null);

/**
 * Owns the logged-in viewer and the GraphQL client. Each sign-out starts a fresh client, so
 * nothing cached for one person is ever shown to the next.
 */
export function SessionProvider({
  children,
  createClient = createApiClient,
}: {
  children: ReactNode;
  /** Tests give a client that talks to a fake server. */
  createClient?: (onSessionLost: (reason?: string) => void) => Client;
}) {
  const [viewer, setViewerState] = useState<Viewer | null | undefined>(undefined);
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  // The same viewer, readable from the client's callbacks without re-creating the client.
  const viewerRef = useRef<Viewer | null | undefined>(undefined);
  const setViewer = useCallback((next: Viewer | null) => {
    viewerRef.current = next;
    setViewerState(next);
  }, []);

  const loseSessionRef = useRef((_reason?: string) => {});
  const newClient = useCallback(
    () => createClient((reason) => loseSessionRef.current(reason)),
    [createClient],
  );
  const [client, setClient] = useState(newClient);

  useEffect(() => {
    loseSessionRef.current = (reason) => {
      if (!viewerRef.current) return;
      setViewer(null);
      // A suspended organisation is not an expired session: the login page says whom to ask.
      setEnded({ reason: reason === "TENANT_SUSPENDED" ? "suspended" : "expired" });
      setClient(newClient());
    };
  }, [newClient, setViewer]);

  const refresh = useCallback(async () => {
    const result = await client.query(MeQuery, {}, { requestPolicy: "network-only" }).toPromise();
    // An unreachable server says nothing about the session: keep it as it is.
    if (result.error) return viewerRef.current ?? null;
    const me = result.data?.me ?? null;
    if (me) setViewer(me);
    else loseSessionRef.current();
    return me;
  }, [client, setViewer]);

  useEffect(() => {
    if (viewerRef.current !== undefined) return;
    client
      .query(MeQuery, {}, { requestPolicy: "network-only" })
      .toPromise()
      .then((result) => setViewer(result.data?.me ?? null));
  }, [client, setViewer]);

  const signOut = useCallback(
    async (end: SessionEnd) => {
      // Forget the viewer first, so that errors from the dying session are not taken as a loss.
      viewerRef.current = null;
      await client.mutation(LogoutMutation, {}).toPromise();
      setViewer(null);
      setEnded(end);
      setClient(newClient());
    },
    [client, newClient, setViewer],
  );

  const session = useMemo<Session>(
    () => ({
      viewer,
      ended,
      signedIn: (next) => {
        setEnded(null);
        setViewer(next);
      },
      updateViewer: setViewer,
      signOut,
      refresh,
    }),
    [viewer, ended, setViewer, signOut, refresh],
  );

  return (
    <SessionContext.Provider value={session}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}

import { useContext } from "react";
import { SessionContext, type Session, type Viewer } from "./SessionProvider";

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

/** The logged-in viewer, for components that only render behind the login. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error("useViewer needs a logged-in viewer");
  return viewer;
}

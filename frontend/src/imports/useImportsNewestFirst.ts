import { useEffect, useState } from "react";
import { useClient, type CombinedError, type OperationResult } from "urql";
import type { ImportFieldsFragment, ImportsQuery as ImportsData } from "../gql/graphql";
import { ImportsQuery } from "./operations";

/** At most this many imports are read to put the newest first (100 a page). */
export const MAX_IMPORTS_READ = 2000;

/**
 * The tenant's imports, newest first. The API lists them oldest first with no other order
 * (a gap: `imports` needs an order argument), so this reads every page (100 at a time, up to
 * MAX_IMPORTS_READ) and reverses them. `version` re-reads them (after a new import).
 */
export function useImportsNewestFirst(pause = false, version = 0) {
  const client = useClient();
  const [state, setState] = useState<{
    imports: ImportFieldsFragment[] | null;
    error: CombinedError | null;
    truncated: boolean;
  }>({ imports: null, error: null, truncated: false });

  useEffect(() => {
    if (pause) return;
    let cancelled = false;
    (async () => {
      const all: ImportFieldsFragment[] = [];
      let after: string | null = null;
      let truncated = false;
      for (;;) {
        const result: OperationResult<ImportsData> = await client
          .query(ImportsQuery, { first: 100, after }, { requestPolicy: "network-only" })
          .toPromise();
        if (cancelled) return;
        if (result.error || !result.data) {
          setState({ imports: null, error: result.error ?? null, truncated: false });
          return;
        }
        all.push(...result.data.imports.nodes);
        const { hasNextPage, endCursor } = result.data.imports.pageInfo;
        if (!hasNextPage || !endCursor) break;
        if (all.length >= MAX_IMPORTS_READ) {
          truncated = true;
          break;
        }
        after = endCursor;
      }
      setState({ imports: all.reverse(), error: null, truncated });
    })();
    return () => {
      cancelled = true;
    };
  }, [client, pause, version]);

  return state;
}

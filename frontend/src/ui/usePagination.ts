import { useCallback, useState } from "react";

export const PAGE_SIZE = 50;

/** Where the page after `after` ends: what a light query of `pageInfo` alone answers. */
export type CursorWalk = (
  after: string | null,
  first: number,
) => Promise<{ endCursor: string | null | undefined; hasNextPage: boolean } | null>;

/**
 * Forward cursor pagination with a way back: keeps the cursors of the pages already seen.
 * `jumpTo(n, walk)` reaches page n by walking the cursors from the last page seen (the API's
 * cursors are keyset, so page n is found by reading the ids before it, one light query a page);
 * it stops on the last page when n is beyond it.
 */
export function usePagination(pageSize = PAGE_SIZE) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [jumping, setJumping] = useState(false);
  const after = cursors[cursors.length - 1] ?? null;

  const jumpTo = useCallback(
    async (page: number, walk: CursorWalk) => {
      const target = Math.max(1, Math.floor(page));
      if (target <= cursors.length) {
        setCursors(cursors.slice(0, target));
        return;
      }
      setJumping(true);
      try {
        const walked = [...cursors];
        while (walked.length < target) {
          const step = await walk(walked[walked.length - 1] ?? null, pageSize);
          if (!step || !step.hasNextPage || !step.endCursor) break;
          walked.push(step.endCursor);
        }
        setCursors(walked);
      } finally {
        setJumping(false);
      }
    },
    [cursors, pageSize],
  );

  return {
    variables: { first: pageSize, after },
    page: cursors.length,
    jumping,
    next: (endCursor: string) => setCursors((seen) => [...seen, endCursor]),
    previous: () => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
    jumpTo,
  };
}

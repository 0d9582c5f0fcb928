import { useState } from "react";

const PAGE_SIZE = 50;

/** Forward cursor pagination with a way back: keeps the cursors of the pages already seen. */
export function usePagination() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  return {
    variables: { first: PAGE_SIZE, after },
    page: cursors.length,
    next: (endCursor: string) => setCursors((seen) => [...seen, endCursor]),
    previous: () => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
  };
}

import { useEffect } from "react";

/** Calls `poll` every `intervalMs` while `active` (a job's progress, for instance). */
export function usePolling(active: boolean, poll: () => void, intervalMs = 1000): void {
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(poll, intervalMs);
    return () => window.clearInterval(timer);
  }, [active, poll, intervalMs]);
}

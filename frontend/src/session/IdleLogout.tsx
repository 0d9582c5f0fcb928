import { useEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "../i18n/useI18n";
import { Dialog } from "../ui/Dialog";
import { idlePhase, idleTimings, samePhase, type IdlePhase } from "./idleTimer";
import { useSession } from "./useSession";

const ACTIVITY_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"] as const;
/** Activity in any tab of the app counts: tabs share the server session. */
const SHARED_ACTIVITY_KEY = "crm360.lastActivity";
const SHARE_EVERY_MS = 1000;

function sharedActivity(): number {
  return Number(window.localStorage.getItem(SHARED_ACTIVITY_KEY)) || 0;
}

function shareActivity(at: number) {
  window.localStorage.setItem(SHARED_ACTIVITY_KEY, String(at));
}

/**
 * Logs the user out after the server's idle timeout (20 minutes by default). Activity keeps the
 * server session alive; a minute before the end a dialog offers to stay connected.
 */
export function IdleLogout({ idleTimeoutSeconds }: { idleTimeoutSeconds: number }) {
  const { t } = useI18n();
  const { refresh, signOut } = useSession();
  const timings = useMemo(() => idleTimings(idleTimeoutSeconds), [idleTimeoutSeconds]);
  const [phase, setPhase] = useState<IdlePhase>({ kind: "active" });
  const lastActivity = useRef(Date.now());
  const lastShared = useRef(0);
  const lastKeepAlive = useRef(Date.now());
  const warning = phase.kind === "warning";

  useEffect(() => {
    if (warning) return; // While warned, only the dialog's buttons count.
    function onActivity() {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastShared.current >= SHARE_EVERY_MS) {
        lastShared.current = now;
        shareActivity(now);
      }
      if (now - lastKeepAlive.current >= timings.keepAliveMs) {
        lastKeepAlive.current = now;
        void refresh();
      }
    }
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, onActivity, { passive: true, capture: true });
    }
    return () => {
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, onActivity, { capture: true });
      }
    };
  }, [warning, timings, refresh]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      lastActivity.current = Math.max(lastActivity.current, sharedActivity());
      const next = idlePhase(timings, Date.now() - lastActivity.current);
      setPhase((current) => (samePhase(current, next) ? current : next));
    }, 500);
    return () => window.clearInterval(timer);
  }, [timings]);

  useEffect(() => {
    if (phase.kind === "expired") {
      void signOut({ reason: "idle", idleTimeoutSeconds });
    }
  }, [phase.kind, signOut, idleTimeoutSeconds]);

  async function stayConnected() {
    const me = await refresh();
    if (me) {
      lastActivity.current = Date.now();
      lastKeepAlive.current = lastActivity.current;
      shareActivity(lastActivity.current);
      setPhase({ kind: "active" });
    }
  }

  if (phase.kind !== "warning") return null;
  return (
    <Dialog title={t("idle.title")} onCancel={stayConnected} role="alertdialog">
      <p className="dialog__body">{t("idle.body", { seconds: phase.secondsLeft })}</p>
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => signOut({ reason: "logout" })}
        >
          {t("idle.logout")}
        </button>
        <button type="button" className="button" onClick={stayConnected} autoFocus>
          {t("idle.stay")}
        </button>
      </div>
    </Dialog>
  );
}

import { useEffect, useState } from "react";
import { useI18n } from "../i18n/useI18n";
import { upcomingMaintenance } from "./maintenanceWindow";

const RECHECK_MS = 60_000;

/**
 * The announcements slot at the top of every page. Today it announces the weekly maintenance
 * window; it renders nothing when there is nothing to say.
 */
export function AnnouncementBanner() {
  const { t, formatDate, formatTime } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), RECHECK_MS);
    return () => window.clearInterval(timer);
  }, []);
  const maintenance = upcomingMaintenance(now);
  if (!maintenance) return null;
  const message = maintenance.ongoing
    ? t("announcement.maintenanceNow", { end: formatTime(maintenance.end) })
    : t("announcement.maintenance", {
        date: formatDate(maintenance.start.toISOString()),
        start: formatTime(maintenance.start),
        end: formatTime(maintenance.end),
      });
  return (
    <aside className="announcements" aria-label={t("announcement.label")}>
      <p>{message}</p>
    </aside>
  );
}

import { useEffect, useRef, useState } from "react";
import { useLocation } from "react-router";
import { useQuery } from "urql";
import type { ActiveAnnouncementsQuery as ActiveAnnouncementsData } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import "../styles/support.css";
import { ActiveAnnouncementsQuery } from "./announcementOperations";
import { upcomingMaintenance } from "./maintenanceWindow";

const RECHECK_MS = 60_000;
/** The operator's announcements are asked for again every few minutes… */
export const ANNOUNCEMENTS_POLL_MS = 3 * 60_000;
/** …and on navigation, at most once a minute. */
const REFETCH_ON_NAVIGATION_MS = 60_000;
const DISMISSED_KEY = "crm360.dismissedAnnouncements";

type ActiveAnnouncement = ActiveAnnouncementsData["activeAnnouncements"][number];

/** An announcement dismissed stays hidden for the browser session, until the operator edits it. */
function dismissKey(announcement: ActiveAnnouncement): string {
  return `${announcement.id}@${announcement.updatedAt}`;
}

function readDismissed(): string[] {
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(DISMISSED_KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((k): k is string => typeof k === "string") : [];
  } catch {
    return [];
  }
}

/**
 * The announcements slot at the top of every page: the contract's weekly maintenance window
 * (computed here, from the day before), then the operator's active announcements, the most
 * serious first. Information is polite (`status`); warnings and maintenance are `alert`s.
 */
export function AnnouncementBanner() {
  const { t, language, formatDate, formatTime } = useI18n();
  const location = useLocation();
  const [now, setNow] = useState(() => new Date());
  const [dismissed, setDismissed] = useState<string[]>(readDismissed);
  const [{ data }, refetch] = useQuery({ query: ActiveAnnouncementsQuery });
  const lastFetch = useRef(Date.now());

  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), RECHECK_MS);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    const timer = window.setInterval(() => {
      lastFetch.current = Date.now();
      refetch({ requestPolicy: "network-only" });
    }, ANNOUNCEMENTS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refetch]);

  useEffect(() => {
    if (Date.now() - lastFetch.current < REFETCH_ON_NAVIGATION_MS) return;
    lastFetch.current = Date.now();
    refetch({ requestPolicy: "network-only" });
  }, [location.pathname, refetch]);

  function dismiss(announcement: ActiveAnnouncement) {
    const next = [...dismissed, dismissKey(announcement)];
    window.sessionStorage.setItem(DISMISSED_KEY, JSON.stringify(next));
    setDismissed(next);
  }

  const maintenance = upcomingMaintenance(now);
  const announcements = (data?.activeAnnouncements ?? []).filter(
    (a) => !dismissed.includes(dismissKey(a)),
  );
  if (!maintenance && announcements.length === 0) return null;
  const maintenanceMessage =
    maintenance &&
    (maintenance.ongoing
      ? t("announcement.maintenanceNow", { end: formatTime(maintenance.end) })
      : t("announcement.maintenance", {
          date: formatDate(maintenance.start.toISOString()),
          start: formatTime(maintenance.start),
          end: formatTime(maintenance.end),
        }));
  return (
    <aside className="announcements-slot" aria-label={t("announcement.label")}>
      {maintenanceMessage && (
        <div className="announcements">
          <p>{maintenanceMessage}</p>
        </div>
      )}
      {announcements.map((announcement) => {
        const english = language === "en" && announcement.textEn;
        const severity = announcement.severity;
        return (
          <div
            key={announcement.id}
            className={`announcement announcement--${severity.toLowerCase()}`}
            role={severity === "INFO" ? "status" : "alert"}
          >
            <p>
              <span className="announcement__severity">
                {t(`announcement.severity.${severity}`)}
              </span>
              <span lang={english ? "en" : "fr"}>
                {english ? announcement.textEn : announcement.textFr}
              </span>
            </p>
            <button
              type="button"
              className="announcement__dismiss"
              aria-label={t("announcement.dismissLabel", {
                severity: t(`announcementSeverity.${severity}`),
              })}
              onClick={() => dismiss(announcement)}
            >
              {t("announcement.dismiss")}
            </button>
          </div>
        );
      })}
    </aside>
  );
}

/**
 * Usage analytics as the contract describes them: with the user's consent, one first-party
 * cookie holding only a random id and the date of the last visit. A refusal is remembered in
 * local storage (not a cookie) and changes nothing else in the product.
 */

export const VISIT_COOKIE = "crm360_visit";
const CHOICE_KEY = "crm360.analytics";
/** 13 months, the longest the CNIL accepts for an audience-measurement cookie. */
const MAX_AGE_SECONDS = 13 * 30 * 24 * 3600;

export type AnalyticsChoice = "accepted" | "refused";

export interface Visit {
  id: string;
  /** YYYY-MM-DD */
  lastVisit: string;
}

export function analyticsChoice(): AnalyticsChoice | null {
  const stored = window.localStorage.getItem(CHOICE_KEY);
  return stored === "accepted" || stored === "refused" ? stored : null;
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function readVisit(): Visit | null {
  const cookie = document.cookie
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${VISIT_COOKIE}=`));
  if (!cookie) return null;
  const [id, lastVisit] = decodeURIComponent(cookie.slice(VISIT_COOKIE.length + 1)).split(".");
  if (!id || !lastVisit || !/^\d{4}-\d{2}-\d{2}$/.test(lastVisit)) return null;
  return { id, lastVisit };
}

function writeVisit(visit: Visit) {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${VISIT_COOKIE}=${visit.id}.${visit.lastVisit}; Max-Age=${MAX_AGE_SECONDS}; Path=/; SameSite=Lax${secure}`;
}

function clearVisit() {
  document.cookie = `${VISIT_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
}

function randomId(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

/** A page view as the cookie saw it. */
export interface PageViewMark {
  visit: Visit;
  /** The first page view of the day. */
  newVisit: boolean;
  /** The last visit the cookie remembered, when it was an earlier day (for return frequency). */
  previousVisit: string | null;
}

/**
 * Records a page view. Without consent, nothing is stored. With it, the cookie keeps its id
 * and takes today's date; `newVisit` says whether this is the first page view of the day.
 */
export function recordPageView(now = new Date()): PageViewMark | null {
  if (analyticsChoice() !== "accepted") return null;
  const previous = readVisit();
  const visit = { id: previous?.id ?? randomId(), lastVisit: today(now) };
  writeVisit(visit);
  const earlier = previous && previous.lastVisit < visit.lastVisit ? previous.lastVisit : null;
  return { visit, newVisit: previous?.lastVisit !== visit.lastVisit, previousVisit: earlier };
}

export function setAnalyticsChoice(choice: AnalyticsChoice, now = new Date()) {
  window.localStorage.setItem(CHOICE_KEY, choice);
  if (choice === "refused") clearVisit();
  else recordPageView(now);
}

/** Forgets the choice, so that the banner asks again. */
export function resetAnalyticsChoice() {
  window.localStorage.removeItem(CHOICE_KEY);
  clearVisit();
}

import { useContext, useEffect, useState } from "react";
import { useLocation } from "react-router";
import { useMutation } from "urql";
import { useI18n } from "../i18n/useI18n";
import { SessionContext } from "../session/SessionProvider";
import { RecordPageViewMutation } from "./operations";
import {
  analyticsChoice,
  recordPageView,
  setAnalyticsChoice,
  type AnalyticsChoice,
} from "./visitCookie";

/**
 * Asks once whether the user accepts the audience-measurement cookie, then records page views
 * only if they did: the cookie's random id, the page's path and the date of the previous visit
 * go to the operator (contract article 12). Refusing sends nothing and changes nothing else:
 * the banner never blocks the page.
 */
export function AnalyticsConsent() {
  const { t } = useI18n();
  const location = useLocation();
  const [choice, setChoice] = useState<AnalyticsChoice | null>(analyticsChoice);

  const session = useContext(SessionContext);
  // Only the clients' people are measured, once signed in (operator staff are not).
  const measured = Boolean(session?.viewer?.tenant);
  const [, sendPageView] = useMutation(RecordPageViewMutation);

  useEffect(() => {
    // Without consent this returns null: no cookie, and nothing is sent.
    const mark = recordPageView();
    if (!mark || !measured) return;
    // The path only (no query string); the server reduces it to its route pattern.
    void sendPageView({
      input: {
        visitorId: mark.visit.id,
        path: location.pathname,
        previousVisitOn: mark.previousVisit,
      },
    });
  }, [location.pathname, choice, measured, sendPageView]);

  if (choice) return null;
  function decide(next: AnalyticsChoice) {
    setAnalyticsChoice(next);
    setChoice(next);
  }
  return (
    <section className="consent-banner" role="region" aria-labelledby="consent-banner-title">
      <h2 id="consent-banner-title" className="consent-banner__title">
        {t("analytics.title")}
      </h2>
      <p>{t("analytics.body")}</p>
      <div className="consent-banner__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => decide("refused")}
        >
          {t("analytics.refuse")}
        </button>
        <button type="button" className="button" onClick={() => decide("accepted")}>
          {t("analytics.accept")}
        </button>
      </div>
    </section>
  );
}

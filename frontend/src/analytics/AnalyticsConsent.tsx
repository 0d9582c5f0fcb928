import { useEffect, useState } from "react";
import { useLocation } from "react-router";
import { useI18n } from "../i18n/useI18n";
import {
  analyticsChoice,
  recordPageView,
  setAnalyticsChoice,
  type AnalyticsChoice,
} from "./visitCookie";

/**
 * Asks once whether the user accepts the audience-measurement cookie, then records page views
 * only if they did. Refusing changes nothing else: the banner never blocks the page.
 */
export function AnalyticsConsent() {
  const { t } = useI18n();
  const location = useLocation();
  const [choice, setChoice] = useState<AnalyticsChoice | null>(analyticsChoice);

  useEffect(() => {
    // The operator's collection endpoint does not exist yet: the cookie is kept up to date,
    // and nothing is sent.
    recordPageView();
  }, [location.pathname, choice]);

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

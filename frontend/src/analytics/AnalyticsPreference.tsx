import { useState } from "react";
import { useI18n } from "../i18n/useI18n";
import { analyticsChoice, setAnalyticsChoice, type AnalyticsChoice } from "./visitCookie";

/** Where the user changes their mind about audience measurement, as easily as they chose. */
export function AnalyticsPreference() {
  const { t } = useI18n();
  const [choice, setChoice] = useState<AnalyticsChoice | null>(analyticsChoice);
  function decide(next: AnalyticsChoice) {
    setAnalyticsChoice(next);
    setChoice(next);
  }
  return (
    <section className="panel" aria-labelledby="account-analytics">
      <h2 id="account-analytics">{t("analytics.title")}</h2>
      <p>{t("analytics.body")}</p>
      <p role="status">
        {choice === "accepted"
          ? t("analytics.nowAccepted")
          : choice === "refused"
            ? t("analytics.nowRefused")
            : t("analytics.notChosen")}
      </p>
      <div className="form__actions">
        {choice !== "refused" && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => decide("refused")}
          >
            {t("analytics.refuse")}
          </button>
        )}
        {choice !== "accepted" && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => decide("accepted")}
          >
            {t("analytics.accept")}
          </button>
        )}
      </div>
    </section>
  );
}

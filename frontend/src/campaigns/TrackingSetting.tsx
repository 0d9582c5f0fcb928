import { useId, useState } from "react";
import { useMutation, useQuery } from "urql";
import { useI18n } from "../i18n/useI18n";
import { SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { campaignErrorMessage } from "./campaignErrors";
import { CampaignTrackingQuery, SetCampaignTrackingMutation } from "./operations";

/**
 * The tenant administrator's switch for open and click tracking of the tenant's emails (off by
 * default): what it does and what it asks of the tenant, then `setCampaignTracking`.
 */
export function TrackingSetting() {
  const { t } = useI18n();
  const hintId = useId();
  const [{ data, error: loadError }, refetch] = useQuery({
    query: CampaignTrackingQuery,
    requestPolicy: "cache-and-network",
  });
  const [{ fetching }, setTracking] = useMutation(SetCampaignTrackingMutation);
  const [value, setValue] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<boolean | null>(null);
  const enabled = value ?? data?.campaignTracking ?? false;

  async function change(next: boolean) {
    setError(null);
    setDone(null);
    const before = enabled;
    // Shown at once, put back if the API refuses.
    setValue(next);
    const result = await setTracking({ enabled: next });
    if (result.error) {
      setValue(before);
      return setError(campaignErrorMessage(result.error, t));
    }
    const now = result.data?.setCampaignTracking ?? next;
    setValue(now);
    setDone(now);
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <section className="panel tracking-setting" aria-labelledby="tracking-title">
      <h2 id="tracking-title">{t("campaigns.tracking.title")}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          disabled={!data && !loadError}
          aria-busy={fetching || undefined}
          aria-describedby={hintId}
          onChange={(e) => void change(e.target.checked)}
        />
        {t("campaigns.tracking.label")}
      </label>
      <p id={hintId} className="field__hint">
        {t("campaigns.tracking.hint")}
      </p>
      <FormAlert message={error ?? (loadError ? campaignErrorMessage(loadError, t) : null)} />
      <SuccessMessage
        message={
          done === null ? null : t(done ? "campaigns.tracking.on" : "campaigns.tracking.off")
        }
      />
    </section>
  );
}

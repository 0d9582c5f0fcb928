import type { CampaignStatus } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { campaignStatusKey } from "./campaignText";

/** A campaign's status, in words, in a coloured badge. */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useI18n();
  return (
    <span className={`campaign-status campaign-status--${status.toLowerCase()}`}>
      {t(campaignStatusKey(status))}
    </span>
  );
}

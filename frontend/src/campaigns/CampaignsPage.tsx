import { useMemo } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import type { CampaignListFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { DataTable, type Column } from "../ui/DataTable";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePagination } from "../ui/usePagination";
import { campaignStatusKey, channelKey, formatWhen } from "./campaignText";
import { CampaignsQuery } from "./operations";
import { CampaignStatusBadge } from "./StatusBadge";
import { TrackingSetting } from "./TrackingSetting";
import "./campaigns.css";

/** The tenant's campaigns, newest first. */
export function CampaignsPage() {
  const { t, language, formatNumber } = useI18n();
  const viewer = useViewer();
  const pagination = usePagination();
  const context = useMemo(() => ({ additionalTypenames: ["Campaign"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: CampaignsQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
    context,
  });
  const columns: Column<CampaignListFieldsFragment>[] = [
    {
      header: t("campaigns.col.name"),
      isRowHeader: true,
      cell: (c) => <Link to={`/campagnes/${c.id}`}>{c.name}</Link>,
      csv: (c) => c.name,
    },
    { header: t("campaigns.col.channel"), cell: (c) => t(channelKey(c.channel)) },
    {
      header: t("campaigns.col.status"),
      cell: (c) => <CampaignStatusBadge status={c.status} />,
      csv: (c) => t(campaignStatusKey(c.status)),
    },
    {
      header: t("campaigns.col.nextRun"),
      cell: (c) => (c.nextRunAt ? formatWhen(c.nextRunAt, language) : t("campaigns.none")),
    },
    {
      header: t("campaigns.col.sent"),
      numeric: true,
      cell: (c) => t("campaigns.sentCount", { count: formatNumber(c.stats.sent) }),
      csv: (c) => c.stats.sent,
    },
  ];
  const newLink = (
    <Link to="/campagnes/nouvelle" className="button">
      {t("campaigns.new")}
    </Link>
  );
  return (
    <>
      <PageHeader title={t("campaigns.title")} intro={t("campaigns.intro")} actions={newLink} />
      <FlashMessage />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("campaigns.caption")}
            columns={columns}
            rows={data.campaigns.nodes}
            rowKey={(c) => c.id}
            emptyMessage={t("campaigns.empty")}
            emptyAction={newLink}
            exportName="campagnes"
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.campaigns.pageInfo.hasNextPage}
            endCursor={data.campaigns.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
      {viewer.isTenantAdmin && <TrackingSetting />}
    </>
  );
}

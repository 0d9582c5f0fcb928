import { Link } from "react-router";
import { useQuery } from "urql";
import type { TicketSummaryFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { DataTable, type Column } from "../ui/DataTable";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePagination } from "../ui/usePagination";
import { MyTicketsQuery } from "./operations";
import { ticketTiming, timingText } from "./supportText";
import { sentence, TicketStatusBadge, TimingCell } from "./TicketParts";
import "./supportDesk.css";

/**
 * "Mes tickets": the tickets the viewer opened (an administrator: every ticket of the
 * tenant), the latest first, with where each one's response deadline stands.
 */
export function MyTicketsPage() {
  const { t, language, formatDateTime } = useI18n();
  const viewer = useViewer();
  const pagination = usePagination();
  const [{ data, fetching, error }] = useQuery({
    query: MyTicketsQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
  });
  const columns: Column<TicketSummaryFieldsFragment>[] = [
    {
      header: t("support.list.col.number"),
      isRowHeader: true,
      cell: (ticket) => (
        <Link to={`/support/${encodeURIComponent(ticket.id)}`}>{ticket.number}</Link>
      ),
      csv: (ticket) => ticket.number,
    },
    { header: t("support.list.col.subject"), cell: (ticket) => ticket.subject },
    {
      header: t("support.list.col.status"),
      cell: (ticket) => <TicketStatusBadge status={ticket.status} />,
      csv: (ticket) => t(`support.status.${ticket.status}`),
    },
    {
      header: t("support.list.col.priority"),
      cell: (ticket) => t(`support.priorityShort.${ticket.priority}`),
    },
    {
      header: t("support.list.col.openedAt"),
      cell: (ticket) => formatDateTime(ticket.openedAt),
      csv: (ticket) => ticket.openedAt,
    },
    {
      header: t("support.list.col.due"),
      cell: (ticket) => <TimingCell timing={ticketTiming(ticket)} />,
      csv: (ticket) => sentence(timingText(ticketTiming(ticket), t, language)),
    },
  ];
  const open = (
    <Link className="button" to="/support/nouveau">
      {t("support.open.action")}
    </Link>
  );
  return (
    <>
      <PageHeader
        title={t("support.list.title")}
        intro={t(viewer.isTenantAdmin ? "support.list.introAdmin" : "support.list.intro")}
        actions={open}
      />
      <FlashMessage />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("support.list.caption")}
            columns={columns}
            rows={data.tickets.nodes}
            rowKey={(ticket) => ticket.id}
            emptyMessage={t("support.list.empty")}
            emptyAction={open}
            exportName="tickets"
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.tickets.pageInfo.hasNextPage}
            endCursor={data.tickets.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
      <p className="muted">{t("support.businessHours")}</p>
    </>
  );
}

import { useCallback, useMemo, useState } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import type { Priority, TicketStatus, TicketSummaryFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { usePolling } from "../ui/usePolling";
import { SupportQueueQuery, SupportTenantsQuery } from "./operations";
import { PRIORITIES, STATUSES, ticketTiming, timeLeftText, timingText } from "./supportText";
import { sentence, TicketStatusBadge, TimeLeft, TimingCell } from "./TicketParts";
import "./supportDesk.css";

type Ticket = TicketSummaryFieldsFragment;

/** The link to a ticket of the queue (its tenant and id). */
export function staffTicketPath(ticket: Pick<Ticket, "tenantId" | "id">): string {
  return `/operator/support/${encodeURIComponent(ticket.tenantId)}/${encodeURIComponent(ticket.id)}`;
}

/**
 * Operator staff: the support queue across tenants, in the API's order (the earliest
 * deadline first, paused and answered tickets after), filtered by tenant, status and
 * criticality; the business time left is coloured (late in red) and refreshed every minute.
 */
export function SupportQueuePage() {
  const { t, language, formatNumber, formatDateTime } = useI18n();
  const [tenantId, setTenantId] = useState("");
  const [status, setStatus] = useState<TicketStatus | "">("");
  const [priority, setPriority] = useState<Priority | "">("");
  const [includeClosed, setIncludeClosed] = useState(false);
  const variables = useMemo(
    () => ({
      tenantId: tenantId || null,
      status: status || null,
      priority: priority || null,
      includeClosed,
    }),
    [tenantId, status, priority, includeClosed],
  );
  const [{ data, fetching, error }, refetch] = useQuery({
    query: SupportQueueQuery,
    variables,
    requestPolicy: "cache-and-network",
  });
  const [{ data: tenants }] = useQuery({ query: SupportTenantsQuery });
  const poll = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);
  usePolling(true, poll, 60_000);

  const tenantNames = useMemo(
    () => new Map((tenants?.tenants.nodes ?? []).map((tenant) => [tenant.id, tenant.name])),
    [tenants],
  );
  const queue = data?.supportQueue ?? [];
  const late = queue.filter((ticket) => {
    const timing = ticketTiming(ticket);
    return timing.kind === "due" && timing.late;
  }).length;

  const columns: Column<Ticket>[] = [
    {
      header: t("support.queue.col.number"),
      isRowHeader: true,
      cell: (ticket) => <Link to={staffTicketPath(ticket)}>{ticket.number}</Link>,
      csv: (ticket) => ticket.number,
    },
    {
      header: t("support.queue.col.tenant"),
      cell: (ticket) => tenantNames.get(ticket.tenantId) ?? t("support.queue.unknownTenant"),
    },
    { header: t("support.queue.col.subject"), cell: (ticket) => ticket.subject },
    {
      header: t("support.queue.col.priority"),
      cell: (ticket) =>
        ticket.qualified
          ? t(`support.priorityShort.${ticket.priority}`)
          : t("support.queue.proposed", { priority: ticket.priority }),
    },
    {
      header: t("support.queue.col.status"),
      cell: (ticket) => <TicketStatusBadge status={ticket.status} audience="staff" />,
      csv: (ticket) =>
        ticket.status === "WAITING_FOR_USER"
          ? t("support.status.staff.WAITING_FOR_USER")
          : t(`support.status.${ticket.status}`),
    },
    {
      header: t("support.queue.col.due"),
      cell: (ticket) => <TimingCell timing={ticketTiming(ticket)} dateOnly />,
      csv: (ticket) => ticket.dueAt ?? sentence(timingText(ticketTiming(ticket), t, language)),
    },
    {
      header: t("support.queue.col.timeLeft"),
      cell: (ticket) => <TimeLeft timing={ticketTiming(ticket)} short />,
      csv: (ticket) => timeLeftText(ticketTiming(ticket), t, true) ?? "",
    },
    {
      header: t("support.queue.col.openedAt"),
      cell: (ticket) => formatDateTime(ticket.openedAt),
      csv: (ticket) => ticket.openedAt,
    },
  ];

  return (
    <>
      <PageHeader title={t("support.queue.title")} intro={t("support.queue.intro")} />
      <div className="filters" role="search" aria-label={t("support.queue.filters")}>
        <SelectField label={t("support.queue.tenant")} value={tenantId} onChange={setTenantId}>
          <option value="">{t("support.queue.allTenants")}</option>
          {(tenants?.tenants.nodes ?? []).map((tenant) => (
            <option key={tenant.id} value={tenant.id}>
              {tenant.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("support.queue.status")}
          value={status}
          onChange={(value) => setStatus(value as TicketStatus | "")}
        >
          <option value="">{t("support.queue.allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === "WAITING_FOR_USER"
                ? t("support.status.staff.WAITING_FOR_USER")
                : t(`support.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("support.queue.priority")}
          value={priority}
          onChange={(value) => setPriority(value as Priority | "")}
        >
          <option value="">{t("support.queue.allPriorities")}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`support.priorityShort.${p}`)}
            </option>
          ))}
        </SelectField>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeClosed}
            onChange={(event) => setIncludeClosed(event.target.checked)}
          />
          {t("support.queue.includeClosed")}
        </label>
      </div>
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <p className="list-summary" data-testid="queue-summary">
            {t("support.queue.count", { count: formatNumber(queue.length) })}
            {late > 0 && (
              <>
                {" "}
                <span className="time-left time-left--late">
                  {t("support.queue.lateCount", { count: formatNumber(late) })}
                </span>
              </>
            )}
          </p>
          <DataTable
            caption={t("support.queue.caption")}
            columns={columns}
            rows={queue}
            rowKey={(ticket) => ticket.id}
            emptyMessage={t("support.queue.empty")}
            exportName="file-support"
          />
        </>
      )}
      <p className="muted">{t("support.businessHoursStaff")}</p>
    </>
  );
}

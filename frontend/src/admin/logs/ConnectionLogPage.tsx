import { useQuery } from "urql";
import type { ConnectionLogQuery as ConnectionLogData } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { DataTable, type Column } from "../../ui/DataTable";
import { PageHeader } from "../../ui/PageHeader";
import { Pager } from "../../ui/Pager";
import { LoadingState, QueryError } from "../../ui/QueryStatus";
import { usePagination } from "../../ui/usePagination";
import { ConnectionLogQuery } from "./operations";
import { parseUserAgent } from "./userAgent";

type ConnectionLogEntry = ConnectionLogData["connectionLog"]["nodes"][number];

/** Every login attempt of the tenant: when, who, from where, and how it ended. */
export function ConnectionLogPage() {
  const { t, formatDateTime } = useI18n();
  const pagination = usePagination();
  /** "Chrome 131 sur Windows 10", from the raw user-agent. */
  function describeUserAgent(userAgent: string): string {
    const parts = parseUserAgent(userAgent);
    const browser = parts.browser
      ? [parts.browser, parts.version].filter(Boolean).join(" ")
      : t("connectionLog.unknownBrowser");
    const described = parts.system
      ? t("connectionLog.browserOn", { browser, system: parts.system })
      : browser;
    return parts.mobile ? `${described} ${t("connectionLog.mobile")}` : described;
  }
  const [{ data, fetching, error }] = useQuery({
    query: ConnectionLogQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
  });

  const columns: Column<ConnectionLogEntry>[] = [
    { header: t("connectionLog.col.at"), isRowHeader: true, cell: (e) => formatDateTime(e.at) },
    { header: t("connectionLog.col.email"), cell: (e) => e.email },
    {
      header: t("connectionLog.col.ip"),
      cell: (e) => e.ip ?? <span className="muted">{t("connectionLog.ipPurged")}</span>,
    },
    {
      header: t("connectionLog.col.userAgent"),
      csv: (e) => (e.userAgent ? describeUserAgent(e.userAgent) : ""),
      cell: (e) =>
        e.userAgent ? (
          <span className="user-agent" title={e.userAgent}>
            {describeUserAgent(e.userAgent)}
          </span>
        ) : (
          <span className="muted">{t("connectionLog.noUserAgent")}</span>
        ),
    },
    {
      header: t("connectionLog.col.outcome"),
      cell: (e) => (
        <span className={`status status--${e.outcome === "SUCCESS" ? "active" : "warning"}`}>
          {t(`outcome.${e.outcome}`)}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t("connectionLog.title")} intro={t("connectionLog.intro")} />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("connectionLog.caption")}
            columns={columns}
            rows={data.connectionLog.nodes}
            rowKey={(e) => e.id}
            emptyMessage={t("connectionLog.empty")}
            exportName="journal-des-connexions"
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.connectionLog.pageInfo.hasNextPage}
            endCursor={data.connectionLog.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
    </>
  );
}

import { Link } from "react-router";
import { useQuery } from "urql";
import { useI18n } from "../i18n/useI18n";
import { DataTable } from "../ui/DataTable";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePagination } from "../ui/usePagination";
import { FeedsPanel } from "./FeedsPanel";
import { ImportsQuery } from "./operations";

/** The tenant's imports and dry runs, with their outcome. */
export function ImportsPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const pagination = usePagination();
  const [{ data, fetching, error }] = useQuery({
    query: ImportsQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
  });
  type Row = NonNullable<typeof data>["imports"]["nodes"][number];
  return (
    <>
      <PageHeader
        title={t("imports.title")}
        intro={t("imports.intro")}
        actions={
          <Link to="/imports/new" className="button">
            {t("imports.create")}
          </Link>
        }
      />
      <FlashMessage />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable<Row>
            caption={t("imports.caption")}
            rows={data.imports.nodes}
            rowKey={(i) => i.id}
            emptyMessage={t("imports.empty")}
            columns={[
              {
                header: t("imports.col.file"),
                isRowHeader: true,
                cell: (i) => (
                  <>
                    <Link to={`/imports/${i.id}`}>{i.filename}</Link>
                    {i.dryRun && <span className="badge">{t("imports.dryRunBadge")}</span>}
                  </>
                ),
              },
              { header: t("imports.col.createdAt"), cell: (i) => formatDateTime(i.createdAt) },
              {
                header: t("imports.col.status"),
                cell: (i) => (
                  <span className={`status status--import-${i.status.toLowerCase()}`}>
                    {t(`importStatus.${i.status}`)}
                  </span>
                ),
              },
              {
                header: t("imports.col.rows"),
                cell: (i) => (
                  <span className="number">
                    {t("imports.rowsSummary", {
                      created: formatNumber(i.rowsCreated),
                      updated: formatNumber(i.rowsUpdated),
                      failed: formatNumber(i.rowsFailed),
                    })}
                  </span>
                ),
              },
            ]}
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.imports.pageInfo.hasNextPage}
            endCursor={data.imports.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
      <FeedsPanel />
    </>
  );
}

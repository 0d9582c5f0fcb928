import { useMemo } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useI18n } from "../i18n/useI18n";
import { DataTable } from "../ui/DataTable";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePagination } from "../ui/usePagination";
import { SegmentsQuery } from "./operations";

/** The saved segments with their live counts. */
export function SegmentsPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const pagination = usePagination();
  const context = useMemo(() => ({ additionalTypenames: ["Segment"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: SegmentsQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
    context,
  });
  type Row = NonNullable<typeof data>["segments"]["nodes"][number];
  return (
    <>
      <PageHeader
        title={t("segments.title")}
        intro={t("segments.intro")}
        actions={
          <Link to="/segments/new" className="button">
            {t("segments.create")}
          </Link>
        }
      />
      <FlashMessage />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable<Row>
            caption={t("segments.caption")}
            rows={data.segments.nodes}
            rowKey={(s) => s.id}
            emptyMessage={t("segments.empty")}
            columns={[
              {
                header: t("segments.col.name"),
                isRowHeader: true,
                cell: (s) => (
                  <>
                    <Link to={`/segments/${s.id}`}>{s.name}</Link>
                    {s.description && <div className="muted">{s.description}</div>}
                  </>
                ),
              },
              {
                header: t("segments.col.count"),
                cell: (s) => <span className="number">{formatNumber(s.count)}</span>,
              },
              { header: t("segments.col.updatedAt"), cell: (s) => formatDateTime(s.updatedAt) },
            ]}
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.segments.pageInfo.hasNextPage}
            endCursor={data.segments.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
    </>
  );
}

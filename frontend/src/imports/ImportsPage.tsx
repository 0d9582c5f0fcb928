import { useState } from "react";
import { Link } from "react-router";
import { useI18n } from "../i18n/useI18n";
import { DataTable } from "../ui/DataTable";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { PAGE_SIZE } from "../ui/usePagination";
import type { ImportFieldsFragment } from "../gql/graphql";
import { FeedsPanel } from "./FeedsPanel";
import { useImportsNewestFirst } from "./useImportsNewestFirst";

/** The tenant's imports and dry runs, newest first, with their outcome. */
export function ImportsPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const [page, setPage] = useState(1);
  const { imports, error } = useImportsNewestFirst();
  const fetching = imports === null && !error;
  type Row = ImportFieldsFragment;
  const pageCount = imports ? Math.max(1, Math.ceil(imports.length / PAGE_SIZE)) : 1;
  const shown = imports ? imports.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) : [];
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
      {fetching && <LoadingState />}
      {imports && (
        <>
          <DataTable<Row>
            caption={t("imports.caption", { count: imports.length })}
            rows={shown}
            rowKey={(i) => i.id}
            emptyMessage={t("imports.empty")}
            emptyAction={
              <Link to="/imports/new" className="button">
                {t("imports.emptyAction")}
              </Link>
            }
            exportName="imports"
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
            page={page}
            pageCount={pageCount}
            hasNextPage={page < pageCount}
            endCursor="next"
            onNext={() => setPage(page + 1)}
            onPrevious={() => setPage(Math.max(1, page - 1))}
            onJump={setPage}
          />
        </>
      )}
      <FeedsPanel />
    </>
  );
}

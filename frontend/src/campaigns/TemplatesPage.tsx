import { useMemo } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import type { TemplateFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePagination } from "../ui/usePagination";
import { channelKey, smsCounterText } from "./campaignText";
import { MessageTemplatesQuery } from "./operations";
import "./campaigns.css";

/** The tenant's message templates. */
export function TemplatesPage() {
  const { t, formatDateTime } = useI18n();
  const pagination = usePagination();
  const context = useMemo(() => ({ additionalTypenames: ["MessageTemplate"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: MessageTemplatesQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
    context,
  });
  const columns: Column<TemplateFieldsFragment>[] = [
    {
      header: t("templates.col.name"),
      isRowHeader: true,
      cell: (tpl) => <Link to={`/campagnes/modeles/${tpl.id}`}>{tpl.name}</Link>,
      csv: (tpl) => tpl.name,
    },
    { header: t("templates.col.channel"), cell: (tpl) => t(channelKey(tpl.channel)) },
    {
      header: t("templates.col.content"),
      cell: (tpl) =>
        tpl.channel === "EMAIL"
          ? (tpl.subject ?? "")
          : tpl.smsMeasure
            ? smsCounterText(tpl.smsMeasure, t)
            : "",
    },
    { header: t("templates.col.updatedAt"), cell: (tpl) => formatDateTime(tpl.updatedAt) },
  ];
  return (
    <>
      <PageHeader
        title={t("templates.title")}
        intro={t("templates.intro")}
        actions={
          <Link to="/campagnes/modeles/nouveau" className="button">
            {t("templates.new")}
          </Link>
        }
      />
      <FlashMessage />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("templates.caption")}
            columns={columns}
            rows={data.messageTemplates.nodes}
            rowKey={(tpl) => tpl.id}
            emptyMessage={t("templates.empty")}
            emptyAction={
              <Link to="/campagnes/modeles/nouveau" className="button">
                {t("templates.new")}
              </Link>
            }
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.messageTemplates.pageInfo.hasNextPage}
            endCursor={data.messageTemplates.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
    </>
  );
}

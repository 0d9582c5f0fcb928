import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import type { AnnouncementFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import "../styles/support.css";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { DataTable, type Column } from "../ui/DataTable";
import { SuccessMessage } from "../ui/FlashMessage";
import { apiFormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { usePagination } from "../ui/usePagination";
import { AnnouncementForm } from "./AnnouncementForm";
import {
  AnnouncementsQuery,
  AnnouncementTenantsQuery,
  EndAnnouncementMutation,
} from "./supportOperations";

type Editing = { kind: "new" } | { kind: "edit"; announcement: AnnouncementFieldsFragment };

const STATUS_CLASS = { SCHEDULED: "warning", ACTIVE: "active", ENDED: "closed" } as const;

/** The operator's announcements: publish, edit, end; the banner shows the active ones. */
export function AnnouncementsPage() {
  const { t, formatDateTime } = useI18n();
  const pagination = usePagination();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [ending, setEnding] = useState<AnnouncementFieldsFragment | null>(null);
  const [endError, setEndError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const context = useMemo(() => ({ additionalTypenames: ["Announcement"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: AnnouncementsQuery,
    variables: pagination.variables,
    requestPolicy: "cache-and-network",
    context,
  });
  const [{ data: tenants }] = useQuery({ query: AnnouncementTenantsQuery });
  const [{ fetching: endingBusy }, endAnnouncement] = useMutation(EndAnnouncementMutation);
  const tenantName = (id: string) =>
    tenants?.tenants.nodes.find((tenant) => tenant.id === id)?.name ?? id;

  async function confirmEnd() {
    if (!ending) return;
    const result = await endAnnouncement({ input: { id: ending.id } });
    if (result.error) {
      setEndError(apiFormErrors(result.error, [], t).form);
    } else {
      setEnding(null);
      setDone(t("announcements.ended"));
    }
  }

  const columns: Column<AnnouncementFieldsFragment>[] = [
    {
      header: t("announcements.col.text"),
      isRowHeader: true,
      cell: (a) => (
        <>
          <span lang="fr">{a.textFr}</span>
          {a.textEn && (
            <div className="muted" lang="en">
              {a.textEn}
            </div>
          )}
        </>
      ),
    },
    {
      header: t("announcements.col.severity"),
      cell: (a) => t(`announcementSeverity.${a.severity}`),
    },
    {
      header: t("announcements.col.audience"),
      cell: (a) => (a.tenantId ? tenantName(a.tenantId) : t("announcements.allTenants")),
    },
    {
      header: t("announcements.col.period"),
      cell: (a) =>
        a.endsAt
          ? t("announcements.period", {
              start: formatDateTime(a.startsAt),
              end: formatDateTime(a.endsAt),
            })
          : t("announcements.periodOpen", { start: formatDateTime(a.startsAt) }),
    },
    {
      header: t("announcements.col.status"),
      cell: (a) => (
        <span className={`status status--${STATUS_CLASS[a.status]}`}>
          {t(`announcementStatus.${a.status}`)}
        </span>
      ),
    },
    {
      header: t("announcements.col.actions"),
      cell: (a) =>
        a.status === "ENDED" ? null : (
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t("announcements.editLabel", { text: a.textFr })}
              onClick={() => {
                setDone(null);
                setEditing({ kind: "edit", announcement: a });
              }}
            >
              {t("announcements.edit")}
            </button>
            <button
              type="button"
              className="button button--danger button--small"
              aria-label={t("announcements.endLabel", { text: a.textFr })}
              onClick={() => {
                setDone(null);
                setEndError(null);
                setEnding(a);
              }}
            >
              {t("announcements.end")}
            </button>
          </div>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("announcements.title")}
        intro={t("announcements.intro")}
        actions={
          editing ? undefined : (
            <button
              type="button"
              className="button"
              onClick={() => {
                setDone(null);
                setEditing({ kind: "new" });
              }}
            >
              {t("announcements.create")}
            </button>
          )
        }
      />
      <SuccessMessage message={done} />
      {editing && (
        <AnnouncementForm
          key={editing.kind === "edit" ? editing.announcement.id : "new"}
          editing={editing.kind === "edit" ? editing.announcement : null}
          onCancel={() => setEditing(null)}
          onDone={(message) => {
            setEditing(null);
            setDone(message);
          }}
        />
      )}
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("announcements.caption")}
            columns={columns}
            rows={data.announcements.nodes}
            rowKey={(a) => a.id}
            emptyMessage={t("announcements.empty")}
          />
          <Pager
            page={pagination.page}
            hasNextPage={data.announcements.pageInfo.hasNextPage}
            endCursor={data.announcements.pageInfo.endCursor}
            onNext={pagination.next}
            onPrevious={pagination.previous}
          />
        </>
      )}
      {ending && (
        <ConfirmDialog
          title={t("announcements.endTitle")}
          confirmLabel={t("announcements.end")}
          destructive
          busy={endingBusy}
          error={endError}
          onConfirm={confirmEnd}
          onCancel={() => setEnding(null)}
        >
          <p>{t("announcements.endBody")}</p>
          <p lang="fr">
            <strong>{ending.textFr}</strong>
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

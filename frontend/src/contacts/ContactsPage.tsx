import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useClient, useMutation, useQuery, type OperationResult } from "urql";
import { toApiErrors } from "../api/apiError";
import { describeApiError } from "../i18n/describeApiError";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { csvFilename, downloadCsv, toCsv } from "../ui/csv";
import { ProgressBar } from "../ui/ProgressBar";
import { SuccessMessage } from "../ui/FlashMessage";
import { useRowSelection } from "../ui/DataTable";
import { PAGE_SIZE, type CursorWalk } from "../ui/usePagination";
import { ConsentDialog } from "./ConsentDialog";
import { contactExportRows } from "./contactExport";
import type {
  ContactExportQuery as ContactExportData,
  ContactFieldsFragment,
  ContactListFieldsFragment,
  ContactSortField,
  SegmentNodeInput,
  SortDirection,
} from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type TableSort } from "../ui/DataTable";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { usePagination } from "../ui/usePagination";
import { useViewer } from "../session/useSession";
import { fromDefinition, toDefinition } from "../segments/segmentTree";
import { contactName } from "./contactName";
import {
  ContactCursorsQuery,
  ContactExportQuery,
  ContactsQuery,
  ContactTotalQuery,
  DeleteContactMutation,
  SegmentFiltersQuery,
} from "./operations";

type ConsentFilter = "" | "EMAIL" | "SMS" | "POST";

/**
 * The list's filters as the API's segment tree (null when none is set): a saved segment's own
 * tree, a granted consent, a postal-code prefix, all of them together.
 */
export function contactFilter(
  consent: ConsentFilter,
  postalCode: string,
  segment: SegmentNodeInput | null = null,
): SegmentNodeInput | null {
  const conditions: SegmentNodeInput[] = segment ? [segment] : [];
  if (consent) {
    conditions.push({
      condition: { consentChannel: consent, operator: "EQUALS", value: "GRANTED" },
    });
  }
  if (postalCode.trim()) {
    conditions.push({
      condition: { field: "POSTAL_CODE", operator: "STARTS_WITH", value: postalCode.trim() },
    });
  }
  return conditions.length ? { and: conditions } : null;
}

const SORT_FIELDS: readonly ContactSortField[] = [
  "LAST_NAME",
  "FIRST_NAME",
  "PERSONAL_EMAIL",
  "POSTAL_CODE",
  "CITY",
  "CREATED_AT",
  "UPDATED_AT",
];

/** The list's order, as the API's `orderBy` reads it. */
export interface ContactOrderBy {
  field: ContactSortField;
  direction: SortDirection;
}

/** Newest first, as the list has always opened. */
export const DEFAULT_CONTACT_ORDER: ContactOrderBy = { field: "CREATED_AT", direction: "DESC" };

/** The list's order from the URL (`?sort=LAST_NAME&direction=ASC`), the default otherwise. */
export function contactOrderFromUrl(params: URLSearchParams): ContactOrderBy {
  const field = params.get("sort") as ContactSortField | null;
  if (!field || !SORT_FIELDS.includes(field)) return DEFAULT_CONTACT_ORDER;
  return { field, direction: params.get("direction") === "DESC" ? "DESC" : "ASC" };
}

/**
 * The order after a click on a column's header: the other direction on the sorted column;
 * on another one, A to Z (texts) or newest first (dates).
 */
export function nextContactOrder(current: ContactOrderBy, field: ContactSortField): ContactOrderBy {
  if (current.field === field) {
    return { field, direction: current.direction === "ASC" ? "DESC" : "ASC" };
  }
  const isDate = field === "CREATED_AT" || field === "UPDATED_AT";
  return { field, direction: isDate ? "DESC" : "ASC" };
}

/** The tenant's contacts: search, filters, sortable columns (kept in the URL) and pages. */
export function ContactsPage() {
  const { t, formatDateTime } = useI18n();
  const [search, setSearch] = useState("");
  const [consent, setConsent] = useState<ConsentFilter>("");
  const [postalCode, setPostalCode] = useState("");
  const [params, setParams] = useSearchParams();
  const orderBy = contactOrderFromUrl(params);
  // The results' key when the user last chose an order: its table takes the focus back.
  const [sortedKey, setSortedKey] = useState<string | null>(null);
  function sortBy(field: ContactSortField) {
    const next = nextContactOrder(orderBy, field);
    setSortedKey(JSON.stringify([debouncedSearch, filter, next]));
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (
          next.field === DEFAULT_CONTACT_ORDER.field &&
          next.direction === DEFAULT_CONTACT_ORDER.direction
        ) {
          updated.delete("sort");
          updated.delete("direction");
        } else {
          updated.set("sort", next.field);
          updated.set("direction", next.direction);
        }
        return updated;
      },
      { replace: true },
    );
  }
  const [segmentId, setSegmentId] = useState("");
  // Saved segments filter the list for those who may read them (Analyse).
  const canAnalyse = useViewer().rights.includes("ANALYSE");
  // Creating and deleting contacts puts data in or takes it out: the Import right.
  const canImport = useViewer().rights.includes("IMPORT");
  const [segments] = useQuery({ query: SegmentFiltersQuery, pause: !canAnalyse });
  const segmentDefinition = useMemo(() => {
    const saved = segments.data?.segments.nodes.find((s) => s.id === segmentId);
    return saved ? toDefinition(fromDefinition(saved.definition)) : null;
  }, [segments.data, segmentId]);
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const debouncedPostalCode = useDebouncedValue(postalCode, 300);
  const filter = useMemo(
    () => contactFilter(consent, debouncedPostalCode, segmentDefinition),
    [consent, debouncedPostalCode, segmentDefinition],
  );
  // A new search, filter or order starts again from the first page.
  const filtersKey = JSON.stringify([debouncedSearch, filter, orderBy]);
  return (
    <>
      <PageHeader
        title={t("contacts.title")}
        intro={t("contacts.intro")}
        actions={
          canImport && (
            <Link to="/contacts/new" className="button">
              {t("contacts.new")}
            </Link>
          )
        }
      />
      <FlashMessage />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label={t("contacts.search")}
          hint={t("contacts.searchHint")}
          type="search"
          value={search}
          onChange={setSearch}
          optional
        />
        {canAnalyse && (segments.data?.segments.nodes.length ?? 0) > 0 && (
          <SelectField
            label={t("contacts.filterSegment")}
            value={segmentId}
            onChange={setSegmentId}
          >
            <option value="">{t("contacts.filterAll")}</option>
            {segments.data?.segments.nodes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          label={t("contacts.filterConsent")}
          value={consent}
          onChange={(v) => setConsent(v as ConsentFilter)}
        >
          <option value="">{t("contacts.filterAll")}</option>
          {(["EMAIL", "SMS", "POST"] as const).map((c) => (
            <option key={c} value={c}>
              {t(`contacts.consentGranted.${c}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("contacts.filterPostalCode")}
          value={postalCode}
          onChange={setPostalCode}
          inputMode="numeric"
          optional
        />
      </form>
      <ContactResults
        key={filtersKey}
        search={debouncedSearch}
        filter={filter}
        orderBy={orderBy}
        onSort={sortBy}
        focusSort={sortedKey === filtersKey}
        formatDateTime={formatDateTime}
      />
    </>
  );
}

function ContactResults({
  search,
  filter,
  orderBy,
  onSort,
  focusSort,
  formatDateTime,
}: {
  search: string;
  filter: SegmentNodeInput | null;
  orderBy: ContactOrderBy;
  onSort: (field: ContactSortField) => void;
  focusSort: boolean;
  formatDateTime: (iso: string) => string;
}) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const client = useClient();
  const viewer = useViewer();
  const canCount = viewer.rights.includes("ANALYSE");
  const pagination = usePagination();
  const selection = useRowSelection();
  const [bulk, setBulk] = useState<"consent" | "delete" | null>(null);
  const [bulkRows, setBulkRows] = useState<ContactListFieldsFragment[]>([]);
  const [flash, setFlash] = useState<string | null>(null);
  const [exportState, setExportState] = useState<{ done: number; error: string | null } | null>(
    null,
  );
  const context = useMemo(() => ({ additionalTypenames: ["Contact"] }), []);
  const listVariables = { search: search || null, filter, orderBy };
  const [{ data, fetching, error }] = useQuery({
    query: ContactsQuery,
    variables: { ...pagination.variables, ...listVariables },
    requestPolicy: "cache-and-network",
    context,
  });
  // The free-text search has no count in the API; a filter's count needs Analyse.
  const [{ data: totalData }] = useQuery({
    query: ContactTotalQuery,
    variables: { filter },
    pause: !canCount || Boolean(search),
    requestPolicy: "cache-and-network",
    context,
  });
  const total = totalData?.contactCount;
  const pageCount = total === undefined ? undefined : Math.max(1, Math.ceil(total / PAGE_SIZE));

  const walk: CursorWalk = async (after, first) => {
    const result = await client
      .query(
        ContactCursorsQuery,
        { first, after, ...listVariables },
        { requestPolicy: "network-only" },
      )
      .toPromise();
    return result.data?.contacts.pageInfo ?? null;
  };

  async function exportList() {
    setExportState({ done: 0, error: null });
    const contacts: ContactFieldsFragment[] = [];
    let after: string | null = null;
    for (;;) {
      const result: OperationResult<ContactExportData> = await client
        .query(
          ContactExportQuery,
          { first: 100, after, ...listVariables },
          { requestPolicy: "network-only" },
        )
        .toPromise();
      if (!result.data) {
        const [first] = result.error ? toApiErrors(result.error) : [];
        setExportState({
          done: contacts.length,
          error: describeApiError(first ?? { code: "INTERNAL" }, t),
        });
        return;
      }
      contacts.push(...result.data.contacts.nodes);
      setExportState({ done: contacts.length, error: null });
      const { hasNextPage, endCursor } = result.data.contacts.pageInfo;
      if (!hasNextPage || !endCursor) break;
      after = endCursor;
    }
    const { header, rows } = contactExportRows(contacts, i18n);
    downloadCsv(csvFilename("contacts"), toCsv(header, rows));
    setExportState(null);
    setFlash(t("contacts.export.done", { count: contacts.length }));
  }

  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  if (!data) return null;
  const sort: TableSort = {
    key: orderBy.field,
    direction: orderBy.direction === "ASC" ? "ascending" : "descending",
  };
  const filtered = Boolean(search || filter);
  return (
    <>
      <div className="list-summary">
        <p className="list-summary__count" aria-live="polite">
          {total !== undefined
            ? t(filtered ? "contacts.totalMatching" : "contacts.total", {
                count: formatNumber(total),
              })
            : search
              ? t("contacts.totalUnknownSearch")
              : t("contacts.totalUnknown")}
        </p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void exportList()}
          disabled={exportState !== null && exportState.error === null}
        >
          {filtered ? t("contacts.export.filtered") : t("contacts.export.all")}
        </button>
      </div>
      {exportState && (
        <div className="list-export" role="status">
          {exportState.error ? (
            <div className="alert alert--error" role="alert">
              {exportState.error}
            </div>
          ) : (
            <ProgressBar
              label={t("contacts.export.progress", { done: formatNumber(exportState.done) })}
              percent={total ? (exportState.done / total) * 100 : 0}
              indeterminate={!total}
            />
          )}
        </div>
      )}
      <SuccessMessage message={flash} />
      <DataTable<ContactListFieldsFragment>
        sort={sort}
        onSort={(key) => onSort(key as ContactSortField)}
        autoFocusSort={focusSort}
        caption={t("contacts.caption")}
        rows={data.contacts.nodes}
        rowKey={(c) => c.id}
        emptyMessage={filtered ? t("contacts.noMatch") : t("contacts.empty")}
        emptyAction={
          filtered ? undefined : (
            <span className="actions">
              {viewer.rights.includes("IMPORT") && (
                <>
                  <Link to="/imports/new" className="button">
                    {t("imports.emptyAction")}
                  </Link>
                  <Link to="/contacts/new" className="button button--secondary">
                    {t("contacts.new")}
                  </Link>
                </>
              )}
            </span>
          )
        }
        selection={{ ...selection, rowLabel: (c) => contactName(c, t) }}
        exportName="contacts-selection"
        bulkActions={(rows) => (
          <>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setFlash(null);
                setBulkRows(rows);
                setBulk("consent");
              }}
            >
              {t("contacts.bulk.consent")}
            </button>
            {viewer.rights.includes("IMPORT") && (
              <button
                type="button"
                className="button button--danger"
                onClick={() => {
                  setFlash(null);
                  setBulkRows(rows);
                  setBulk("delete");
                }}
              >
                {t("contacts.bulk.delete")}
              </button>
            )}
          </>
        )}
        columns={[
          {
            header: t("contacts.col.name"),
            isRowHeader: true,
            sortKey: "LAST_NAME",
            csv: (c) => contactName(c, t),
            cell: (c) => (
              <>
                <Link to={`/contacts/${c.id}`}>{contactName(c, t)}</Link>
                {c.externalId && <div className="muted mono">{c.externalId}</div>}
              </>
            ),
          },
          {
            header: t("contacts.col.email"),
            sortKey: "PERSONAL_EMAIL",
            cell: (c) => c.personalEmail ?? "",
          },
          { header: t("contacts.col.mobile"), cell: (c) => c.mobilePhone ?? "" },
          {
            header: t("contacts.col.locality"),
            sortKey: "POSTAL_CODE",
            cell: (c) => [c.postalCode, c.city].filter(Boolean).join(" "),
          },
          {
            header: t("contacts.col.createdAt"),
            sortKey: "CREATED_AT",
            cell: (c) => formatDateTime(c.createdAt),
          },
        ]}
      />
      <Pager
        page={pagination.page}
        pageCount={pageCount}
        hasNextPage={data.contacts.pageInfo.hasNextPage}
        endCursor={data.contacts.pageInfo.endCursor}
        onNext={pagination.next}
        onPrevious={pagination.previous}
        onJump={(page) => void pagination.jumpTo(page, walk)}
        busy={pagination.jumping}
      />
      {bulk === "consent" && (
        <ConsentDialog
          contactIds={bulkRows.map((c) => c.id)}
          onCancel={() => setBulk(null)}
          onDone={() => {
            setBulk(null);
            setFlash(t("contacts.bulk.consentDone", { count: bulkRows.length }));
          }}
        />
      )}
      {bulk === "delete" && (
        <BulkDeleteDialog
          contacts={bulkRows}
          onCancel={() => setBulk(null)}
          onDone={(count) => {
            setBulk(null);
            selection.clear();
            setFlash(t("contacts.bulk.deleteDone", { count }));
          }}
        />
      )}
    </>
  );
}

/** Deletes the selected contacts one by one after confirmation, naming them. */
function BulkDeleteDialog({
  contacts,
  onCancel,
  onDone,
}: {
  contacts: readonly ContactListFieldsFragment[];
  onCancel: () => void;
  onDone: (count: number) => void;
}) {
  const { t, formatNumber } = useI18n();
  const [{ fetching }, deleteContact] = useMutation(DeleteContactMutation);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const names = contacts.slice(0, 5).map((c) => contactName(c, t));

  async function confirm() {
    setBusy(true);
    for (const [index, contact] of contacts.entries()) {
      const result = await deleteContact(
        { input: { id: contact.id } },
        { additionalTypenames: ["Contact"] },
      );
      if (result.error) {
        const [first] = toApiErrors(result.error);
        setError(
          `${t("contacts.bulk.deleteStopped", { done: formatNumber(index), total: formatNumber(contacts.length) })} ${describeApiError(first ?? { code: "INTERNAL" }, t)}`,
        );
        setBusy(false);
        return;
      }
    }
    setBusy(false);
    onDone(contacts.length);
  }

  return (
    <ConfirmDialog
      title={t("contacts.bulk.deleteTitle", { count: contacts.length })}
      confirmLabel={t("contacts.bulk.deleteConfirm", { count: contacts.length })}
      destructive
      busy={busy || fetching}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p>{t("contacts.bulk.deleteBody", { count: contacts.length })}</p>
      <ul>
        {names.map((name, i) => (
          <li key={i}>{name}</li>
        ))}
        {contacts.length > names.length && (
          <li>{t("contacts.bulk.andOthers", { count: contacts.length - names.length })}</li>
        )}
      </ul>
    </ConfirmDialog>
  );
}

import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import type {
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
import { ContactsQuery, SegmentFiltersQuery } from "./operations";

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
      <PageHeader title={t("contacts.title")} intro={t("contacts.intro")} />
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
  const { t } = useI18n();
  const pagination = usePagination();
  const context = useMemo(() => ({ additionalTypenames: ["Contact"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: ContactsQuery,
    variables: { ...pagination.variables, search: search || null, filter, orderBy },
    requestPolicy: "cache-and-network",
    context,
  });
  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  if (!data) return null;
  const sort: TableSort = {
    key: orderBy.field,
    direction: orderBy.direction === "ASC" ? "ascending" : "descending",
  };
  return (
    <>
      <DataTable<ContactListFieldsFragment>
        sort={sort}
        onSort={(key) => onSort(key as ContactSortField)}
        autoFocusSort={focusSort}
        caption={t("contacts.caption")}
        rows={data.contacts.nodes}
        rowKey={(c) => c.id}
        emptyMessage={search || filter ? t("contacts.noMatch") : t("contacts.empty")}
        columns={[
          {
            header: t("contacts.col.name"),
            isRowHeader: true,
            sortKey: "LAST_NAME",
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
        hasNextPage={data.contacts.pageInfo.hasNextPage}
        endCursor={data.contacts.pageInfo.endCursor}
        onNext={pagination.next}
        onPrevious={pagination.previous}
      />
    </>
  );
}

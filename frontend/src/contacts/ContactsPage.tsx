import { useMemo, useState } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import type { ContactListFieldsFragment, ContactOrder, SegmentNodeInput } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable } from "../ui/DataTable";
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

/** The tenant's contacts: search, filters, order and pages. */
export function ContactsPage() {
  const { t, formatDateTime } = useI18n();
  const [search, setSearch] = useState("");
  const [consent, setConsent] = useState<ConsentFilter>("");
  const [postalCode, setPostalCode] = useState("");
  const [order, setOrder] = useState<ContactOrder>("NEWEST_FIRST");
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
  const filtersKey = JSON.stringify([debouncedSearch, filter, order]);
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
        <SelectField
          label={t("contacts.order")}
          value={order}
          onChange={(v) => setOrder(v as ContactOrder)}
        >
          <option value="NEWEST_FIRST">{t("contacts.order.NEWEST_FIRST")}</option>
          <option value="OLDEST_FIRST">{t("contacts.order.OLDEST_FIRST")}</option>
        </SelectField>
      </form>
      {/* A new search starts again from the first page. */}
      <ContactResults
        key={filtersKey}
        search={debouncedSearch}
        filter={filter}
        order={order}
        formatDateTime={formatDateTime}
      />
    </>
  );
}

function ContactResults({
  search,
  filter,
  order,
  formatDateTime,
}: {
  search: string;
  filter: SegmentNodeInput | null;
  order: ContactOrder;
  formatDateTime: (iso: string) => string;
}) {
  const { t } = useI18n();
  const pagination = usePagination();
  const context = useMemo(() => ({ additionalTypenames: ["Contact"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: ContactsQuery,
    variables: { ...pagination.variables, search: search || null, filter, order },
    requestPolicy: "cache-and-network",
    context,
  });
  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  if (!data) return null;
  return (
    <>
      <DataTable<ContactListFieldsFragment>
        caption={t("contacts.caption")}
        rows={data.contacts.nodes}
        rowKey={(c) => c.id}
        emptyMessage={search || filter ? t("contacts.noMatch") : t("contacts.empty")}
        columns={[
          {
            header: t("contacts.col.name"),
            isRowHeader: true,
            cell: (c) => (
              <>
                <Link to={`/contacts/${c.id}`}>{contactName(c, t)}</Link>
                {c.externalId && <div className="muted mono">{c.externalId}</div>}
              </>
            ),
          },
          { header: t("contacts.col.email"), cell: (c) => c.personalEmail ?? "" },
          { header: t("contacts.col.mobile"), cell: (c) => c.mobilePhone ?? "" },
          {
            header: t("contacts.col.locality"),
            cell: (c) => [c.postalCode, c.city].filter(Boolean).join(" "),
          },
          { header: t("contacts.col.createdAt"), cell: (c) => formatDateTime(c.createdAt) },
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

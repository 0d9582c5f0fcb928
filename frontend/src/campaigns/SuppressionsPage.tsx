import { useMemo, useState, type FormEvent } from "react";
import { useClient, useMutation, useQuery } from "urql";
import type { Channel, SuppressionFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { DataTable, type Column } from "../ui/DataTable";
import { SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { campaignErrorMessage, campaignFormErrors } from "./campaignErrors";
import { channelKey, formatWhen, suppressionReasonKey } from "./campaignText";
import {
  AddSuppressionMutation,
  FindSuppressionQuery,
  RemoveSuppressionMutation,
  SuppressionsQuery,
} from "./operations";
import "./campaigns.css";

const PAGE = 50;

/** The value's channel: an e-mail address has an "@", anything else is a number. */
function channelOf(value: string): Channel {
  return value.includes("@") ? "EMAIL" : "SMS";
}

/** `/campagnes/opposition`: the tenant's suppression list, its search, additions, removals. */
export function SuppressionsPage() {
  const { t, language } = useI18n();
  const viewer = useViewer();
  const client = useClient();
  const [filter, setFilter] = useState<"" | Channel>("");
  const [offset, setOffset] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [removing, setRemoving] = useState<SuppressionFieldsFragment | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [value, setValue] = useState("");
  const [addError, setAddError] = useState<{ value?: string; form: string | null }>({ form: null });
  const [search, setSearch] = useState("");
  const [searchResult, setSearchResult] = useState<string | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const context = useMemo(() => ({ additionalTypenames: ["Suppression"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: SuppressionsQuery,
    variables: { channel: filter || null, first: PAGE + 1, offset },
    requestPolicy: "cache-and-network",
    context,
  });
  const [{ fetching: adding }, add] = useMutation(AddSuppressionMutation);
  const [{ fetching: deleting }, remove] = useMutation(RemoveSuppressionMutation);
  const rows = (data?.suppressions ?? []).slice(0, PAGE);
  const hasNext = (data?.suppressions.length ?? 0) > PAGE;
  const canConsult = viewer.rights.includes("CONSULT");
  const when = (iso: string) => formatWhen(iso, language);

  async function submitAdd(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const trimmed = value.trim();
    if (!trimmed) return setAddError({ value: t("form.required"), form: null });
    const result = await add({ channel: channelOf(trimmed), value: trimmed }, context);
    if (result.error) {
      const found = campaignFormErrors(result.error, ["value"] as const, t);
      return setAddError({ value: found.fields.value, form: found.form });
    }
    setAddError({ form: null });
    setValue("");
    setDone(t("suppressions.added", { masked: result.data?.addSuppression.masked ?? trimmed }));
  }

  async function submitSearch(event: FormEvent) {
    event.preventDefault();
    setSearchResult(null);
    setSearchError(null);
    const trimmed = search.trim();
    if (!trimmed) return setSearchError(t("form.required"));
    const result = await client
      .query(
        FindSuppressionQuery,
        { channel: channelOf(trimmed), value: trimmed },
        { requestPolicy: "network-only" },
      )
      .toPromise();
    if (result.error) return setSearchError(campaignErrorMessage(result.error, t));
    const found = result.data?.findSuppression;
    setSearchResult(
      found
        ? t("suppressions.found", {
            masked: found.masked,
            reason: t(suppressionReasonKey(found.reason)),
            date: when(found.createdAt),
          })
        : t("suppressions.notFound"),
    );
  }

  async function confirmRemove() {
    if (!removing) return;
    const result = await remove(
      { channel: removing.channel, valueHash: removing.valueHash },
      context,
    );
    if (result.error) return setRemoveError(campaignErrorMessage(result.error, t));
    setDone(t("suppressions.removed", { masked: removing.masked }));
    setRemoving(null);
  }

  const columns: Column<SuppressionFieldsFragment>[] = [
    {
      header: t("suppressions.col.masked"),
      isRowHeader: true,
      cell: (s) => <span className="mono">{s.masked}</span>,
      csv: (s) => s.masked,
    },
    { header: t("suppressions.col.channel"), cell: (s) => t(channelKey(s.channel)) },
    { header: t("suppressions.col.reason"), cell: (s) => t(suppressionReasonKey(s.reason)) },
    { header: t("suppressions.col.createdAt"), cell: (s) => when(s.createdAt) },
    {
      header: t("suppressions.col.actions"),
      exportable: false,
      cell: (s) => (
        <button
          type="button"
          className="button button--secondary button--small"
          aria-label={t("suppressions.removeLabel", { masked: s.masked })}
          onClick={() => {
            setRemoveError(null);
            setRemoving(s);
          }}
        >
          {t("suppressions.remove")}
        </button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t("suppressions.title")} intro={t("suppressions.intro")} />
      <SuccessMessage message={done} />
      <section className="panel" aria-labelledby="add-title">
        <h2 id="add-title">{t("suppressions.addTitle")}</h2>
        <form className="inline-form" onSubmit={submitAdd} noValidate>
          <FormAlert message={addError.form} />
          <TextField
            label={t("suppressions.value")}
            value={value}
            onChange={setValue}
            error={addError.value}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="button" disabled={adding}>
            {t("suppressions.add")}
          </button>
        </form>
      </section>
      <section className="panel" aria-labelledby="search-title">
        <h2 id="search-title">{t("suppressions.searchTitle")}</h2>
        {canConsult ? (
          <form className="inline-form" onSubmit={submitSearch} noValidate role="search">
            <TextField
              label={t("suppressions.value")}
              type="search"
              value={search}
              onChange={setSearch}
              error={searchError ?? undefined}
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" className="button button--secondary">
              {t("suppressions.search")}
            </button>
          </form>
        ) : (
          <p className="muted">{t("suppressions.noConsult")}</p>
        )}
        {searchResult && (
          <p role="status" className="alert alert--info">
            {searchResult}
          </p>
        )}
      </section>
      <SelectField
        label={t("suppressions.filter")}
        value={filter}
        onChange={(v) => {
          setFilter(v as "" | Channel);
          setOffset(0);
        }}
      >
        <option value="">{t("suppressions.allChannels")}</option>
        <option value="EMAIL">{t(channelKey("EMAIL"))}</option>
        <option value="SMS">{t(channelKey("SMS"))}</option>
      </SelectField>
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("suppressions.caption")}
            columns={columns}
            rows={rows}
            rowKey={(s) => `${s.channel}-${s.valueHash}`}
            emptyMessage={t("suppressions.empty")}
            exportName="liste-opposition"
          />
          <div className="action-row">
            {offset > 0 && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t("suppressions.previous")}
              </button>
            )}
            {hasNext && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setOffset(offset + PAGE)}
              >
                {t("suppressions.next")}
              </button>
            )}
          </div>
        </>
      )}
      {removing && (
        <ConfirmDialog
          title={t("suppressions.removeTitle", { masked: removing.masked })}
          confirmLabel={t("suppressions.remove")}
          destructive
          busy={deleting}
          error={removeError}
          onConfirm={() => void confirmRemove()}
          onCancel={() => setRemoving(null)}
        >
          <p>{t("suppressions.removeBody")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

import { useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import type { FeedsQuery as FeedsQueryResult } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { DataTable } from "../ui/DataTable";
import { SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import {
  apiFormErrors,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  requiredError,
  type FormErrors,
} from "../ui/formErrors";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { CreateFeedMutation, DeleteFeedMutation, FeedsQuery } from "./feedOperations";

type Feed = FeedsQueryResult["feeds"][number];
const FIELDS = ["name", "mappingId", "everyMinutes"] as const;
type Field = (typeof FIELDS)[number];

function CreateFeedForm({
  mappings,
  onCreated,
}: {
  mappings: FeedsQueryResult["importMappings"];
  onCreated: (name: string, inboxPath: string) => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const [name, setName] = useState("");
  const [mappingId, setMappingId] = useState("");
  const [everyMinutes, setEveryMinutes] = useState("60");
  const [errors, setErrors] = useState<FormErrors<Field>>(noFormErrors);
  const [{ fetching }, createFeed] = useMutation(CreateFeedMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const minutes = Number(everyMinutes);
    const checked = {
      fields: fieldErrors<Field>({
        name: requiredError(name, t),
        mappingId: mappingId ? undefined : t("form.required"),
        everyMinutes:
          Number.isInteger(minutes) && minutes > 0 ? undefined : t("feeds.everyMinutesInvalid"),
      }),
      form: null,
    };
    if (hasFormErrors(checked)) {
      setErrors(checked);
      return;
    }
    const result = await createFeed(
      { input: { name: name.trim(), mappingId, everyMinutes: minutes } },
      { additionalTypenames: ["Feed"] },
    );
    if (result.data) {
      setErrors(noFormErrors());
      setName("");
      onCreated(result.data.createFeed.feed.name, result.data.createFeed.feed.inboxPath);
    } else if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
    }
  }

  return (
    <form
      ref={formRef}
      className="form form--wide"
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
    >
      <h3 id={titleId}>{t("feeds.createTitle")}</h3>
      <FormAlert message={errors.form} />
      <div className="form__row">
        <TextField
          label={t("feeds.name")}
          value={name}
          onChange={setName}
          error={errors.fields.name}
        />
        <SelectField
          label={t("feeds.mapping")}
          hint={t("feeds.mappingHint")}
          value={mappingId}
          onChange={setMappingId}
          error={errors.fields.mappingId}
        >
          <option value="">{t("segment.choose")}</option>
          {mappings.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("feeds.everyMinutes")}
          type="number"
          min={1}
          inputMode="numeric"
          value={everyMinutes}
          onChange={setEveryMinutes}
          error={errors.fields.everyMinutes}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button" disabled={fetching || mappings.length === 0}>
          {fetching ? t("form.saving") : t("feeds.create")}
        </button>
      </div>
    </form>
  );
}

/** Automatic feeds: files dropped in a tenant inbox, imported on a schedule with a saved mapping. */
export function FeedsPanel() {
  const { t, formatDateTime } = useI18n();
  const context = useMemo(() => ({ additionalTypenames: ["Feed", "ImportMapping"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: FeedsQuery,
    requestPolicy: "cache-and-network",
    context,
  });
  const [message, setMessage] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Feed | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [{ fetching: removing }, deleteFeed] = useMutation(DeleteFeedMutation);

  async function remove() {
    if (!deleting) return;
    const result = await deleteFeed({ input: { id: deleting.id } }, context);
    if (result.error) {
      setDeleteError(apiFormErrors(result.error, [], t).form);
      return;
    }
    setMessage(t("feeds.deleted", { name: deleting.name }));
    setDeleting(null);
  }

  return (
    <section className="panel" aria-labelledby="feeds-title">
      <h2 id="feeds-title">{t("feeds.title")}</h2>
      <p className="muted">{t("feeds.intro")}</p>
      <SuccessMessage message={message} />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable<Feed>
            caption={t("feeds.caption")}
            rows={data.feeds}
            rowKey={(f) => f.id}
            emptyMessage={t("feeds.empty")}
            columns={[
              { header: t("feeds.name"), isRowHeader: true, cell: (f) => f.name },
              {
                header: t("feeds.mapping"),
                cell: (f) => data.importMappings.find((m) => m.id === f.mappingId)?.name ?? "",
              },
              { header: t("feeds.inbox"), cell: (f) => <code>{f.inboxPath}</code> },
              {
                header: t("feeds.schedule"),
                cell: (f) => t("feeds.every", { minutes: f.everyMinutes }),
              },
              {
                header: t("feeds.runs"),
                cell: (f) =>
                  t("feeds.runsAt", {
                    last: f.lastRunAt ? formatDateTime(f.lastRunAt) : t("feeds.never"),
                    next: formatDateTime(f.nextRunAt),
                  }),
              },
              {
                header: t("feeds.actions"),
                cell: (f) => (
                  <button
                    type="button"
                    className="button button--danger button--small"
                    aria-label={t("feeds.deleteLabel", { name: f.name })}
                    onClick={() => setDeleting(f)}
                  >
                    {t("feeds.delete")}
                  </button>
                ),
              },
            ]}
          />
          {data.importMappings.length === 0 ? (
            <p className="field__hint">{t("feeds.needsMapping")}</p>
          ) : (
            <CreateFeedForm
              mappings={data.importMappings}
              onCreated={(name, inboxPath) => setMessage(t("feeds.created", { name, inboxPath }))}
            />
          )}
        </>
      )}
      {deleting && (
        <ConfirmDialog
          title={t("feeds.deleteTitle", { name: deleting.name })}
          confirmLabel={t("feeds.delete")}
          destructive
          busy={removing}
          error={deleteError}
          onConfirm={remove}
          onCancel={() => {
            setDeleting(null);
            setDeleteError(null);
          }}
        >
          <p>{t("feeds.deleteBody")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

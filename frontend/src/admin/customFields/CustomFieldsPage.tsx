import { useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import type { CustomFieldFieldsFragment } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { DataTable } from "../../ui/DataTable";
import { SuccessMessage } from "../../ui/FlashMessage";
import { apiFormErrors } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { LoadingState, QueryError } from "../../ui/QueryStatus";
import { CustomFieldForm } from "./CustomFieldForm";
import { CustomFieldsQuery, DeleteCustomFieldMutation } from "./operations";

type Editing = { mode: "create" } | { mode: "edit"; field: CustomFieldFieldsFragment } | null;

/** The tenant's data referential: custom fields of contacts and their value lists. */
export function CustomFieldsPage() {
  const { t, formatDateTime } = useI18n();
  const context = useMemo(() => ({ additionalTypenames: ["CustomField"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: CustomFieldsQuery,
    requestPolicy: "cache-and-network",
    context,
  });
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<CustomFieldFieldsFragment | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [{ fetching: removing }, deleteField] = useMutation(DeleteCustomFieldMutation);

  async function remove() {
    if (!deleting) return;
    const result = await deleteField({ input: { id: deleting.id } }, context);
    if (result.error) {
      setDeleteError(apiFormErrors(result.error, [], t).form);
      return;
    }
    setMessage(t("customFields.deleted", { label: deleting.label }));
    setDeleting(null);
  }

  return (
    <>
      <PageHeader
        title={t("customFields.title")}
        intro={t("customFields.intro")}
        actions={
          !editing && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setMessage(null);
                setEditing({ mode: "create" });
              }}
            >
              {t("customFields.create")}
            </button>
          )
        }
      />
      <SuccessMessage message={message} />
      {editing && (
        <CustomFieldForm
          key={editing.mode === "edit" ? editing.field.id : "new"}
          field={editing.mode === "edit" ? editing.field : null}
          onCancel={() => setEditing(null)}
          onDone={(saved) => {
            setEditing(null);
            setMessage(t("customFields.saved", { label: saved.label }));
          }}
        />
      )}
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <DataTable<CustomFieldFieldsFragment>
          caption={t("customFields.caption")}
          rows={data.customFields}
          rowKey={(f) => f.id}
          emptyMessage={t("customFields.empty")}
          columns={[
            { header: t("customFields.label"), isRowHeader: true, cell: (f) => f.label },
            { header: t("customFields.key"), cell: (f) => <code>{f.key}</code> },
            { header: t("customFields.kind"), cell: (f) => t(`customFieldKind.${f.kind}`) },
            { header: t("customFields.options"), cell: (f) => f.options.join(", ") },
            { header: t("customFields.createdAt"), cell: (f) => formatDateTime(f.createdAt) },
            {
              header: t("customFields.actions"),
              cell: (f) => (
                <span className="actions">
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={t("customFields.editLabel", { label: f.label })}
                    onClick={() => {
                      setMessage(null);
                      setEditing({ mode: "edit", field: f });
                    }}
                  >
                    {t("customFields.edit")}
                  </button>
                  <button
                    type="button"
                    className="button button--danger button--small"
                    aria-label={t("customFields.deleteLabel", { label: f.label })}
                    onClick={() => setDeleting(f)}
                  >
                    {t("customFields.delete")}
                  </button>
                </span>
              ),
            },
          ]}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t("customFields.deleteTitle", { label: deleting.label })}
          confirmLabel={t("customFields.delete")}
          destructive
          busy={removing}
          error={deleteError}
          onConfirm={remove}
          onCancel={() => {
            setDeleting(null);
            setDeleteError(null);
          }}
        >
          <p>{t("customFields.deleteBody")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

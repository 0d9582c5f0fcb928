import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import type { ContactFieldsFragment, ConsentChannel } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import { useI18n } from "../i18n/useI18n";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { FlashMessage, SuccessMessage } from "../ui/FlashMessage";
import { apiFormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { useViewer } from "../session/useSession";
import { ConsentDialog } from "./ConsentDialog";
import { contactName } from "./contactName";
import { EDITABLE_FIELDS, type EditableField } from "./contactFields";
import { ContactQuery, DeleteContactMutation } from "./operations";

const CHANNELS: ConsentChannel[] = ["EMAIL", "SMS", "POST"];

function useFieldValue() {
  const { t, formatDate } = useI18n();
  return (contact: ContactFieldsFragment, field: EditableField): string | null => {
    const value = contact[field.key];
    if (value === null || value === undefined || value === "") return null;
    if (field.input === "date") return formatDate(String(value));
    if (field.input === "civility" || field.input === "gender" || field.input === "maritalStatus") {
      return t(`${field.input}.${String(value)}` as MessageKey);
    }
    return String(value);
  };
}

function FieldList({
  contact,
  section,
}: {
  contact: ContactFieldsFragment;
  section: EditableField["section"];
}) {
  const { t } = useI18n();
  const valueOf = useFieldValue();
  const filled = EDITABLE_FIELDS.filter((f) => f.section === section)
    .map((f) => [f, valueOf(contact, f)] as const)
    .filter(([, v]) => v !== null);
  if (filled.length === 0) return <p className="muted">{t("contact.nothing")}</p>;
  return (
    <dl className="details">
      {filled.map(([f, value]) => (
        <div key={f.key} className="details__item">
          <dt>{t(`contactField.${f.field}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Consent per channel with its proof: when, where, the wording shown, the IP address. */
function ConsentTable({ contact }: { contact: ContactFieldsFragment }) {
  const { t, formatDateTime } = useI18n();
  const [editing, setEditing] = useState<ConsentChannel | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className="table-scroll">
      <SuccessMessage message={saved} />
      {editing && (
        <ConsentDialog
          contactId={contact.id}
          channel={editing}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setSaved(t("consent.saved", { channel: t(`consentChannel.${editing}`) }));
            setEditing(null);
          }}
        />
      )}
      <table className="data-table">
        <caption>{t("contact.consentsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("contact.consent.channel")}</th>
            <th scope="col">{t("contact.consent.status")}</th>
            <th scope="col">{t("contact.consent.collectedAt")}</th>
            <th scope="col">{t("contact.consent.source")}</th>
            <th scope="col">{t("contact.consent.wording")}</th>
            <th scope="col">{t("contact.consent.ip")}</th>
            <th scope="col">{t("customFields.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {CHANNELS.map((channel) => {
            const consent = contact.consents.find((c) => c.channel === channel);
            return (
              <tr key={channel}>
                <th scope="row">{t(`consentChannel.${channel}`)}</th>
                <td>
                  {consent ? (
                    <span className={`status status--consent-${consent.status.toLowerCase()}`}>
                      {t(`consentStatus.${consent.status}`)}
                    </span>
                  ) : (
                    <span className="muted">{t("consentStatus.none")}</span>
                  )}
                </td>
                <td>{consent ? formatDateTime(consent.collectedAt) : ""}</td>
                <td>{consent?.source ?? ""}</td>
                <td>{consent?.wording ?? ""}</td>
                <td className="mono">{consent?.ip ?? ""}</td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={t("consent.recordLabel", {
                      channel: t(`consentChannel.${channel}`),
                    })}
                    onClick={() => {
                      setSaved(null);
                      setEditing(channel);
                    }}
                  >
                    {t("consent.record")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function changedKeys(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
}

/** One contact: identity, contact details, address, consent with proof, custom fields, history. */
export function ContactDetailPage() {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const { contactId = "" } = useParams();
  const canImport = useViewer().rights.includes("IMPORT");
  const [{ data, fetching, error }] = useQuery({
    query: ContactQuery,
    variables: { id: contactId },
    requestPolicy: "cache-and-network",
  });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [{ fetching: deleting }, deleteContact] = useMutation(DeleteContactMutation);
  const back = <Link to="/contacts">← {t("contacts.back")}</Link>;

  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  const contact = data?.contact;
  if (!contact) {
    return (
      <>
        <PageHeader title={t("app.notFound.title")} />
        <p>{t("contact.notFound")}</p>
        {back}
      </>
    );
  }
  const name = contactName(contact, t);

  async function remove() {
    const result = await deleteContact({ input: { id: contactId } });
    if (result.error) {
      setDeleteError(apiFormErrors(result.error, [], t).form);
      return;
    }
    navigate("/contacts", { state: { flash: t("contact.deleted", { name }) } });
  }

  return (
    <>
      <p className="breadcrumb">{back}</p>
      <PageHeader
        title={name}
        intro={t("contact.createdUpdated", {
          created: formatDateTime(contact.createdAt),
          updated: formatDateTime(contact.updatedAt),
        })}
        actions={
          // Changing a contact puts data in: the Import right (the API checks it too).
          canImport && (
            <>
              <Link to={`/contacts/${contact.id}/edit`} className="button">
                {t("contact.edit")}
              </Link>
              <button
                type="button"
                className="button button--danger"
                onClick={() => setConfirmDelete(true)}
              >
                {t("contact.delete")}
              </button>
            </>
          )
        }
      />
      <FlashMessage />
      <div className="panel-grid">
        <section className="panel">
          <h2>{t("contact.identity")}</h2>
          <FieldList contact={contact} section="identity" />
        </section>
        <section className="panel">
          <h2>{t("contact.contactDetails")}</h2>
          <FieldList contact={contact} section="contact" />
        </section>
        <section className="panel">
          <h2>{t("contact.address")}</h2>
          <FieldList contact={contact} section="address" />
        </section>
        {contact.customValues.length > 0 && (
          <section className="panel">
            <h2>{t("contact.customValues")}</h2>
            <dl className="details">
              {contact.customValues.map((v) => (
                <div key={v.key} className="details__item">
                  <dt>{v.label}</dt>
                  <dd>{v.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
      </div>
      <section className="panel">
        <h2>{t("contact.consents")}</h2>
        <ConsentTable contact={contact} />
      </section>
      <section className="panel">
        <h2>{t("contact.history")}</h2>
        {contact.history.nodes.length === 0 ? (
          <p className="empty-state">{t("contact.historyEmpty")}</p>
        ) : (
          <ol className="history">
            {contact.history.nodes.map((change) => (
              <li key={change.id}>
                <strong>{formatDateTime(change.at)}</strong> · <code>{change.action}</code>
                {change.actorKind && (
                  <span className="muted"> · {t(`actorKind.${change.actorKind}`)}</span>
                )}
                {changedKeys(change.before, change.after).length > 0 && (
                  <span className="muted">
                    {" "}
                    ·{" "}
                    {t("contact.changedFields", {
                      fields: changedKeys(change.before, change.after).join(", "),
                    })}
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {confirmDelete && (
        <ConfirmDialog
          title={t("contact.deleteTitle", { name })}
          confirmLabel={t("contact.delete")}
          destructive
          busy={deleting}
          error={deleteError}
          onConfirm={remove}
          onCancel={() => {
            setConfirmDelete(false);
            setDeleteError(null);
          }}
        >
          <p>{t("contact.deleteBody")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

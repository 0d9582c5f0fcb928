import { useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery, type CombinedError } from "urql";
import type { ContactFieldsFragment, UpdateContactInput } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import { useI18n } from "../i18n/useI18n";
import { FormAlert } from "../ui/FormAlert";
import { apiFormErrors, noFormErrors, type FormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { contactName } from "./contactName";
import {
  CODE_OPTIONS,
  contactValueErrors,
  EDITABLE_FIELDS,
  FIELD_KEYS,
  type EditableField,
} from "./contactFields";
import { ContactQuery, UpdateContactMutation } from "./operations";

type Key = EditableField["key"];
export type ContactValues = Record<Key, string>;
type Values = ContactValues;

function valuesOf(contact: ContactFieldsFragment): Values {
  const values = {} as Values;
  for (const f of EDITABLE_FIELDS) values[f.key] = (contact[f.key] as string | null) ?? "";
  return values;
}

/** Only the changed fields: a cleared field is sent as null, an untouched one not at all. */
export function contactChanges(id: string, before: Values, after: Values): UpdateContactInput {
  const input: Record<string, unknown> = { id };
  for (const f of EDITABLE_FIELDS) {
    if (before[f.key] !== after[f.key]) input[f.key] = after[f.key].trim() || null;
  }
  return input as unknown as UpdateContactInput;
}

/**
 * The contact's fields, by section. Every field is checked before the API is asked, so that
 * all invalid fields show at once; the API's refusals then go next to their fields too.
 */
export function ContactForm({
  initial,
  submitLabel,
  cancelTo,
  onSubmit,
}: {
  initial: Values;
  submitLabel: string;
  cancelTo: string;
  /** Sends the values; resolves to the API's error, or null once saved. */
  onSubmit: (values: Values) => Promise<CombinedError | null>;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FormErrors<Key>>(noFormErrors);
  const [fetching, setFetching] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = contactValueErrors(values, t);
    if (Object.keys(checked).length > 0) {
      setErrors({
        fields: checked,
        form: t("form.errorCount", { count: Object.keys(checked).length }),
      });
      return;
    }
    setFetching(true);
    const error = await onSubmit(values);
    setFetching(false);
    if (error) setErrors(apiFormErrors(error, FIELD_KEYS, t));
  }

  function input(f: EditableField) {
    const label = t(`contactField.${f.field}`);
    const set = (value: string) => setValues((v) => ({ ...v, [f.key]: value }));
    if (f.input === "civility" || f.input === "gender" || f.input === "maritalStatus") {
      return (
        <SelectField
          key={f.key}
          label={label}
          value={values[f.key]}
          onChange={set}
          error={errors.fields[f.key]}
          optional
        >
          <option value="">{t("contact.unset")}</option>
          {CODE_OPTIONS[f.input].map((code) => (
            <option key={code} value={code}>
              {t(`${f.input}.${code}` as MessageKey)}
            </option>
          ))}
        </SelectField>
      );
    }
    return (
      <TextField
        key={f.key}
        label={label}
        type={f.input}
        value={values[f.key]}
        onChange={set}
        error={errors.fields[f.key]}
        optional
      />
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form form--wide">
      <FormAlert message={errors.form} />
      {(["identity", "contact", "address"] as const).map((section) => (
        <fieldset key={section} className="panel form__group">
          <legend>{t(`contact.section.${section}`)}</legend>
          <div className="form__grid">
            {EDITABLE_FIELDS.filter((f) => f.section === section).map(input)}
          </div>
        </fieldset>
      ))}
      <div className="form__actions">
        <Link to={cancelTo} className="button button--secondary">
          {t("form.cancel")}
        </Link>
        <button type="submit" className="button" disabled={fetching}>
          {fetching ? t("form.saving") : submitLabel}
        </button>
      </div>
    </form>
  );
}

/** Empty values for every editable field. */
export function emptyContactValues(): Values {
  const values = {} as Values;
  for (const f of EDITABLE_FIELDS) values[f.key] = "";
  return values;
}

function EditContactForm({ contact }: { contact: ContactFieldsFragment }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const initial = valuesOf(contact);
  const [, updateContact] = useMutation(UpdateContactMutation);
  return (
    <ContactForm
      initial={initial}
      submitLabel={t("contact.save")}
      cancelTo={`/contacts/${contact.id}`}
      onSubmit={async (values) => {
        const result = await updateContact({ input: contactChanges(contact.id, initial, values) });
        if (result.data) {
          navigate(`/contacts/${contact.id}`, { state: { flash: t("contact.saved") } });
          return null;
        }
        return result.error ?? null;
      }}
    />
  );
}

/** Edits a contact; the API validates and normalises every value (emails, phones, codes). */
export function ContactEditPage() {
  const { t } = useI18n();
  const { contactId = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({
    query: ContactQuery,
    variables: { id: contactId },
  });
  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  const contact = data?.contact;
  if (!contact) return <p>{t("contact.notFound")}</p>;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/contacts/${contact.id}`}>← {contactName(contact, t)}</Link>
      </p>
      <PageHeader title={t("contact.editTitle", { name: contactName(contact, t) })} />
      <EditContactForm contact={contact} />
    </>
  );
}

import { useId, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import type { AnnouncementFieldsFragment, AnnouncementSeverity } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { FormAlert } from "../ui/FormAlert";
import {
  apiFormErrors,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  requiredError,
  type FormErrors,
} from "../ui/formErrors";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import {
  AnnouncementTenantsQuery,
  CreateAnnouncementMutation,
  UpdateAnnouncementMutation,
} from "./supportOperations";

const FIELDS = ["severity", "textFr", "textEn", "startsAt", "endsAt", "tenantId"] as const;
type AnnouncementField = (typeof FIELDS)[number];

export const SEVERITIES = [
  "INFO",
  "WARNING",
  "MAINTENANCE",
] as const satisfies readonly AnnouncementSeverity[];
/** The API's limit, checked here first. */
const MAX_TEXT = 500;

/** `2026-11-26T10:00` in the browser's time zone, as `<input type="datetime-local">` wants. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function toIso(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

interface TextAreaProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
  lang: string;
}

function TextAreaField({ label, value, onChange, error, hint, optional, lang }: TextAreaProps) {
  const { t } = useI18n();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="field__optional"> {t("form.optional")}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        lang={lang}
        rows={3}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        required={!optional}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

interface AnnouncementFormProps {
  /** The announcement edited; none: a new one. */
  editing: AnnouncementFieldsFragment | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** Writes or rewrites an announcement: French text required, English optional, a period, an audience. */
export function AnnouncementForm({ editing, onDone, onCancel }: AnnouncementFormProps) {
  const { t } = useI18n();
  const [severity, setSeverity] = useState<AnnouncementSeverity>(editing?.severity ?? "INFO");
  const [textFr, setTextFr] = useState(editing?.textFr ?? "");
  const [textEn, setTextEn] = useState(editing?.textEn ?? "");
  const [startsAt, setStartsAt] = useState(
    toLocalInput(editing?.startsAt ?? new Date().toISOString()),
  );
  const [endsAt, setEndsAt] = useState(editing?.endsAt ? toLocalInput(editing.endsAt) : "");
  const [tenantId, setTenantId] = useState(editing?.tenantId ?? "");
  const [errors, setErrors] = useState<FormErrors<AnnouncementField>>(noFormErrors);
  const [{ data: tenants }] = useQuery({ query: AnnouncementTenantsQuery });
  const [{ fetching: creating }, create] = useMutation(CreateAnnouncementMutation);
  const [{ fetching: updating }, update] = useMutation(UpdateAnnouncementMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const start = toIso(startsAt);
    const end = toIso(endsAt);
    const tooLong = (value: string) =>
      value.trim().length > MAX_TEXT ? t("announcements.tooLong", { max: MAX_TEXT }) : undefined;
    const checked = {
      fields: fieldErrors({
        severity: undefined,
        textFr: requiredError(textFr, t) ?? tooLong(textFr),
        textEn: tooLong(textEn),
        startsAt: start ? undefined : t("form.required"),
        endsAt:
          endsAt && !end
            ? t("announcements.invalidDate")
            : start && end && end <= start
              ? t("error.reason.ENDS_BEFORE_START")
              : undefined,
        tenantId: undefined,
      }),
      form: null,
    };
    if (hasFormErrors(checked) || !start) {
      setErrors(checked);
      return;
    }
    const input = {
      severity,
      textFr: textFr.trim(),
      textEn: textEn.trim() || null,
      startsAt: start,
      endsAt: end,
      tenantId: tenantId || null,
    };
    const result = editing
      ? await update({ input: { id: editing.id, ...input } })
      : await create({ input });
    if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
    } else if (result.data) {
      onDone(editing ? t("announcements.updated") : t("announcements.created"));
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form form--wide panel">
      <h2>{editing ? t("announcements.editTitle") : t("announcements.createTitle")}</h2>
      <FormAlert message={errors.form} />
      <SelectField
        label={t("announcements.severity")}
        value={severity}
        onChange={(value) => setSeverity(value as AnnouncementSeverity)}
        error={errors.fields.severity}
      >
        {SEVERITIES.map((option) => (
          <option key={option} value={option}>
            {t(`announcementSeverity.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t("announcements.textFr")}
        hint={t("announcements.textHint", { max: MAX_TEXT })}
        lang="fr"
        value={textFr}
        onChange={setTextFr}
        error={errors.fields.textFr}
      />
      <TextAreaField
        label={t("announcements.textEn")}
        hint={t("announcements.textEnHint")}
        lang="en"
        optional
        value={textEn}
        onChange={setTextEn}
        error={errors.fields.textEn}
      />
      <div className="form__row">
        <TextField
          label={t("announcements.startsAt")}
          type="datetime-local"
          value={startsAt}
          onChange={setStartsAt}
          error={errors.fields.startsAt}
        />
        <TextField
          label={t("announcements.endsAt")}
          hint={t("announcements.endsAtHint")}
          type="datetime-local"
          optional
          value={endsAt}
          onChange={setEndsAt}
          error={errors.fields.endsAt}
        />
      </div>
      <SelectField
        label={t("announcements.audience")}
        value={tenantId}
        onChange={setTenantId}
        error={errors.fields.tenantId}
      >
        <option value="">{t("announcements.allTenants")}</option>
        {tenants?.tenants.nodes.map((tenant) => (
          <option key={tenant.id} value={tenant.id}>
            {tenant.name}
          </option>
        ))}
      </SelectField>
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("form.cancel")}
        </button>
        <button type="submit" className="button" disabled={creating || updating}>
          {creating || updating
            ? t("form.saving")
            : editing
              ? t("announcements.save")
              : t("announcements.publish")}
        </button>
      </div>
    </form>
  );
}

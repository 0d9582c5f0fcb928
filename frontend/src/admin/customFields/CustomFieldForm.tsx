import { useId, useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import type { CustomFieldFieldsFragment, CustomFieldKind } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { FormAlert } from "../../ui/FormAlert";
import {
  apiFormErrors,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  requiredError,
  type FormErrors,
} from "../../ui/formErrors";
import { SelectField } from "../../ui/SelectField";
import { TextField } from "../../ui/TextField";
import { useFocusFirstError } from "../../ui/useFocusFirstError";
import { CreateCustomFieldMutation, UpdateCustomFieldMutation } from "./operations";

const FIELDS = ["key", "label", "kind", "options"] as const;
type Field = (typeof FIELDS)[number];
const KINDS: CustomFieldKind[] = ["TEXT", "NUMBER", "DATE", "BOOLEAN", "VALUE_LIST"];
const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

/** One value a line, blank lines ignored. */
export function parseOptions(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Defines a custom field (key and kind are then fixed), or edits its label and value list. */
export function CustomFieldForm({
  field,
  onDone,
  onCancel,
}: {
  field: CustomFieldFieldsFragment | null;
  onDone: (field: CustomFieldFieldsFragment) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const [key, setKey] = useState(field?.key ?? "");
  const [label, setLabel] = useState(field?.label ?? "");
  const [kind, setKind] = useState<CustomFieldKind>(field?.kind ?? "TEXT");
  const [options, setOptions] = useState((field?.options ?? []).join("\n"));
  const [errors, setErrors] = useState<FormErrors<Field>>(noFormErrors);
  const [{ fetching: creating }, create] = useMutation(CreateCustomFieldMutation);
  const [{ fetching: updating }, update] = useMutation(UpdateCustomFieldMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const list = parseOptions(options);
    const checked = {
      fields: fieldErrors<Field>({
        key: field
          ? undefined
          : (requiredError(key, t) ??
            (KEY_PATTERN.test(key) ? undefined : t("error.reason.INVALID_KEY"))),
        label: requiredError(label, t),
        kind: undefined,
        options:
          kind === "VALUE_LIST" && list.length === 0
            ? t("customFields.optionsRequired")
            : undefined,
      }),
      form: null,
    };
    if (hasFormErrors(checked)) {
      setErrors(checked);
      return;
    }
    const optionsInput = kind === "VALUE_LIST" ? list : null;
    const result = field
      ? await update({ input: { id: field.id, label: label.trim(), options: optionsInput } })
      : await create({ input: { key, label: label.trim(), kind, options: optionsInput } });
    if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
      return;
    }
    const saved =
      result.data && "createCustomField" in result.data
        ? result.data.createCustomField.customField
        : result.data && "updateCustomField" in result.data
          ? result.data.updateCustomField.customField
          : null;
    if (saved) onDone(saved);
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="form panel"
      aria-labelledby={titleId}
    >
      <h2 id={titleId}>
        {field
          ? t("customFields.editTitle", { label: field.label })
          : t("customFields.createTitle")}
      </h2>
      <FormAlert message={errors.form} />
      <TextField
        label={t("customFields.label")}
        value={label}
        onChange={setLabel}
        error={errors.fields.label}
      />
      {!field && (
        <>
          <TextField
            label={t("customFields.key")}
            hint={t("customFields.keyHint")}
            value={key}
            onChange={setKey}
            error={errors.fields.key}
            className="mono"
          />
          <SelectField
            label={t("customFields.kind")}
            value={kind}
            onChange={(v) => setKind(v as CustomFieldKind)}
            error={errors.fields.kind}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`customFieldKind.${k}`)}
              </option>
            ))}
          </SelectField>
        </>
      )}
      {kind === "VALUE_LIST" && (
        <div className="field">
          <label htmlFor={`${titleId}-options`}>{t("customFields.options")}</label>
          <p className="field__hint" id={`${titleId}-options-hint`}>
            {t("customFields.optionsHint")}
          </p>
          <textarea
            id={`${titleId}-options`}
            rows={6}
            value={options}
            onChange={(event) => setOptions(event.target.value)}
            aria-invalid={errors.fields.options ? true : undefined}
            aria-describedby={`${titleId}-options-hint${errors.fields.options ? ` ${titleId}-options-error` : ""}`}
          />
          {errors.fields.options && (
            <p id={`${titleId}-options-error`} className="field__error">
              {errors.fields.options}
            </p>
          )}
        </div>
      )}
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("form.cancel")}
        </button>
        <button type="submit" className="button" disabled={creating || updating}>
          {creating || updating ? t("form.saving") : t("customFields.save")}
        </button>
      </div>
    </form>
  );
}

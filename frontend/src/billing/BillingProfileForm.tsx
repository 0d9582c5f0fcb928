import { useRef, useState, type FormEvent } from "react";
import type { CombinedError } from "urql";
import { TextAreaField } from "../campaigns/TextAreaField";
import type { BillingProfileFieldsFragment, BillingProfileInput } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { FormAlert } from "../ui/FormAlert";
import {
  emailError,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  requiredError,
  type FormErrors,
} from "../ui/formErrors";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { billingFormErrors } from "./billingErrors";
import { isValidSiren, vatNumberProblem } from "./billingText";

export const PROFILE_FIELDS = [
  "legalName",
  "addressLines",
  "postcode",
  "city",
  "countryCode",
  "siren",
  "vatNumber",
  "invoiceEmail",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

type Values = Record<ProfileField, string>;

function valuesOf(profile: BillingProfileFieldsFragment | null | undefined): Values {
  return {
    legalName: profile?.legalName ?? "",
    addressLines: profile?.addressLines.join("\n") ?? "",
    postcode: profile?.postcode ?? "",
    city: profile?.city ?? "",
    countryCode: profile?.countryCode ?? "FR",
    siren: profile?.siren ?? "",
    vatNumber: profile?.vatNumber ?? "",
    invoiceEmail: profile?.invoiceEmail ?? "",
  };
}

interface BillingProfileFormProps {
  profile: BillingProfileFieldsFragment | null | undefined;
  /** Saves; resolves to the API's error, or null once saved. */
  onSave: (input: BillingProfileInput) => Promise<CombinedError | null>;
  busy: boolean;
  submitLabel: string;
  /** A title for the form (its landmark name). */
  label: string;
  onCancel?: () => void;
}

/**
 * The tenant's identity as printed on its invoices (raison sociale, address, SIREN, VAT
 * number, billing e-mail). Every field is checked before sending, as the API would; the API's
 * refusals go next to their field.
 */
export function BillingProfileForm({
  profile,
  onSave,
  busy,
  submitLabel,
  label,
  onCancel,
}: BillingProfileFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>(() => valuesOf(profile));
  const [errors, setErrors] = useState<FormErrors<ProfileField>>(noFormErrors);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);
  const set = (field: ProfileField) => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));

  function check(): FormErrors<ProfileField> {
    const siren = values.siren.trim();
    const vat = values.vatNumber.trim();
    const vatProblem = vat ? vatNumberProblem(vat, isValidSiren(siren) ? siren : "") : null;
    const fields = fieldErrors<ProfileField>({
      legalName: requiredError(values.legalName, t),
      addressLines: requiredError(values.addressLines, t),
      postcode: requiredError(values.postcode, t),
      city: requiredError(values.city, t),
      countryCode: /^[A-Za-z]{2}$/.test(values.countryCode.trim())
        ? undefined
        : t("billing.error.INVALID_COUNTRY"),
      siren: siren && !isValidSiren(siren) ? t("billing.error.INVALID_SIREN") : undefined,
      vatNumber: vatProblem ? t(`billing.error.${vatProblem}`) : undefined,
      invoiceEmail: values.invoiceEmail.trim() ? emailError(values.invoiceEmail, t) : undefined,
    });
    const count = Object.keys(fields).length;
    return { fields, form: count > 1 ? t("form.errorCount", { count }) : null };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = check();
    if (hasFormErrors(checked)) {
      setErrors(checked);
      return;
    }
    setErrors(noFormErrors());
    const optional = (value: string) => (value.trim() === "" ? null : value.trim());
    const error = await onSave({
      legalName: values.legalName.trim(),
      addressLines: values.addressLines
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      postcode: values.postcode.trim(),
      city: values.city.trim(),
      countryCode: values.countryCode.trim().toUpperCase(),
      siren: optional(values.siren),
      vatNumber: optional(values.vatNumber),
      invoiceEmail: optional(values.invoiceEmail),
    });
    if (error) setErrors(billingFormErrors(error, PROFILE_FIELDS, t));
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form" aria-label={label}>
      <FormAlert message={errors.form} />
      <TextField
        label={t("billing.profile.legalName")}
        autoComplete="organization"
        value={values.legalName}
        onChange={set("legalName")}
        error={errors.fields.legalName}
      />
      <TextAreaField
        label={t("billing.profile.addressLines")}
        hint={t("billing.profile.addressLinesHint")}
        autoComplete="street-address"
        rows={3}
        value={values.addressLines}
        onChange={set("addressLines")}
        error={errors.fields.addressLines}
      />
      <div className="form__row">
        <TextField
          label={t("billing.profile.postcode")}
          autoComplete="postal-code"
          value={values.postcode}
          onChange={set("postcode")}
          error={errors.fields.postcode}
        />
        <TextField
          label={t("billing.profile.city")}
          autoComplete="address-level2"
          value={values.city}
          onChange={set("city")}
          error={errors.fields.city}
        />
      </div>
      <TextField
        label={t("billing.profile.countryCode")}
        hint={t("billing.profile.countryCodeHint")}
        autoComplete="country"
        maxLength={2}
        value={values.countryCode}
        onChange={set("countryCode")}
        error={errors.fields.countryCode}
      />
      <div className="form__row">
        <TextField
          label={t("billing.profile.siren")}
          hint={t("billing.profile.sirenHint")}
          inputMode="numeric"
          optional
          value={values.siren}
          onChange={set("siren")}
          error={errors.fields.siren}
        />
        <TextField
          label={t("billing.profile.vatNumber")}
          hint={t("billing.profile.vatNumberHint")}
          optional
          value={values.vatNumber}
          onChange={set("vatNumber")}
          error={errors.fields.vatNumber}
        />
      </div>
      <TextField
        label={t("billing.profile.invoiceEmail")}
        type="email"
        autoComplete="email"
        optional
        value={values.invoiceEmail}
        onChange={set("invoiceEmail")}
        error={errors.fields.invoiceEmail}
      />
      <div className="form__actions">
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t("form.cancel")}
          </button>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("form.saving") : submitLabel}
        </button>
      </div>
    </form>
  );
}

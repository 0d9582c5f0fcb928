import type { CombinedError } from "urql";
import { toApiErrors } from "../api/apiError";
import { describeApiError } from "../i18n/describeApiError";
import type { I18n } from "../i18n/I18nProvider";

/** What a form shows: one message per field, and one for the form as a whole. */
export interface FormErrors<Field extends string> {
  fields: Partial<Record<Field, string>>;
  form: string | null;
}

export function noFormErrors<Field extends string>(): FormErrors<Field> {
  return { fields: {}, form: null };
}

export function hasFormErrors<Field extends string>(errors: FormErrors<Field>): boolean {
  return errors.form !== null || Object.keys(errors.fields).length > 0;
}

/**
 * Spreads the API's errors over the form: an error naming one of the form's fields goes next to
 * that field, any other error above the form.
 */
export function apiFormErrors<Field extends string>(
  error: CombinedError,
  fields: readonly Field[],
  t: I18n["t"],
): FormErrors<Field> {
  const result = noFormErrors<Field>();
  for (const apiError of toApiErrors(error)) {
    const message = describeApiError(apiError, t);
    const field = fields.find((f) => f === apiError.field);
    if (field && !result.fields[field]) {
      result.fields[field] = message;
    } else if (!result.form) {
      result.form = message;
    }
  }
  return result;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks made before asking the API: required values and the shape of emails. */
export function requiredError(value: string, t: I18n["t"]): string | undefined {
  return value.trim() === "" ? t("form.required") : undefined;
}

export function emailError(value: string, t: I18n["t"]): string | undefined {
  return (
    requiredError(value, t) ??
    (EMAIL_PATTERN.test(value.trim()) ? undefined : t("form.invalidEmail"))
  );
}

/** Keeps only the fields that have a message. */
export function fieldErrors<Field extends string>(
  checks: Record<Field, string | undefined>,
): Partial<Record<Field, string>> {
  const result: Partial<Record<Field, string>> = {};
  for (const [field, message] of Object.entries(checks) as [Field, string | undefined][]) {
    if (message) result[field] = message;
  }
  return result;
}

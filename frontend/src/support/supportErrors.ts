/**
 * The support desk's errors in words: a support message for the field and reason
 * (`support.error.<field>.<REASON>`), else for the reason (`support.error.<REASON>`), else the
 * app's usual messages (`describeApiError`). INVALID_STATE (code CONFLICT) may be given a
 * message of its own by the action that got it (a reply to a closed ticket…).
 */
import type { CombinedError } from "urql";
import type { ApiError } from "../api/apiError";
import { toApiErrors } from "../api/apiError";
import { describeApiError } from "../i18n/describeApiError";
import { fr, type MessageKey } from "../i18n/fr";
import type { FormErrors } from "../ui/formErrors";
import type { Translate } from "./supportText";

function isMessageKey(key: string): key is MessageKey {
  return key in fr;
}

/** One error in words, the most precise known. */
export function describeSupportError(
  error: ApiError,
  t: Translate,
  overrides: Partial<Record<string, MessageKey>> = {},
): string {
  const own = error.reason ? overrides[error.reason] : undefined;
  if (own) return t(own);
  const candidates = [
    error.field && error.reason ? `support.error.${error.field}.${error.reason}` : null,
    error.reason ? `support.error.${error.reason}` : null,
  ];
  for (const key of candidates) {
    if (key && isMessageKey(key)) return t(key);
  }
  return describeApiError(error, t);
}

/** The first error of a failed call, in words. */
export function supportErrorMessage(
  error: CombinedError,
  t: Translate,
  overrides: Partial<Record<string, MessageKey>> = {},
): string {
  const [first] = toApiErrors(error);
  return describeSupportError(first ?? { code: "INTERNAL" }, t, overrides);
}

/** Like `apiFormErrors`, with the support messages: each error next to its field. */
export function supportFormErrors<Field extends string>(
  error: CombinedError,
  fields: readonly Field[],
  t: Translate,
  overrides: Partial<Record<string, MessageKey>> = {},
): FormErrors<Field> {
  const result: FormErrors<Field> = { fields: {}, form: null };
  for (const apiError of toApiErrors(error)) {
    const message = describeSupportError(apiError, t, overrides);
    const field = fields.find((f) => f === apiError.field);
    if (field && !result.fields[field]) result.fields[field] = message;
    else if (!result.form) result.form = message;
  }
  return result;
}

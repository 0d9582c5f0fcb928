/**
 * The billing API's errors in words: a billing message for the field and reason
 * (`billing.error.<field>.<REASON>`), else for the reason (`billing.error.<REASON>`), else the
 * app's usual messages (`describeApiError`). INVALID_STATE (code CONFLICT) may be given a
 * message of its own by the action that got it (too early to terminate, already issued…).
 */
import type { CombinedError } from "urql";
import type { ApiError } from "../api/apiError";
import { toApiErrors } from "../api/apiError";
import { describeApiError } from "../i18n/describeApiError";
import { fr, type MessageKey } from "../i18n/fr";
import type { FormErrors } from "../ui/formErrors";
import { pricePathLabel, refusedIncreases, type Translate } from "./billingText";

function isMessageKey(key: string): key is MessageKey {
  return key in fr;
}

/** One error in words, the most precise known. */
export function describeBillingError(
  error: ApiError,
  t: Translate,
  overrides: Partial<Record<string, MessageKey>> = {},
): string {
  const own = error.reason ? overrides[error.reason] : undefined;
  if (own) return t(own);
  const candidates = [
    error.field && error.reason ? `billing.error.${error.field}.${error.reason}` : null,
    error.reason ? `billing.error.${error.reason}` : null,
  ];
  for (const key of candidates) {
    if (key && isMessageKey(key)) return t(key);
  }
  return describeApiError(error, t);
}

/** The first error of a failed call, in words. */
export function billingErrorMessage(
  error: CombinedError,
  t: Translate,
  overrides: Partial<Record<string, MessageKey>> = {},
): string {
  const [first] = toApiErrors(error);
  return describeBillingError(first ?? { code: "INTERNAL" }, t, overrides);
}

/** Like `apiFormErrors`, with the billing messages: each error next to its field. */
export function billingFormErrors<Field extends string>(
  error: CombinedError,
  fields: readonly Field[],
  t: Translate,
): FormErrors<Field> {
  const result: FormErrors<Field> = { fields: {}, form: null };
  for (const apiError of toApiErrors(error)) {
    const message = describeBillingError(apiError, t);
    const field = fields.find((f) => f === apiError.field);
    if (field && !result.fields[field]) result.fields[field] = message;
    else if (!result.form) result.form = message;
  }
  return result;
}

/** A refused revision: the reason in words and, for INCREASE_TOO_LARGE, each price at fault. */
export function revisionRefusal(
  error: CombinedError,
  t: Translate,
  formatNumber: (n: number) => string,
): { message: string; details: string[] } {
  const [first] = toApiErrors(error);
  const message = describeBillingError(first ?? { code: "INTERNAL" }, t);
  if (first?.reason !== "INCREASE_TOO_LARGE") return { message, details: [] };
  const raw = error.graphQLErrors[0]?.message ?? "";
  const details = refusedIncreases(raw).map((increase) =>
    t(increase.percent ? "billing.grid.increase" : "billing.grid.increaseNoPercent", {
      price: pricePathLabel(increase.path, t, formatNumber),
      from: formatNumber(Number(increase.from)),
      to: formatNumber(Number(increase.to)),
      percent: increase.percent ? formatNumber(Number(increase.percent)) : "",
    }),
  );
  return { message, details };
}

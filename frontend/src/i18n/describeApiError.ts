import type { ApiError } from "../api/apiError";
import type { I18n } from "./I18nProvider";
import { fr, type MessageKey } from "./fr";

function isMessageKey(key: string): key is MessageKey {
  return key in fr;
}

/**
 * A clear sentence for one API error, the most precise known: for its field and reason
 * (`error.field.<field>.<REASON>`), its reason (`error.reason.<REASON>`), its field and code
 * (`error.field.<field>.<CODE>`), else its code.
 */
export function describeApiError(error: ApiError, t: I18n["t"]): string {
  if (error.code === "RATE_LIMITED" && error.retryAfterSeconds !== undefined) {
    return t("error.rateLimitedFor", { seconds: error.retryAfterSeconds });
  }
  const candidates = [
    error.field && error.reason ? `error.field.${error.field}.${error.reason}` : null,
    error.reason ? `error.reason.${error.reason}` : null,
    error.field ? `error.field.${error.field}.${error.code}` : null,
  ];
  for (const key of candidates) {
    if (key && isMessageKey(key)) return t(key);
  }
  return t(`error.code.${error.code}`);
}

import type { ApiError } from "../api/apiError";
import type { I18n } from "./I18nProvider";
import { fr, type MessageKey } from "./fr";

function isMessageKey(key: string): key is MessageKey {
  return key in fr;
}

/** A clear sentence for one API error: its reason when we know it, else its code. */
export function describeApiError(error: ApiError, t: I18n["t"]): string {
  if (error.code === "RATE_LIMITED" && error.retryAfterSeconds !== undefined) {
    return t("error.rateLimitedFor", { seconds: error.retryAfterSeconds });
  }
  const reasonKey = `error.reason.${error.reason ?? ""}`;
  if (error.reason && isMessageKey(reasonKey)) return t(reasonKey);
  return t(`error.code.${error.code}`);
}

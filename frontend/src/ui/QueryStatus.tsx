import type { CombinedError } from "urql";
import { toApiErrors } from "../api/apiError";
import { describeApiError } from "../i18n/describeApiError";
import { useI18n } from "../i18n/useI18n";

export function LoadingState() {
  const { t } = useI18n();
  return (
    <p className="loading-state" role="status">
      <span className="spinner" aria-hidden="true" />
      {t("app.loading")}
    </p>
  );
}

/** The error of a query that could not load, in words. */
export function QueryError({ error }: { error: CombinedError }) {
  const { t } = useI18n();
  const [first] = toApiErrors(error);
  return (
    <div className="alert alert--error" role="alert">
      {describeApiError(first ?? { code: "INTERNAL" }, t)}
    </div>
  );
}

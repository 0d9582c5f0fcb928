import { useMemo } from "react";
import { useQuery } from "urql";
import type { SegmentNodeInput } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { QueryError } from "../ui/QueryStatus";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { ContactCountQuery } from "./operations";

/** How long the tree must stay still before it is counted. */
export const COUNT_DEBOUNCE_MS = 400;

/** The live, exact count of the contacts the definition selects, as it changes. */
export function SegmentCount({ definition }: { definition: SegmentNodeInput | null }) {
  const { t, formatNumber } = useI18n();
  const key = JSON.stringify(definition);
  const debouncedKey = useDebouncedValue(key, COUNT_DEBOUNCE_MS);
  const variables = useMemo(
    () => ({ definition: JSON.parse(debouncedKey) as SegmentNodeInput | null }),
    [debouncedKey],
  );
  const [{ data, fetching, error }] = useQuery({
    query: ContactCountQuery,
    variables,
    requestPolicy: "cache-and-network",
  });
  const pending = fetching || key !== debouncedKey;
  return (
    <section className="panel panel--highlight segment-count" aria-labelledby="segment-count-title">
      <h2 id="segment-count-title">{t("segment.countTitle")}</h2>
      <p className="segment-count__value" role="status" aria-live="polite" aria-busy={pending}>
        {data ? (
          <>
            <span className="segment-count__number number" data-testid="segment-count">
              {formatNumber(data.contactCount)}
            </span>{" "}
            {t(data.contactCount > 1 ? "segment.countMany" : "segment.countOne")}
          </>
        ) : (
          !error && t("segment.counting")
        )}
      </p>
      {definition === null && <p className="muted">{t("segment.countAll")}</p>}
      {error && <QueryError error={error} />}
    </section>
  );
}

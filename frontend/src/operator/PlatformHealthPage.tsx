import { useQuery } from "urql";
import { useI18n } from "../i18n/useI18n";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { PlatformHealthQuery } from "./operations";

/** The platform at a glance: version, database, uptime, tenants and live sessions. */
export function PlatformHealthPage() {
  const { t, formatNumber, formatDuration } = useI18n();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PlatformHealthQuery,
    requestPolicy: "network-only",
  });
  const health = data?.platformHealth;

  return (
    <>
      <PageHeader
        title={t("health.title")}
        actions={
          <button
            type="button"
            className="button button--secondary"
            onClick={() => refetch({ requestPolicy: "network-only" })}
            disabled={fetching}
          >
            {t("health.refresh")}
          </button>
        }
      />
      {error && <QueryError error={error} />}
      {!health && fetching && <LoadingState />}
      {health && (
        <dl className="stat-grid" aria-busy={fetching}>
          <div className="stat">
            <dt>{t("health.database")}</dt>
            <dd>
              <span className={`status status--${health.databaseOk ? "active" : "suspended"}`}>
                {health.databaseOk ? t("health.databaseOk") : t("health.databaseDown")}
              </span>{" "}
              <span className="muted">{health.databaseBackend}</span>
            </dd>
          </div>
          <div className="stat">
            <dt>{t("health.version")}</dt>
            <dd className="mono">{health.version}</dd>
          </div>
          <div className="stat">
            <dt>{t("health.uptime")}</dt>
            <dd>{formatDuration(health.uptimeSeconds)}</dd>
          </div>
          <div className="stat">
            <dt>{t("health.tenantCount")}</dt>
            <dd className="number">{formatNumber(health.tenantCount)}</dd>
          </div>
          <div className="stat">
            <dt>{t("health.activeSessions")}</dt>
            <dd className="number">{formatNumber(health.activeSessionCount)}</dd>
          </div>
        </dl>
      )}
    </>
  );
}

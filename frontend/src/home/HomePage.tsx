import { Link } from "react-router";
import { useQuery } from "urql";
import type { ConsentChannel, SegmentNodeInput } from "../gql/graphql";
import { useImportsNewestFirst } from "../imports/useImportsNewestFirst";
import { useI18n } from "../i18n/useI18n";
import type { Viewer } from "../session/SessionProvider";
import { useViewer } from "../session/useSession";
import { BarChart } from "../ui/chart/BarChart";
import { DataTable } from "../ui/DataTable";
import { FlashMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { ProgressBar } from "../ui/ProgressBar";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { HomeCountsQuery, HomePostalRunsQuery, OperatorHomeQuery } from "./operations";

const CHANNELS: readonly ConsentChannel[] = ["EMAIL", "SMS", "POST"];

const granted = (channel: ConsentChannel): SegmentNodeInput => ({
  condition: { consentChannel: channel, operator: "EQUALS", value: "GRANTED" },
});

const CONSENT_VARIABLES = { email: granted("EMAIL"), sms: granted("SMS"), post: granted("POST") };

/** The home page: each role its own overview, from the queries the other screens use. */
export function HomePage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const name = viewer.firstName || viewer.email || "";
  return (
    <>
      <PageHeader
        title={t("home.title")}
        intro={
          viewer.isOperator
            ? t("home.operatorIntro", { name })
            : t("home.tenantIntro", { name, tenant: viewer.tenant?.name ?? "" })
        }
      />
      <FlashMessage />
      {viewer.isOperator ? <OperatorHome /> : <TenantHome viewer={viewer} />}
    </>
  );
}

function TenantHome({ viewer }: { viewer: Viewer }) {
  const { t } = useI18n();
  const has = (right: "IMPORT" | "CONSULT" | "ANALYSE") => viewer.rights.includes(right);
  const sections = [has("ANALYSE"), has("IMPORT"), has("IMPORT") || has("ANALYSE")];
  return (
    <div className="home">
      {has("ANALYSE") && <DatabaseAtAGlance />}
      {(has("IMPORT") || has("ANALYSE")) && (
        <RunningWork canImport={has("IMPORT")} canAnalyse={has("ANALYSE")} />
      )}
      {has("IMPORT") && <LastImports />}
      {viewer.isTenantAdmin && (
        <section className="panel" aria-labelledby="home-admin">
          <h2 id="home-admin">{t("home.admin.title")}</h2>
          <ul className="link-list">
            <li>
              <Link to="/admin/users">{t("nav.users")}</Link>
            </li>
            <li>
              <Link to="/admin/audit-log">{t("nav.auditLog")}</Link>
            </li>
            <li>
              <Link to="/admin/connection-log">{t("nav.connectionLog")}</Link>
            </li>
          </ul>
        </section>
      )}
      {!sections.some(Boolean) && (
        <p className="empty-state">
          {has("CONSULT") ? (
            <Link to="/contacts">{t("home.openContacts")}</Link>
          ) : (
            t("home.noFigures")
          )}
        </p>
      )}
    </div>
  );
}

/** Contacts and consent rates per channel (Analyse: counts, never personal data). */
function DatabaseAtAGlance() {
  const { t, formatNumber, formatPercent } = useI18n();
  const [{ data, fetching, error }] = useQuery({
    query: HomeCountsQuery,
    variables: CONSENT_VARIABLES,
    requestPolicy: "cache-and-network",
  });
  if (error) return <QueryError error={error} />;
  if (!data) return fetching ? <LoadingState /> : null;
  const counts: Record<ConsentChannel, number> = {
    EMAIL: data.email,
    SMS: data.sms,
    POST: data.post,
  };
  const share = (n: number) => (data.total > 0 ? n / data.total : 0);
  return (
    <section className="panel" aria-labelledby="home-database">
      <h2 id="home-database">{t("home.database.title")}</h2>
      <dl className="stat-grid">
        <div className="stat">
          <dt>{t("home.database.contacts")}</dt>
          <dd className="number">{formatNumber(data.total)}</dd>
        </div>
        {CHANNELS.map((channel) => (
          <div className="stat" key={channel}>
            <dt>{t(`home.database.consent.${channel}`)}</dt>
            <dd className="number">{formatPercent(share(counts[channel]))}</dd>
            <dd className="muted">
              {t("home.database.consentCount", { count: formatNumber(counts[channel]) })}
            </dd>
          </div>
        ))}
      </dl>
      {data.total === 0 ? (
        <div className="empty-state">
          <p>{t("home.database.empty")}</p>
        </div>
      ) : (
        <BarChart
          title={t("home.database.chart")}
          labelHeader={t("home.database.channel")}
          labels={CHANNELS.map((c) => t(`consentChannel.${c}`))}
          series={[
            { label: t("home.database.granted"), values: CHANNELS.map((c) => counts[c]) },
            {
              label: t("home.database.notGranted"),
              values: CHANNELS.map((c) => data.total - counts[c]),
            },
          ]}
        />
      )}
    </section>
  );
}

function RunningWork({ canImport, canAnalyse }: { canImport: boolean; canAnalyse: boolean }) {
  const { t, formatDateTime } = useI18n();
  const { imports } = useImportsNewestFirst(!canImport);
  const [{ data: runs }] = useQuery({
    query: HomePostalRunsQuery,
    pause: !canAnalyse,
    requestPolicy: "cache-and-network",
  });
  const running = (status: string) => status === "QUEUED" || status === "RUNNING";
  const work = [
    ...(imports ?? [])
      .filter((i) => running(i.status))
      .map((i) => ({
        key: `import-${i.id}`,
        label: t("home.running.import", { file: i.filename }),
        to: `/imports/${i.id}`,
        at: i.createdAt,
        percent: i.progressPercent,
        waiting: i.status === "QUEUED",
      })),
    ...(runs?.postalRuns.nodes ?? [])
      .filter((r) => running(r.status))
      .map((r) => ({
        key: `run-${r.id}`,
        label: t(`postal.run.title.${r.kind}`),
        to: `/postal/runs/${r.id}`,
        at: r.createdAt,
        percent: r.percent,
        waiting: r.status === "QUEUED" || r.total === 0,
      })),
  ];
  return (
    <section className="panel" aria-labelledby="home-running">
      <h2 id="home-running">{t("home.running.title")}</h2>
      {work.length === 0 ? (
        <p className="muted">{t("home.running.none")}</p>
      ) : (
        <ul className="home-work">
          {work.map((w) => (
            <li key={w.key}>
              <Link to={w.to}>{w.label}</Link>{" "}
              <span className="muted">{t("home.running.since", { at: formatDateTime(w.at) })}</span>
              <ProgressBar label={w.label} percent={w.percent} indeterminate={w.waiting} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LastImports() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { imports, error } = useImportsNewestFirst();
  if (error) return <QueryError error={error} />;
  const last = imports?.slice(0, 5);
  return (
    <section className="panel" aria-labelledby="home-imports">
      <h2 id="home-imports">{t("home.imports.title")}</h2>
      {!last ? (
        <LoadingState />
      ) : (
        <DataTable
          caption={t("home.imports.caption")}
          rows={last}
          rowKey={(i) => i.id}
          emptyMessage={t("imports.empty")}
          emptyAction={
            <Link to="/imports/new" className="button">
              {t("imports.emptyAction")}
            </Link>
          }
          columns={[
            {
              header: t("imports.col.file"),
              isRowHeader: true,
              cell: (i) => <Link to={`/imports/${i.id}`}>{i.filename}</Link>,
            },
            { header: t("imports.col.createdAt"), cell: (i) => formatDateTime(i.createdAt) },
            { header: t("imports.col.status"), cell: (i) => t(`importStatus.${i.status}`) },
            {
              header: t("imports.col.rows"),
              cell: (i) =>
                t("imports.rowsSummary", {
                  created: formatNumber(i.rowsCreated),
                  updated: formatNumber(i.rowsUpdated),
                  failed: formatNumber(i.rowsFailed),
                }),
            },
          ]}
        />
      )}
      {last && last.length > 0 && (
        <p>
          <Link to="/imports">{t("home.imports.all")}</Link>
        </p>
      )}
    </section>
  );
}

/** The last 7 days of the platform's calendar, for the audience figures. */
function lastWeek(now = new Date()): { from: string; to: string } {
  const day = (at: Date) =>
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Paris",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(at);
  return { from: day(new Date(now.getTime() - 6 * 24 * 3600 * 1000)), to: day(now) };
}

const WEEK = lastWeek();

function OperatorHome() {
  const { t, formatNumber, formatDuration } = useI18n();
  const [{ data, fetching, error }] = useQuery({
    query: OperatorHomeQuery,
    variables: WEEK,
    requestPolicy: "cache-and-network",
  });
  if (error) return <QueryError error={error} />;
  if (!data) return fetching ? <LoadingState /> : null;
  const health = data.platformHealth;
  const byStatus = (status: string) => data.tenants.nodes.filter((n) => n.status === status).length;
  const attention = data.jobsNeedingAttention.length;
  return (
    <div className="home">
      <section className="panel" aria-labelledby="home-platform">
        <h2 id="home-platform">{t("home.platform.title")}</h2>
        <dl className="stat-grid">
          <div className="stat">
            <dt>{t("home.platform.database")}</dt>
            <dd>
              <span className={`status status--${health.databaseOk ? "active" : "warning"}`}>
                {health.databaseOk ? t("home.platform.ok") : t("home.platform.down")}
              </span>
            </dd>
          </div>
          <div className="stat">
            <dt>{t("home.platform.uptime")}</dt>
            <dd>{formatDuration(health.uptimeSeconds)}</dd>
          </div>
          <div className="stat">
            <dt>{t("home.platform.sessions")}</dt>
            <dd className="number">{formatNumber(health.activeSessionCount)}</dd>
          </div>
          <div className="stat">
            <dt>{t("home.platform.jobs")}</dt>
            <dd className="number">
              <Link to="/operator/jobs">{formatNumber(attention)}</Link>
            </dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="home-tenants">
        <h2 id="home-tenants">{t("home.tenants.title")}</h2>
        <dl className="stat-grid">
          <div className="stat">
            <dt>{t("home.tenants.total")}</dt>
            <dd className="number">{formatNumber(health.tenantCount)}</dd>
          </div>
          {(["ACTIVE", "SUSPENDED", "TERMINATING"] as const).map((status) => (
            <div className="stat" key={status}>
              <dt>{t(`tenantStatus.${status}`)}</dt>
              <dd className="number">{formatNumber(byStatus(status))}</dd>
            </div>
          ))}
        </dl>
        <p>
          <Link to="/operator/tenants">{t("home.tenants.all")}</Link>
        </p>
      </section>
      <section className="panel" aria-labelledby="home-audience">
        <h2 id="home-audience">{t("home.audience.title")}</h2>
        <dl className="stat-grid">
          <div className="stat">
            <dt>{t("usage.pageViews")}</dt>
            <dd className="number">{formatNumber(data.usageAnalytics.totals.pageViews)}</dd>
          </div>
          <div className="stat">
            <dt>{t("usage.visits")}</dt>
            <dd className="number">{formatNumber(data.usageAnalytics.totals.visits)}</dd>
          </div>
          <div className="stat">
            <dt>{t("usage.uniqueVisitors")}</dt>
            <dd className="number">{formatNumber(data.usageAnalytics.totals.uniqueVisitors)}</dd>
          </div>
        </dl>
        <p>
          <Link to="/operator/analytics">{t("home.audience.all")}</Link>
        </p>
      </section>
    </div>
  );
}

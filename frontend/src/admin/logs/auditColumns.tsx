import type { ActorKind } from "../../gql/graphql";
import type { I18n } from "../../i18n/I18nProvider";
import type { Column } from "../../ui/DataTable";

/** What every audit log's rows show, the tenant's and the operator's. */
interface AuditRow {
  at: string;
  actorKind?: ActorKind | null;
  actorId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  sealedPosition?: number | null;
}

type Formats = Pick<I18n, "t" | "formatDateTime" | "formatNumber">;

/** The columns before and after the ones a log adds of its own (its client, its changes). */
export function auditColumns<Row extends AuditRow>({ t, formatDateTime, formatNumber }: Formats) {
  const lead: Column<Row>[] = [
    { header: t("auditLog.col.at"), isRowHeader: true, cell: (e) => formatDateTime(e.at) },
  ];
  const middle: Column<Row>[] = [
    {
      header: t("auditLog.col.actor"),
      cell: (e) => (
        <>
          {e.actorKind ? t(`actorKind.${e.actorKind}`) : t("actorKind.anonymous")}
          {e.actorId && <div className="muted mono">{e.actorId}</div>}
        </>
      ),
    },
    { header: t("auditLog.col.action"), cell: (e) => <code>{e.action}</code> },
    {
      header: t("auditLog.col.target"),
      cell: (e) => (
        <>
          {e.targetType}
          {e.targetId && <div className="muted mono">{e.targetId}</div>}
        </>
      ),
    },
  ];
  const seal: Column<Row> = {
    header: t("auditLog.col.seal"),
    cell: (e) =>
      e.sealedPosition != null
        ? t("auditLog.sealedAt", { position: formatNumber(e.sealedPosition) })
        : t("auditLog.notSealed"),
  };
  return { lead, middle, seal };
}

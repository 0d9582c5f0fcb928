import type {
  Priority,
  TicketStatus,
  TicketSummaryFieldsFragment,
  TicketThreadFieldsFragment,
} from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import {
  attachmentHref,
  eventText,
  fileSize,
  longDateTime,
  ticketTiming,
  timeLeftText,
  timingText,
  urgency,
  type Timing,
} from "./supportText";

/** Who reads the ticket: its tenant's user, or operator staff (the words differ a little). */
export type Audience = "user" | "staff";

type TicketEvent = TicketThreadFieldsFragment["events"][number] & { position: number };

/** The first letter in capitals, for a sentence standing alone (a table cell). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A ticket's status, in words, in a coloured badge. */
export function TicketStatusBadge({
  status,
  audience = "user",
}: {
  status: TicketStatus;
  audience?: Audience;
}) {
  const { t } = useI18n();
  const label =
    audience === "staff" && status === "WAITING_FOR_USER"
      ? t("support.status.staff.WAITING_FOR_USER")
      : t(`support.status.${status}`);
  return (
    <span className={`ticket-status ticket-status--${status.toLowerCase().replace(/_/g, "-")}`}>
      {label}
    </span>
  );
}

/** "P1 — Anomalie critique (bloquante)". */
export function usePriorityLabel(): (priority: Priority) => string {
  const { t } = useI18n();
  return (priority) => t(`support.priority.${priority}`);
}

/**
 * The deadline's state in a table cell: "Échéance : …" (the date alone under an "Échéance"
 * header: `dateOnly`), "En pause", "Pris en charge le …".
 */
export function TimingCell({ timing, dateOnly = false }: { timing: Timing; dateOnly?: boolean }) {
  const { t, language } = useI18n();
  if (dateOnly && timing.kind === "due") return <>{longDateTime(timing.dueAt, language)}</>;
  return <>{sentence(timingText(timing, t, language))}</>;
}

/** The business time left, coloured (late in red); "—" without a running clock. */
export function TimeLeft({ timing, short = false }: { timing: Timing; short?: boolean }) {
  const { t } = useI18n();
  const text = timeLeftText(timing, t, short);
  if (!text) return <>—</>;
  return <span className={`time-left time-left--${urgency(timing)}`}>{sentence(text)}</span>;
}

/** A ticket's facts: status, kind, criticality (proposed and qualified), dates, deadline. */
export function TicketFacts({
  ticket,
  audience,
}: {
  ticket: TicketSummaryFieldsFragment;
  audience: Audience;
}) {
  const { t, language } = useI18n();
  const priorityLabel = usePriorityLabel();
  const timing = ticketTiming(ticket);
  const left = timeLeftText(timing, t);
  return (
    <dl className="details ticket-facts">
      <div className="details__item">
        <dt>{t("support.facts.status")}</dt>
        <dd>
          <TicketStatusBadge status={ticket.status} audience={audience} />
        </dd>
      </div>
      <div className="details__item">
        <dt>{t("support.facts.kind")}</dt>
        <dd>{t(`support.kind.${ticket.kind}`)}</dd>
      </div>
      <div className="details__item">
        <dt>{t("support.facts.priority")}</dt>
        <dd data-testid="ticket-priority">
          {priorityLabel(ticket.priority)}
          <br />
          <span className="muted">
            {ticket.qualified
              ? ticket.proposedPriority === ticket.priority
                ? t("support.facts.qualified")
                : t("support.facts.qualifiedFrom", { proposed: ticket.proposedPriority })
              : t("support.facts.proposed")}
          </span>
        </dd>
      </div>
      <div className="details__item">
        <dt>{t("support.facts.openedAt")}</dt>
        <dd>
          {longDateTime(ticket.openedAt, language)}
          {ticket.channel === "EMAIL" && ` ${t("support.facts.byEmail")}`}
        </dd>
      </div>
      <div className="details__item">
        <dt>{t("support.facts.response")}</dt>
        <dd>
          <span data-testid="ticket-due">
            {timing.kind === "paused"
              ? t(`support.timing.pausedDetail.${audience}`)
              : timingText(timing, t, language)}
          </span>
          {timing.kind === "responded" && timing.inTime !== null && (
            <span className="muted">
              {" "}
              ({t(timing.inTime ? "support.timing.inTime" : "support.timing.notInTime")})
            </span>
          )}
          {left && (
            <>
              <br />
              <span
                data-testid="ticket-time-left"
                className={`time-left time-left--${urgency(timing)}`}
              >
                {left}
              </span>
            </>
          )}
        </dd>
      </div>
      {ticket.workaroundAt && (
        <div className="details__item">
          <dt>{t("support.facts.workaroundAt")}</dt>
          <dd>{longDateTime(ticket.workaroundAt, language)}</dd>
        </div>
      )}
      {ticket.resolvedAt && (
        <div className="details__item">
          <dt>{t("support.facts.resolvedAt")}</dt>
          <dd>{longDateTime(ticket.resolvedAt, language)}</dd>
        </div>
      )}
      {ticket.closedAt && (
        <div className="details__item">
          <dt>{t("support.facts.closedAt")}</dt>
          <dd>
            {longDateTime(ticket.closedAt, language)}
            {ticket.closedReason && (
              <>
                <br />
                <span className="muted">{t(`support.closedReason.${ticket.closedReason}`)}</span>
              </>
            )}
          </dd>
        </div>
      )}
    </dl>
  );
}

/**
 * The thread: each message with its author, date, body (plain text, never HTML: React writes
 * it as text, line breaks kept by CSS) and attachment links.
 */
export function TicketThread({
  ticket,
  staff = false,
}: {
  ticket: TicketThreadFieldsFragment;
  staff?: boolean;
}) {
  const { t, language, formatNumber } = useI18n();
  return (
    <section className="panel" aria-labelledby="ticket-thread">
      <h2 id="ticket-thread">{t("support.thread.title")}</h2>
      {ticket.messages.length === 0 ? (
        <p className="muted">{t("support.thread.empty")}</p>
      ) : (
        <ol className="ticket-thread">
          {ticket.messages.map((message) => (
            <li
              key={message.id}
              className={`ticket-message ticket-message--${message.authorKind.toLowerCase()}`}
            >
              <article
                aria-label={t("support.thread.messageLabel", {
                  author: message.authorName,
                  date: longDateTime(message.createdAt, language),
                })}
              >
                <header className="ticket-message__header">
                  <strong>{message.authorName}</strong>{" "}
                  <span className="badge">{t(`support.author.${message.authorKind}`)}</span>{" "}
                  <time className="muted" dateTime={message.createdAt}>
                    {longDateTime(message.createdAt, language)}
                  </time>
                </header>
                <p className="ticket-message__body">{message.body}</p>
                {message.attachments.length > 0 && (
                  <ul className="ticket-attachments" aria-label={t("support.thread.attachments")}>
                    {message.attachments.map((attachment) => (
                      <li key={attachment.id}>
                        <a
                          href={attachmentHref(attachment.url, staff ? ticket.tenantId : undefined)}
                          download={attachment.filename}
                        >
                          {attachment.filename}
                        </a>{" "}
                        <span className="muted">
                          ({fileSize(attachment.sizeBytes, formatNumber)})
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The interventions: who did what, when, in words. */
export function TicketEvents({ ticket }: { ticket: TicketThreadFieldsFragment }) {
  const { t, language } = useI18n();
  const columns: Column<TicketEvent>[] = [
    {
      header: t("support.events.col.at"),
      cell: (e) => longDateTime(e.at, language),
      csv: (e) => e.at,
    },
    {
      header: t("support.events.col.actor"),
      cell: (e) => `${e.actorName} (${t(`support.author.${e.actorKind}`)})`,
    },
    {
      header: t("support.events.col.action"),
      isRowHeader: true,
      cell: (e) => eventText(e.action, e.detail, t),
    },
  ];
  return (
    <section className="panel" aria-labelledby="ticket-events">
      <h2 id="ticket-events">{t("support.events.title")}</h2>
      <DataTable
        caption={t("support.events.caption", { number: ticket.number })}
        columns={columns}
        rows={ticket.events.map((e, position) => ({ ...e, position }))}
        rowKey={(e) => String(e.position)}
        emptyMessage={t("support.events.empty")}
      />
    </section>
  );
}

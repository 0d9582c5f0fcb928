import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { TextAreaField } from "../campaigns/TextAreaField";
import type { Priority, TicketHandling, TicketThreadFieldsFragment } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import { useI18n } from "../i18n/useI18n";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import {
  AssignTicketMutation,
  HandleTicketMutation,
  QualifyTicketMutation,
  SupportTicketQuery,
} from "./operations";
import { textError } from "./OpenTicketPage";
import { supportErrorMessage } from "./supportErrors";
import { MAX_BODY, PRIORITIES } from "./supportText";
import { TicketEvents, TicketFacts, TicketThread } from "./TicketParts";
import "./supportDesk.css";

type Ticket = TicketThreadFieldsFragment;
/** The actions that carry a message to the user. */
type MessageAction = Exclude<TicketHandling, "TAKE_IN_CHARGE">;

const MESSAGE_ACTIONS: MessageAction[] = [
  "ANSWER",
  "REQUEST_INFORMATION",
  "WORKAROUND",
  "RESOLVE",
  "CLOSE_BY_AGREEMENT",
];
/** Asked again in a dialog before they are done. */
const CONFIRMED: MessageAction[] = ["RESOLVE", "CLOSE_BY_AGREEMENT"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAFF_OVERRIDES: Partial<Record<string, MessageKey>> = {
  INVALID_STATE: "support.error.staff.INVALID_STATE",
};

/** Staff's actions on an open ticket: qualify, assign, take in charge, and the messages. */
function StaffActions({ ticket }: { ticket: Ticket }) {
  const { t, formatNumber } = useI18n();
  const [priority, setPriority] = useState<Priority>(ticket.priority);
  const [staffId, setStaffId] = useState(ticket.assignedTo ?? "");
  const [staffError, setStaffError] = useState<string | undefined>(undefined);
  const [body, setBody] = useState("");
  const [bodyError, setBodyError] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState<MessageAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [qualifyState, qualify] = useMutation(QualifyTicketMutation);
  const [assignState, assign] = useMutation(AssignTicketMutation);
  const [handleState, handle] = useMutation(HandleTicketMutation);
  const busy = qualifyState.fetching || assignState.fetching || handleState.fetching;
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const ids = { tenantId: ticket.tenantId, ticketId: ticket.id };

  useEffect(() => {
    setPriority(ticket.priority);
  }, [ticket.priority]);

  function started() {
    setDone(null);
    setFailure(null);
  }

  async function submitQualify(event: FormEvent) {
    event.preventDefault();
    started();
    const result = await qualify({ ...ids, priority });
    if (result.data) setDone(t("support.staff.qualified", { priority }));
    else if (result.error) setFailure(supportErrorMessage(result.error, t, STAFF_OVERRIDES));
  }

  async function submitAssign(event: FormEvent) {
    event.preventDefault();
    started();
    const wanted = staffId.trim();
    if (wanted && !UUID.test(wanted)) {
      setStaffError(t("support.staff.invalidStaffId"));
      return;
    }
    setStaffError(undefined);
    const result = await assign({ ...ids, staffId: wanted || null });
    if (result.data) setDone(t(wanted ? "support.staff.assigned" : "support.staff.unassigned"));
    else if (result.error) {
      const message = supportErrorMessage(result.error, t, STAFF_OVERRIDES);
      if (result.error.graphQLErrors[0]?.extensions.field === "staffId") setStaffError(message);
      else setFailure(message);
    }
  }

  async function takeInCharge() {
    started();
    const result = await handle({ input: { ...ids, action: "TAKE_IN_CHARGE", body: "" } });
    if (result.data) setDone(t("support.staff.done.TAKE_IN_CHARGE"));
    else if (result.error) setFailure(supportErrorMessage(result.error, t, STAFF_OVERRIDES));
  }

  async function send(action: MessageAction): Promise<boolean> {
    const result = await handle({ input: { ...ids, action, body: body.trim() } });
    if (result.data) {
      setBody("");
      setDone(
        action === "WORKAROUND"
          ? t("support.staff.done.WORKAROUND", { priority: result.data.handleTicket.priority })
          : t(`support.staff.done.${action}`),
      );
      return true;
    }
    if (result.error) {
      const message = supportErrorMessage(result.error, t, STAFF_OVERRIDES);
      if (result.error.graphQLErrors[0]?.extensions.field === "body") setBodyError(message);
      else if (confirming) setDialogError(message);
      else setFailure(message);
    }
    return false;
  }

  async function chooseMessageAction(action: MessageAction) {
    started();
    const error = textError(body, MAX_BODY, t, formatNumber);
    setBodyError(error);
    if (error) {
      messageRef.current?.focus();
      return;
    }
    if (CONFIRMED.includes(action)) {
      setDialogError(null);
      setConfirming(action);
      return;
    }
    await send(action);
  }

  async function confirm() {
    if (!confirming) return;
    const sent = await send(confirming);
    if (sent) setConfirming(null);
  }

  return (
    <section className="panel" aria-labelledby="staff-actions">
      <h2 id="staff-actions">{t("support.staff.actionsTitle")}</h2>
      <SuccessMessage message={done} />
      <FormAlert message={failure} />
      <div className="staff-actions">
        <form className="filters" onSubmit={submitQualify} noValidate>
          <SelectField
            label={t("support.staff.qualify")}
            value={priority}
            onChange={(value) => setPriority(value as Priority)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`support.priorityShort.${p}`)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("support.staff.qualifySubmit")}
          </button>
        </form>
        <form className="filters" onSubmit={submitAssign} noValidate>
          <TextField
            label={t("support.staff.assignTo")}
            hint={t("support.staff.assignHint")}
            optional
            value={staffId}
            onChange={setStaffId}
            error={staffError}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("support.staff.assignSubmit")}
          </button>
        </form>
        {!ticket.respondedAt && (
          <p>
            <button type="button" className="button" onClick={takeInCharge} disabled={busy}>
              {t("support.staff.takeInCharge")}
            </button>
          </p>
        )}
      </div>
      <div className="form form--wide staff-message">
        <TextAreaField
          ref={messageRef}
          label={t("support.staff.message")}
          hint={t("support.staff.messageHint")}
          rows={6}
          className="ticket-textarea"
          value={body}
          onChange={setBody}
          error={bodyError}
        />
        <div className="button-row">
          {MESSAGE_ACTIONS.map((action) => (
            <button
              key={action}
              type="button"
              className={
                action === "ANSWER"
                  ? "button"
                  : action === "CLOSE_BY_AGREEMENT"
                    ? "button button--danger"
                    : "button button--secondary"
              }
              disabled={busy}
              onClick={() => chooseMessageAction(action)}
            >
              {t(`support.staff.action.${action}`)}
            </button>
          ))}
        </div>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t(
            `support.staff.confirm.${confirming as "RESOLVE" | "CLOSE_BY_AGREEMENT"}.title`,
            {
              number: ticket.number,
            },
          )}
          confirmLabel={t(
            `support.staff.confirm.${confirming as "RESOLVE" | "CLOSE_BY_AGREEMENT"}.confirm`,
          )}
          onConfirm={confirm}
          onCancel={() => setConfirming(null)}
          busy={busy}
          destructive={confirming === "CLOSE_BY_AGREEMENT"}
          error={dialogError}
        >
          <p>{t(`support.staff.confirm.${confirming as "RESOLVE" | "CLOSE_BY_AGREEMENT"}.body`)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/**
 * One ticket of any tenant, for operator staff: the same facts, thread and interventions as
 * its user sees, plus its tenant and requester, and the actions (qualify, assign, take in
 * charge, answer, ask for information, workaround, resolve, close by agreement).
 */
export function StaffTicketPage() {
  const { t } = useI18n();
  const { tenantId = "", ticketId = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({
    query: SupportTicketQuery,
    variables: { tenantId, id: ticketId },
    requestPolicy: "cache-and-network",
  });
  const ticket = data?.supportTicket ?? null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/operator/support">{t("support.queue.backToQueue")}</Link>
      </p>
      <PageHeader
        title={
          ticket
            ? t("support.ticket.title", { number: ticket.number })
            : t("support.ticket.loadingTitle")
        }
        {...(ticket ? { intro: ticket.subject } : {})}
      />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && !ticket && <p>{t("support.ticket.notFound")}</p>}
      {ticket && (
        <>
          <section className="panel" aria-label={t("support.facts.label")}>
            <dl className="details ticket-facts ticket-facts--staff">
              <div className="details__item">
                <dt>{t("support.staff.tenant")}</dt>
                <dd>{data?.tenant?.name ?? t("support.queue.unknownTenant")}</dd>
              </div>
              <div className="details__item">
                <dt>{t("support.staff.requester")}</dt>
                <dd>{ticket.requesterEmail}</dd>
              </div>
              <div className="details__item">
                <dt>{t("support.staff.assignedTo")}</dt>
                <dd className={ticket.assignedTo ? "mono" : undefined}>
                  {ticket.assignedTo ?? t("support.staff.nobody")}
                </dd>
              </div>
            </dl>
            <TicketFacts ticket={ticket} audience="staff" />
          </section>
          <TicketThread ticket={ticket} staff />
          {ticket.status === "CLOSED" ? (
            <p className="alert alert--info" data-testid="ticket-closed">
              {t("support.staff.closed")}
            </p>
          ) : (
            <StaffActions key={ticket.id} ticket={ticket} />
          )}
          <TicketEvents ticket={ticket} />
        </>
      )}
    </>
  );
}

import { useRef, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { TextAreaField } from "../campaigns/TextAreaField";
import type { TicketThreadFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { FlashMessage, SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { fieldErrors, noFormErrors, type FormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { AttachmentField, attachmentsError, useAttachments } from "./AttachmentField";
import type { AttachmentUpload } from "./attachments";
import { MyTicketQuery, ReplyToTicketMutation } from "./operations";
import { textError } from "./OpenTicketPage";
import { supportFormErrors } from "./supportErrors";
import { MAX_BODY } from "./supportText";
import { TicketEvents, TicketFacts, TicketThread } from "./TicketParts";
import "./supportDesk.css";

const REPLY_FIELDS = ["body", "attachmentIds"] as const;
type ReplyField = (typeof REPLY_FIELDS)[number];

/** The user's reply, with files: a ticket waiting for them resumes, a resolved one reopens. */
function ReplyForm({
  ticket,
  upload,
}: {
  ticket: TicketThreadFieldsFragment;
  upload?: AttachmentUpload | undefined;
}) {
  const { t, formatNumber } = useI18n();
  const [body, setBody] = useState("");
  const attachments = useAttachments(upload);
  const [errors, setErrors] = useState<FormErrors<ReplyField>>(noFormErrors);
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching }, reply] = useMutation(ReplyToTicketMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const fields = fieldErrors<ReplyField>({
      body: textError(body, MAX_BODY, t, formatNumber),
      attachmentIds: attachmentsError(attachments, t),
    });
    const count = Object.keys(fields).length;
    if (count > 0) {
      setErrors({ fields, form: count > 1 ? t("form.errorCount", { count }) : null });
      return;
    }
    setErrors(noFormErrors());
    const result = await reply({
      ticketId: ticket.id,
      body: body.trim(),
      attachmentIds: attachments.ids,
    });
    if (result.data) {
      setBody("");
      attachments.reset();
      setDone(t("support.reply.done"));
    } else if (result.error) {
      setErrors(
        supportFormErrors(result.error, REPLY_FIELDS, t, {
          INVALID_STATE: "support.error.reply.INVALID_STATE",
        }),
      );
    }
  }

  const hint =
    ticket.status === "WAITING_FOR_USER"
      ? t("support.reply.hintWaiting")
      : ticket.status === "RESOLVED"
        ? t("support.reply.hintResolved")
        : undefined;

  return (
    <section className="panel" aria-labelledby="ticket-reply">
      <h2 id="ticket-reply">{t("support.reply.title")}</h2>
      <SuccessMessage message={done} />
      <form ref={formRef} className="form form--wide" onSubmit={submit} noValidate>
        <FormAlert message={errors.form} />
        <TextAreaField
          label={t("support.reply.body")}
          {...(hint ? { hint } : {})}
          rows={6}
          className="ticket-textarea"
          value={body}
          onChange={setBody}
          error={errors.fields.body}
        />
        <AttachmentField attachments={attachments} error={errors.fields.attachmentIds} />
        <div className="form__actions">
          <button type="submit" className="button" disabled={fetching}>
            {fetching ? t("support.reply.sending") : t("support.reply.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * One ticket, as its tenant's user sees it: status, criticality (proposed and qualified),
 * the response deadline and the business time left, the thread, the interventions, and the
 * reply form (none on a closed ticket: a new one is opened instead).
 */
export function TicketPage({ upload }: { upload?: AttachmentUpload }) {
  const { t } = useI18n();
  const { ticketId = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({
    query: MyTicketQuery,
    variables: { id: ticketId },
    requestPolicy: "cache-and-network",
  });
  const ticket = data?.ticket ?? null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/support">{t("support.backToList")}</Link>
      </p>
      <PageHeader
        title={
          ticket
            ? t("support.ticket.title", { number: ticket.number })
            : t("support.ticket.loadingTitle")
        }
        {...(ticket ? { intro: ticket.subject } : {})}
      />
      <FlashMessage />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && !ticket && <p>{t("support.ticket.notFound")}</p>}
      {ticket && (
        <>
          <section className="panel" aria-label={t("support.facts.label")}>
            <TicketFacts ticket={ticket} audience="user" />
          </section>
          <TicketThread ticket={ticket} />
          {ticket.status === "CLOSED" ? (
            <p className="alert alert--info" data-testid="ticket-closed">
              {t("support.ticket.closed")}{" "}
              <Link to="/support/nouveau">{t("support.open.action")}</Link>
            </p>
          ) : (
            <ReplyForm key={ticket.id} ticket={ticket} upload={upload} />
          )}
          <TicketEvents ticket={ticket} />
        </>
      )}
    </>
  );
}

import { useId, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useMutation } from "urql";
import { TextAreaField } from "../campaigns/TextAreaField";
import type { Priority, TicketKind } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import type { FlashState } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { fieldErrors, noFormErrors, type FormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { AttachmentField, attachmentsError, useAttachments } from "./AttachmentField";
import type { AttachmentUpload } from "./attachments";
import { OpenTicketMutation } from "./operations";
import { supportFormErrors } from "./supportErrors";
import {
  MAX_BODY,
  MAX_SUBJECT,
  PRIORITIES,
  ticketTiming,
  timingText,
  type Translate,
} from "./supportText";
import "./supportDesk.css";

const FIELDS = ["kind", "priority", "subject", "body", "attachmentIds"] as const;
type Field = (typeof FIELDS)[number];
const KINDS: TicketKind[] = ["ANOMALY", "QUESTION"];

/** The checks made before sending a text: required, and within the API's length. */
export function textError(
  value: string,
  max: number,
  t: Translate,
  formatNumber: (n: number) => string,
): string | undefined {
  if (!value.trim()) return t("form.required");
  if (value.trim().length > max) return t("support.error.tooLong", { max: formatNumber(max) });
  return undefined;
}

/**
 * "Ouvrir un ticket": its kind, the criticality the user proposes (Annex 2's definitions as
 * help), a subject, a description and files (each sent on its own, with its progress). Once
 * opened, the ticket's page shows its number and its response deadline.
 */
export function OpenTicketPage({ upload }: { upload?: AttachmentUpload }) {
  const { t, language, formatNumber } = useI18n();
  const navigate = useNavigate();
  const id = useId();
  const [kind, setKind] = useState<TicketKind>("ANOMALY");
  const [priority, setPriority] = useState<Priority>("P3");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const attachments = useAttachments(upload);
  const [errors, setErrors] = useState<FormErrors<Field>>(noFormErrors);
  const [{ fetching }, openTicket] = useMutation(OpenTicketMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = fieldErrors<Field>({
      kind: undefined,
      priority: undefined,
      subject: textError(subject, MAX_SUBJECT, t, formatNumber),
      body: textError(body, MAX_BODY, t, formatNumber),
      attachmentIds: attachmentsError(attachments, t),
    });
    const count = Object.keys(fields).length;
    if (count > 0) {
      setErrors({ fields, form: count > 1 ? t("form.errorCount", { count }) : null });
      return;
    }
    setErrors(noFormErrors());
    const result = await openTicket({
      input: {
        kind,
        priority,
        subject: subject.trim(),
        body: body.trim(),
        attachmentIds: attachments.ids,
      },
    });
    const opened = result.data?.openTicket;
    if (opened) {
      const flash: FlashState = {
        flash: t("support.open.done", {
          number: opened.number,
          due: timingText(ticketTiming(opened), t, language),
        }),
      };
      navigate(`/support/${encodeURIComponent(opened.id)}`, { state: flash });
    } else if (result.error) {
      setErrors(supportFormErrors(result.error, FIELDS, t));
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/support">{t("support.backToList")}</Link>
      </p>
      <PageHeader title={t("support.open.title")} intro={t("support.open.intro")} />
      <form ref={formRef} className="form form--wide panel" onSubmit={submit} noValidate>
        <FormAlert message={errors.form} />
        <fieldset className="radio-group">
          <legend>{t("support.open.kind")}</legend>
          {KINDS.map((option) => (
            <label key={option} className="checkbox">
              <input
                type="radio"
                name={`${id}-kind`}
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
              />
              {t(`support.kind.${option}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="radio-group priority-choice" aria-describedby={`${id}-priority-hint`}>
          <legend>{t("support.open.priority")}</legend>
          <p id={`${id}-priority-hint`} className="field__hint">
            {t("support.open.priorityHint")}
          </p>
          {PRIORITIES.map((option) => (
            <div key={option} className="priority-choice__option">
              <label className="checkbox">
                <input
                  type="radio"
                  name={`${id}-priority`}
                  value={option}
                  checked={priority === option}
                  onChange={() => setPriority(option)}
                  aria-describedby={`${id}-priority-${option}`}
                />
                {t(`support.priority.${option}`)}
              </label>
              <p id={`${id}-priority-${option}`} className="field__hint priority-choice__help">
                {t(`support.priority.${option}.help`)}
              </p>
            </div>
          ))}
        </fieldset>
        <TextField
          label={t("support.open.subject")}
          value={subject}
          onChange={setSubject}
          maxLength={MAX_SUBJECT}
          error={errors.fields.subject}
        />
        <TextAreaField
          label={t("support.open.body")}
          hint={t("support.open.bodyHint")}
          rows={8}
          className="ticket-textarea"
          value={body}
          onChange={setBody}
          error={errors.fields.body}
        />
        <AttachmentField attachments={attachments} error={errors.fields.attachmentIds} />
        <div className="form__actions">
          <button type="submit" className="button" disabled={fetching}>
            {fetching ? t("support.open.sending") : t("support.open.submit")}
          </button>
          <Link className="button button--secondary" to="/support">
            {t("form.cancel")}
          </Link>
        </div>
      </form>
    </>
  );
}

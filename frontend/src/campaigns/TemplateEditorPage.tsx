import { useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import type { Channel, TemplateFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { FlashMessage, SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { fieldErrors, noFormErrors, requiredError, type FormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { campaignErrorMessage, campaignFormErrors } from "./campaignErrors";
import { channelKey, insertAt, mergeSnippet } from "./campaignText";
import { MergeFieldPicker } from "./MergeFieldPicker";
import {
  CreateMessageTemplateMutation,
  DeleteMessageTemplateMutation,
  MessageTemplateQuery,
  UpdateMessageTemplateMutation,
} from "./operations";
import { SmsCounter } from "./SmsCounter";
import { TemplatePreview } from "./TemplatePreview";
import { TemplateTestSend } from "./TemplateTestSend";
import { TextAreaField } from "./TextAreaField";
import "./campaigns.css";

const FIELDS = ["name", "channel", "subject", "htmlBody", "textBody"] as const;
type TemplateField = (typeof FIELDS)[number];
type Part = "subject" | "htmlBody" | "textBody";

interface Draft {
  name: string;
  channel: Channel;
  subject: string;
  htmlBody: string;
  textBody: string;
}

function draftOf(template: TemplateFieldsFragment | null): Draft {
  return {
    name: template?.name ?? "",
    channel: template?.channel ?? "EMAIL",
    subject: template?.subject ?? "",
    htmlBody: template?.htmlBody ?? "",
    textBody: template?.textBody ?? "",
  };
}

/** `/campagnes/modeles/nouveau`. */
export function NewTemplatePage() {
  return <TemplateEditor template={null} />;
}

/** `/campagnes/modeles/:templateId`. */
export function TemplatePage() {
  const { t } = useI18n();
  const { templateId = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({
    query: MessageTemplateQuery,
    variables: { id: templateId },
    requestPolicy: "cache-and-network",
  });
  if (error && !data) return <QueryError error={error} />;
  if (!data) return fetching ? <LoadingState /> : null;
  if (!data.messageTemplate) {
    return (
      <>
        <PageHeader title={t("templates.notFound")} />
        <Link to="/campagnes/modeles">← {t("templates.back")}</Link>
      </>
    );
  }
  return <TemplateEditor key={data.messageTemplate.id} template={data.messageTemplate} />;
}

function TemplateEditor({ template }: { template: TemplateFieldsFragment | null }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => draftOf(template));
  const [errors, setErrors] = useState<FormErrors<TemplateField>>(noFormErrors);
  const [errorCount, setErrorCount] = useState(0);
  const [saved, setSaved] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [part, setPart] = useState<Part>("textBody");
  const formRef = useRef<HTMLFormElement>(null);
  const [{ fetching: creating }, create] = useMutation(CreateMessageTemplateMutation);
  const [{ fetching: updating }, update] = useMutation(UpdateMessageTemplateMutation);
  const [{ fetching: removing }, remove] = useMutation(DeleteMessageTemplateMutation);
  const context = useMemo(() => ({ additionalTypenames: ["MessageTemplate"] }), []);
  useFocusFirstError(formRef, errors);
  const isSms = draft.channel === "SMS";
  const effectivePart: Part = isSms ? "textBody" : part;

  function change<K extends keyof Draft>(key: K, value: Draft[K]) {
    setSaved(false);
    setDraft((current) => ({ ...current, [key]: value }));
  }

  function insert(name: string) {
    const target = formRef.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      `[data-part="${effectivePart}"]`,
    );
    const snippet = mergeSnippet(name);
    const current = draft[effectivePart];
    const { text, cursor } = insertAt(
      current,
      snippet,
      target?.selectionStart ?? null,
      target?.selectionEnd ?? null,
    );
    change(effectivePart, text);
    window.requestAnimationFrame(() => {
      target?.focus();
      target?.setSelectionRange(cursor, cursor);
    });
  }

  function check(): Partial<Record<TemplateField, string>> {
    return fieldErrors<TemplateField>({
      name: requiredError(draft.name, t),
      channel: undefined,
      subject: isSms ? undefined : requiredError(draft.subject, t),
      htmlBody: undefined,
      textBody: requiredError(draft.textBody, t),
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const found = check();
    if (Object.keys(found).length > 0) {
      setErrorCount(Object.keys(found).length);
      setErrors({ fields: found, form: null });
      return;
    }
    setErrorCount(0);
    const input = {
      name: draft.name.trim(),
      channel: draft.channel,
      subject: isSms ? null : draft.subject,
      htmlBody: isSms ? null : draft.htmlBody.trim() === "" ? null : draft.htmlBody,
      textBody: draft.textBody,
    };
    if (template) {
      const result = await update({ id: template.id, input }, context);
      if (result.error) return setErrors(campaignFormErrors(result.error, FIELDS, t));
      setErrors(noFormErrors());
      setSaved(true);
    } else {
      const result = await create({ input }, context);
      if (result.error) return setErrors(campaignFormErrors(result.error, FIELDS, t));
      const created = result.data?.createMessageTemplate.template;
      if (created) {
        navigate(`/campagnes/modeles/${created.id}`, {
          state: { flash: t("templates.created", { name: created.name }) },
        });
      }
    }
  }

  async function confirmDelete() {
    if (!template) return;
    const result = await remove({ id: template.id }, context);
    if (result.error) return setDeleteError(campaignErrorMessage(result.error, t));
    navigate("/campagnes/modeles", {
      state: { flash: t("templates.deleted", { name: template.name }) },
    });
  }

  const partLabel: Record<Part, string> = {
    subject: t("templates.subject"),
    htmlBody: t("templates.htmlBody"),
    textBody: isSms ? t("templates.smsText") : t("templates.textBody"),
  };
  const focusPart = (p: Part) => () => setPart(p);
  const formAlert =
    errors.form ?? (errorCount > 0 ? t("form.errorCount", { count: errorCount }) : null);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/campagnes/modeles">← {t("templates.back")}</Link>
      </p>
      <PageHeader
        title={template ? template.name : t("templates.newTitle")}
        actions={
          template && (
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setDeleteError(null);
                setDeleting(true);
              }}
            >
              {t("templates.delete")}
            </button>
          )
        }
      />
      <FlashMessage />
      <SuccessMessage message={saved ? t("templates.saved") : null} />
      <div className="template-layout">
        <form
          ref={formRef}
          onSubmit={submit}
          noValidate
          className="form panel template-editor"
          aria-label={template ? template.name : t("templates.newTitle")}
        >
          <FormAlert message={formAlert} />
          <TextField
            label={t("templates.name")}
            value={draft.name}
            onChange={(v) => change("name", v)}
            error={errors.fields.name}
            autoComplete="off"
          />
          <SelectField
            label={t("templates.channel")}
            value={draft.channel}
            onChange={(v) => change("channel", v as Channel)}
            disabled={template !== null}
            hint={template ? t("templates.channelFixed") : undefined}
            error={errors.fields.channel}
          >
            <option value="EMAIL">{t(channelKey("EMAIL"))}</option>
            <option value="SMS">{t(channelKey("SMS"))}</option>
          </SelectField>
          <MergeFieldPicker targetLabel={partLabel[effectivePart]} onInsert={insert} />
          {!isSms && (
            <>
              <TextField
                data-part="subject"
                label={t("templates.subject")}
                value={draft.subject}
                onChange={(v) => change("subject", v)}
                onFocus={focusPart("subject")}
                error={errors.fields.subject}
                autoComplete="off"
              />
              <TextAreaField
                data-part="htmlBody"
                label={t("templates.htmlBody")}
                hint={t("templates.htmlHint")}
                optional
                rows={10}
                spellCheck={false}
                value={draft.htmlBody}
                onChange={(v) => change("htmlBody", v)}
                onFocus={focusPart("htmlBody")}
                error={errors.fields.htmlBody}
              />
            </>
          )}
          <TextAreaField
            data-part="textBody"
            label={partLabel.textBody}
            hint={isSms ? undefined : t("templates.textHint")}
            rows={isSms ? 5 : 8}
            value={draft.textBody}
            onChange={(v) => change("textBody", v)}
            onFocus={focusPart("textBody")}
            error={errors.fields.textBody}
            below={isSms ? <SmsCounter text={draft.textBody} /> : undefined}
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={creating || updating}>
              {creating || updating
                ? t("form.saving")
                : template
                  ? t("templates.save")
                  : t("templates.create")}
            </button>
          </div>
        </form>
        <div>
          {template ? (
            <>
              {viewer.rights.includes("CONSULT") ? (
                // A save shows the new version (the preview is of the saved template).
                <TemplatePreview key={template.updatedAt} template={template} />
              ) : (
                <section className="panel">
                  <h2>{t("templates.preview.title")}</h2>
                  <p className="muted">{t("templates.preview.noConsult")}</p>
                </section>
              )}
              <TemplateTestSend template={template} />
            </>
          ) : (
            <section className="panel">
              <h2>{t("templates.preview.title")}</h2>
              <p className="muted">{t("templates.preview.saveFirst")}</p>
            </section>
          )}
        </div>
      </div>
      {deleting && template && (
        <ConfirmDialog
          title={t("templates.deleteTitle", { name: template.name })}
          confirmLabel={t("templates.delete")}
          destructive
          busy={removing}
          error={deleteError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(false)}
        >
          <p>{t("templates.deleteBody")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

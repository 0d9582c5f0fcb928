import { useState } from "react";
import { useQuery } from "urql";
import type { TemplateFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { LoadingState } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { campaignErrorMessage } from "./campaignErrors";
import { smsCounterText, smsUnicodeNote } from "./campaignText";
import { PreviewContactsQuery, PreviewMessageQuery } from "./operations";

/**
 * The saved template rendered for a contact picked by a search (needs the Consult right):
 * the HTML in a sandboxed frame (`sandbox=""`, `srcdoc`: no script, no same origin), never
 * written into the page.
 */
export function TemplatePreview({ template }: { template: TemplateFieldsFragment }) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const [contactId, setContactId] = useState("");
  const debounced = useDebouncedValue(search.trim(), 300);
  const [{ data: contacts }] = useQuery({
    query: PreviewContactsQuery,
    variables: { search: debounced || null, first: 10 },
  });
  const options = contacts?.contacts.nodes ?? [];
  const chosen = contactId || options[0]?.id || "";
  const [{ data, fetching, error }] = useQuery({
    query: PreviewMessageQuery,
    variables: { templateId: template.id, contactId: chosen },
    pause: chosen === "",
    requestPolicy: "network-only",
  });
  const preview = data?.previewMessage;
  const note = preview?.smsMeasure ? smsUnicodeNote(preview.smsMeasure, t) : null;
  return (
    <section className="panel" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("templates.preview.title")}</h2>
      <p className="muted">{t("templates.preview.ofSaved")}</p>
      <TextField
        label={t("templates.preview.search")}
        type="search"
        optional
        value={search}
        onChange={(value) => {
          setSearch(value);
          setContactId("");
        }}
        autoComplete="off"
      />
      <SelectField label={t("templates.preview.contact")} value={chosen} onChange={setContactId}>
        {options.length === 0 && <option value="">{t("templates.preview.chooseContact")}</option>}
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {[c.firstName, c.lastName].filter(Boolean).join(" ") ||
              c.personalEmail ||
              c.mobilePhone ||
              c.id}
          </option>
        ))}
      </SelectField>
      {error && (
        <div className="alert alert--error" role="alert">
          {campaignErrorMessage(error, t)}
        </div>
      )}
      {fetching && !preview && <LoadingState />}
      {preview && (
        <div>
          {preview.subject != null && (
            <p>
              <strong>{t("templates.preview.subject", { subject: preview.subject })}</strong>
            </p>
          )}
          {preview.html && (
            <iframe
              className="preview-frame"
              title={t("templates.preview.htmlFrame")}
              sandbox=""
              srcDoc={preview.html}
            />
          )}
          {preview.html && <h3>{t("templates.preview.text")}</h3>}
          <div className="preview-text">{preview.text}</div>
          {preview.smsMeasure && (
            <p className="sms-counter">{smsCounterText(preview.smsMeasure, t)}</p>
          )}
          {note && <p className="sms-counter sms-counter--unicode">{note}</p>}
        </div>
      )}
    </section>
  );
}

import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import type { TemplateFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { SelectField } from "../ui/SelectField";
import { campaignFormErrors } from "./campaignErrors";
import { splitRecipients, TEST_RECIPIENTS_MAX } from "./campaignText";
import { CampaignSendersQuery, SendTestMessageMutation } from "./operations";
import { TextAreaField } from "./TextAreaField";

const FIELDS = ["to", "senderId"] as const;

/** Sends the saved template to a few addresses or numbers, from an allowed sender. */
export function TemplateTestSend({ template }: { template: TemplateFieldsFragment }) {
  const { t } = useI18n();
  const [{ data }] = useQuery({ query: CampaignSendersQuery });
  const senders = (data?.campaignSenders ?? []).filter((s) => s.channel === template.channel);
  const [to, setTo] = useState("");
  const [senderId, setSenderId] = useState("");
  const [errors, setErrors] = useState<{ to?: string; senderId?: string; form: string | null }>({
    form: null,
  });
  const [sent, setSent] = useState<number | null>(null);
  const [{ fetching }, send] = useMutation(SendTestMessageMutation);
  const sender = senderId || senders[0]?.id || "";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    const recipients = splitRecipients(to);
    if (recipients.length === 0) return setErrors({ to: t("form.required"), form: null });
    if (recipients.length > TEST_RECIPIENTS_MAX) {
      return setErrors({ to: t("templates.test.tooMany"), form: null });
    }
    const result = await send({
      input: { templateId: template.id, senderId: sender, to: recipients },
    });
    if (result.error) {
      const found = campaignFormErrors(result.error, FIELDS, t);
      return setErrors({ ...found.fields, form: found.form });
    }
    setErrors({ form: null });
    setSent(result.data?.sendTestMessage ?? 0);
  }

  return (
    <section className="panel" aria-labelledby="test-title">
      <h2 id="test-title">{t("templates.test.title")}</h2>
      <p className="muted">{t("templates.test.intro")}</p>
      {senders.length === 0 ? (
        <p>{t("templates.test.noSender")}</p>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <FormAlert message={errors.form} />
          <SuccessMessage
            message={sent !== null ? t("templates.test.sent", { count: sent }) : null}
          />
          <TextAreaField
            label={t(
              template.channel === "SMS" ? "templates.test.toSms" : "templates.test.toEmail",
            )}
            rows={3}
            value={to}
            onChange={setTo}
            error={errors.to}
            spellCheck={false}
          />
          <SelectField
            label={t("templates.test.sender")}
            value={sender}
            onChange={setSenderId}
            error={errors.senderId}
          >
            {senders.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName ? `${s.displayName} <${s.address}>` : s.address}
              </option>
            ))}
          </SelectField>
          <div className="form__actions">
            <button type="submit" className="button button--secondary" disabled={fetching}>
              {t("templates.test.send")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

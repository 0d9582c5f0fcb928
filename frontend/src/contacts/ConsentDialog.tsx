import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import type { ConsentChannel, ConsentStatus } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { Dialog } from "../ui/Dialog";
import { FormAlert } from "../ui/FormAlert";
import { apiFormErrors, noFormErrors, type FormErrors } from "../ui/formErrors";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { SetContactConsentMutation } from "./operations";

const FIELDS = ["status", "collectedAt", "source", "wording", "ip"] as const;
type Field = (typeof FIELDS)[number];

/** Now, as the value of a `datetime-local` input (local time, minutes). */
function nowLocal(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

/** Records a consent given or refused on one channel, with its proof. */
export function ConsentDialog({
  contactId,
  channel,
  onDone,
  onCancel,
}: {
  contactId: string;
  channel: ConsentChannel;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<ConsentStatus>("GRANTED");
  const [collectedAt, setCollectedAt] = useState(nowLocal);
  const [source, setSource] = useState("");
  const [wording, setWording] = useState("");
  const [ip, setIp] = useState("");
  const [errors, setErrors] = useState<FormErrors<Field>>(noFormErrors);
  const [{ fetching }, setConsent] = useMutation(SetContactConsentMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await setConsent({
      input: {
        contactId,
        channel,
        status,
        collectedAt: collectedAt ? new Date(collectedAt).toISOString() : null,
        source: source.trim() || null,
        wording: wording.trim() || null,
        ip: ip.trim() || null,
      },
    });
    if (result.error) setErrors(apiFormErrors(result.error, FIELDS, t));
    else onDone();
  }

  return (
    <Dialog
      title={t("consent.title", { channel: t(`consentChannel.${channel}`) })}
      onCancel={onCancel}
    >
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <fieldset className="radio-group">
          <legend>{t("contact.consent.status")}</legend>
          {(["GRANTED", "DENIED"] as const).map((s) => (
            <label key={s} className="checkbox">
              <input
                type="radio"
                name="consent-status"
                checked={status === s}
                onChange={() => setStatus(s)}
              />
              {t(`consentStatus.${s}`)}
            </label>
          ))}
        </fieldset>
        <TextField
          label={t("contact.consent.collectedAt")}
          type="datetime-local"
          value={collectedAt}
          onChange={setCollectedAt}
          error={errors.fields.collectedAt}
        />
        <TextField
          label={t("contact.consent.source")}
          hint={t("consent.sourceHint")}
          value={source}
          onChange={setSource}
          error={errors.fields.source}
          optional
        />
        <TextField
          label={t("contact.consent.wording")}
          value={wording}
          onChange={setWording}
          error={errors.fields.wording}
          optional
        />
        <TextField
          label={t("contact.consent.ip")}
          value={ip}
          onChange={setIp}
          error={errors.fields.ip}
          optional
        />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t("form.cancel")}
          </button>
          <button type="submit" className="button" disabled={fetching}>
            {fetching ? t("form.saving") : t("consent.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

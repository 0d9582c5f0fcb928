import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import type { ConsentChannel, ConsentStatus } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { Dialog } from "../ui/Dialog";
import { FormAlert } from "../ui/FormAlert";
import { apiFormErrors, noFormErrors, type FormErrors } from "../ui/formErrors";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { useViewer } from "../session/useSession";
import { SetContactConsentMutation } from "./operations";

const FIELDS = ["status", "collectedAt", "source", "wording", "ip"] as const;
type Field = (typeof FIELDS)[number];

/** Now, as the value of a `datetime-local` input (local time, minutes). */
function nowLocal(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

/**
 * Records a consent given or refused on one channel, with its proof, for one contact or for
 * several (bulk action of the contact list: the channel is then chosen in the dialog).
 */
export function ConsentDialog({
  contactId,
  contactIds,
  channel: fixedChannel,
  onDone,
  onCancel,
}: {
  contactId?: string;
  contactIds?: readonly string[];
  channel?: ConsentChannel;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const ids = contactIds ?? (contactId ? [contactId] : []);
  const [chosenChannel, setChosenChannel] = useState<ConsentChannel>("EMAIL");
  const channel = fixedChannel ?? chosenChannel;
  const [done, setDone] = useState(0);
  // Granting a consent puts data in (Import); recording a refusal is open to Consult.
  const canGrant = useViewer().rights.includes("IMPORT");
  const [status, setStatus] = useState<ConsentStatus>(canGrant ? "GRANTED" : "DENIED");
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
    setDone(0);
    for (const [index, id] of ids.entries()) {
      const result = await setConsent({
        input: {
          contactId: id,
          channel,
          status,
          collectedAt: collectedAt ? new Date(collectedAt).toISOString() : null,
          source: source.trim() || null,
          wording: wording.trim() || null,
          ip: ip.trim() || null,
        },
      });
      if (result.error) {
        const errors = apiFormErrors(result.error, FIELDS, t);
        // Stop at the first refusal, and say how many were recorded before it.
        if (index > 0) {
          errors.form =
            `${t("consent.bulkStopped", { done: formatNumber(index), total: formatNumber(ids.length) })} ${errors.form ?? ""}`.trim();
        }
        setErrors(errors);
        return;
      }
      setDone(index + 1);
    }
    onDone();
  }

  return (
    <Dialog
      title={
        fixedChannel
          ? t("consent.title", { channel: t(`consentChannel.${fixedChannel}`) })
          : t("consent.bulkTitle", { count: ids.length })
      }
      onCancel={onCancel}
    >
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        {!fixedChannel && (
          <fieldset className="radio-group">
            <legend>{t("contact.consent.channel")}</legend>
            {(["EMAIL", "SMS", "POST"] as const).map((c) => (
              <label key={c} className="checkbox">
                <input
                  type="radio"
                  name="consent-channel"
                  checked={channel === c}
                  onChange={() => setChosenChannel(c)}
                />
                {t(`consentChannel.${c}`)}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset className="radio-group">
          <legend>{t("contact.consent.status")}</legend>
          {(canGrant ? (["GRANTED", "DENIED"] as const) : (["DENIED"] as const)).map((s) => (
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
            {fetching && ids.length > 1
              ? t("consent.bulkProgress", {
                  done: formatNumber(done),
                  total: formatNumber(ids.length),
                })
              : fetching
                ? t("form.saving")
                : t("consent.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

import { useQuery } from "urql";
import { useI18n } from "../i18n/useI18n";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { smsCounterText, smsUnicodeNote } from "./campaignText";
import { MeasureSmsQuery } from "./operations";

/**
 * The live length of an SMS as carriers count it (asked of the API, `measureSms`, once the
 * text has stopped changing for a moment): "128 caractères · 1 SMS · GSM-7", why it is in
 * Unicode when it is, and the STOP mention of marketing SMS.
 */
export function SmsCounter({ text, id }: { text: string; id?: string }) {
  const { t } = useI18n();
  const debounced = useDebouncedValue(text, 250);
  const [{ data, fetching }] = useQuery({
    query: MeasureSmsQuery,
    variables: { text: debounced },
    pause: debounced === "",
    requestPolicy: "cache-first",
  });
  const measure = debounced === "" ? null : data?.measureSms;
  const note = measure ? smsUnicodeNote(measure, t) : null;
  return (
    <div id={id} className="sms-counter-box">
      <p className="sms-counter" role="status" aria-live="polite">
        {measure
          ? smsCounterText(measure, t)
          : fetching
            ? t("campaigns.sms.measuring")
            : smsCounterText({ encoding: "GSM_7", units: 0, segments: 0 }, t)}
      </p>
      {note && <p className="sms-counter sms-counter--unicode">{note}</p>}
      <p className="field__hint">{t("campaigns.sms.stopNote")}</p>
    </div>
  );
}

import { useId, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useI18n } from "../i18n/useI18n";
import { postalRunCostExclVat } from "../ui/billing";
import { FormAlert } from "../ui/FormAlert";
import { apiFormErrors } from "../ui/formErrors";
import { AddressLines, AddressReasons, AddressStatusBadge } from "./AddressReasons";
import { NormalizeAddressesMutation } from "./operations";

/** Addresses typed or pasted one per block, blocks separated by an empty line. */
export function parseAddresses(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    )
    .filter((lines) => lines.length > 0);
}

/** Try RNVP on pasted addresses (each one is billed as an RNVP address). */
export function AddressTryOut() {
  const { t, formatNumber, formatMoney } = useI18n();
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [{ data, fetching }, normalize] = useMutation(NormalizeAddressesMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const addresses = parseAddresses(text);
    if (addresses.length === 0) {
      setError(t("postal.tryOut.empty"));
      return;
    }
    setError(null);
    const result = await normalize({ input: { addresses: addresses.map((lines) => ({ lines })) } });
    if (result.error) setError(apiFormErrors(result.error, [], t).form);
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("postal.tryOut.title")}</h2>
      <form className="form form--wide" onSubmit={submit} noValidate>
        <FormAlert message={error} />
        <div className="field">
          <label htmlFor={id}>{t("postal.tryOut.label")}</label>
          <p className="field__hint" id={`${id}-hint`}>
            {t("postal.tryOut.hint")}
          </p>
          <textarea
            id={id}
            rows={7}
            value={text}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        {parseAddresses(text).length > 0 && (
          <p className="muted" aria-live="polite">
            {t("postal.tryOut.cost", {
              count: formatNumber(parseAddresses(text).length),
              amount: formatMoney(postalRunCostExclVat("RNVP", parseAddresses(text).length)),
            })}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={fetching}>
            {fetching ? t("postal.tryOut.running") : t("postal.tryOut.submit")}
          </button>
        </div>
      </form>
      {data && (
        <ol className="address-results" aria-label={t("postal.tryOut.results")}>
          {data.normalizeAddresses.addresses.map((address, i) => (
            <li key={i} className="address-result">
              <AddressStatusBadge status={address.status} />
              <AddressLines lines={address.lines} />
              <AddressReasons reasons={address.reasons} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

import { useEffect, useId, useRef } from "react";
import { useI18n } from "../../i18n/useI18n";
import { CopyButton } from "../../ui/CopyButton";
import type { CreatedApiToken } from "./CreateApiTokenForm";

/** The new token's secret, shown this once, with a copy button. */
export function TokenSecretNotice({
  token,
  onDone,
}: {
  token: CreatedApiToken;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const inputId = useId();
  useEffect(() => titleRef.current?.focus(), []);
  return (
    <section className="panel panel--highlight" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} ref={titleRef} tabIndex={-1}>
        {t("tokens.secretTitle", { name: token.name })}
      </h2>
      <p>{t("tokens.secretBody")}</p>
      <label htmlFor={inputId}>{t("tokens.secretLabel")}</label>
      <div className="secret">
        <input
          id={inputId}
          className="secret__value"
          readOnly
          value={token.secret}
          onFocus={(event) => event.target.select()}
        />
        <CopyButton text={token.secret} />
      </div>
      <button type="button" className="button" onClick={onDone}>
        {t("tokens.secretDone")}
      </button>
    </section>
  );
}

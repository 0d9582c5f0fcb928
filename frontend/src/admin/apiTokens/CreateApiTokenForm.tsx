import { useId, useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import type { Right } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { RightsFieldset } from "../../rights/RightsFieldset";
import { FormAlert } from "../../ui/FormAlert";
import {
  apiFormErrors,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  requiredError,
  type FormErrors,
} from "../../ui/formErrors";
import { TextField } from "../../ui/TextField";
import { useFocusFirstError } from "../../ui/useFocusFirstError";
import { CreateApiTokenMutation } from "./operations";

const FIELDS = ["name", "rights", "expiresAt"] as const;
type TokenField = (typeof FIELDS)[number];

export interface CreatedApiToken {
  name: string;
  secret: string;
}

/** The end of the chosen day, in the user's time zone, as the API's ISO 8601 instant. */
function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

/** The day `days` days from today, as YYYY-MM-DD in local time. */
function inDays(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toLocaleDateString("sv-SE"); // YYYY-MM-DD, in local time
}

/** How long tokens live, as the API says (`apiTokenPolicy`). */
export interface TokenLifetimePolicy {
  defaultLifetimeDays: number;
  maxLifetimeDays: number;
}

/**
 * A new token for a technical system: a name, its rights, and its expiry date, offered at the
 * default lifetime (left empty, the API applies that default).
 */
export function CreateApiTokenForm({
  policy,
  onCreated,
  onCancel,
}: {
  policy: TokenLifetimePolicy | null;
  onCreated: (token: CreatedApiToken) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [rights, setRights] = useState<Right[]>(["CONSULT"]);
  const [expiresAt, setExpiresAt] = useState(() =>
    policy ? inDays(policy.defaultLifetimeDays) : "",
  );
  const [errors, setErrors] = useState<FormErrors<TokenField>>(noFormErrors);
  const [{ fetching }, createApiToken] = useMutation(CreateApiTokenMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const titleId = useId();
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = { fields: fieldErrors({ name: requiredError(name, t) }), form: null };
    if (hasFormErrors(checked)) {
      setErrors(checked);
      return;
    }
    const result = await createApiToken({
      input: { name: name.trim(), rights, expiresAt: expiresAt ? endOfDay(expiresAt) : null },
    });
    if (result.data) {
      const { apiToken, secret } = result.data.createApiToken;
      onCreated({ name: apiToken.name, secret });
    } else if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
    }
  }

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="form panel"
      aria-labelledby={titleId}
    >
      <h2 id={titleId}>{t("tokens.create")}</h2>
      <FormAlert message={errors.form} />
      <TextField
        label={t("tokens.name")}
        hint={t("tokens.nameHint")}
        autoComplete="off"
        value={name}
        onChange={setName}
        error={errors.fields.name}
        autoFocus
      />
      <RightsFieldset value={rights} onChange={setRights} error={errors.fields.rights} />
      <TextField
        label={t("tokens.expiresAt")}
        type="date"
        optional
        hint={
          policy
            ? t("tokens.expiresAtHint", {
                days: policy.defaultLifetimeDays,
                max: policy.maxLifetimeDays,
              })
            : undefined
        }
        min={inDays(1)}
        max={policy ? inDays(policy.maxLifetimeDays - 1) : undefined}
        value={expiresAt}
        onChange={setExpiresAt}
        error={errors.fields.expiresAt}
      />
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("form.cancel")}
        </button>
        <button type="submit" className="button" disabled={fetching}>
          {fetching ? t("form.saving") : t("tokens.submit")}
        </button>
      </div>
    </form>
  );
}

import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMutation } from "urql";
import { useI18n } from "../i18n/useI18n";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { FormAlert } from "../ui/FormAlert";
import {
  apiFormErrors,
  emailError,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  type FormErrors,
} from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { RequestPasswordResetMutation } from "./operations";

const FIELDS = ["email"] as const;
type ForgotField = (typeof FIELDS)[number];

/**
 * The lost-password form: an address, then always the same confirmation, whether or not an
 * account has it (the server answers the same way too).
 */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [errors, setErrors] = useState<FormErrors<ForgotField>>(noFormErrors);
  const [{ fetching }, requestReset] = useMutation(RequestPasswordResetMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = { fields: fieldErrors({ email: emailError(email, t) }), form: null };
    if (hasFormErrors(checked)) {
      setErrors(checked);
      return;
    }
    const result = await requestReset({ input: { email: email.trim() } });
    if (result.data) {
      setErrors(noFormErrors());
      setSent(true);
    } else if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
    }
  }

  return (
    <main id="main" className="auth-layout">
      <div className="auth-card">
        <div className="auth-card__top">
          <span className="brand">{t("app.name")}</span>
          <LanguageSwitch />
        </div>
        <PageHeader
          title={t("forgotPassword.title")}
          intro={sent ? undefined : t("forgotPassword.intro")}
        />
        {sent ? (
          <>
            <div className="alert alert--success" role="status">
              {t("forgotPassword.sent")}
            </div>
            <p>{t("forgotPassword.sentHint")}</p>
          </>
        ) : (
          <form ref={formRef} onSubmit={submit} noValidate className="form">
            <FormAlert message={errors.form} />
            <TextField
              label={t("login.email")}
              type="email"
              autoComplete="username"
              value={email}
              onChange={setEmail}
              error={errors.fields.email}
            />
            <button type="submit" className="button button--block" disabled={fetching}>
              {fetching ? t("forgotPassword.submitting") : t("forgotPassword.submit")}
            </button>
          </form>
        )}
        <p>
          <Link to="/login">{t("forgotPassword.backToLogin")}</Link>
        </p>
      </div>
    </main>
  );
}

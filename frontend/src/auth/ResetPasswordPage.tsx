import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useMutation } from "urql";
import { toApiErrors } from "../api/apiError";
import { useI18n } from "../i18n/useI18n";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import type { FlashState } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import {
  apiFormErrors,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  requiredError,
  type FormErrors,
} from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { ResetPasswordMutation } from "./operations";

const FIELDS = ["newPassword", "confirmPassword"] as const;
type ResetField = (typeof FIELDS)[number];

/** The password policy's shortest length (the server checks the rest). */
const MIN_LENGTH = 12;

/** What the link's fragment carries: `#token=…` and, for an invitation, `&invitation=1`. */
export function readLinkFragment(hash: string): { token: string | null; invitation: boolean } {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const token = params.get("token")?.trim() || null;
  return { token, invitation: params.get("invitation") === "1" };
}

/**
 * Choosing a new password from the link of a lost-password or invitation e-mail. The token
 * is read from the fragment once, then taken out of the address bar; after the change, the
 * login page says it worked.
 */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [link] = useState(() => readLinkFragment(location.hash));
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors<ResetField>>(noFormErrors);
  const [tokenRefused, setTokenRefused] = useState(false);
  const [{ fetching }, resetPassword] = useMutation(ResetPasswordMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  // The token stays out of the history and of anything that reads the address later.
  useEffect(() => {
    if (location.hash) navigate({ pathname: location.pathname }, { replace: true });
  }, [location.hash, location.pathname, navigate]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!link.token) return;
    const checked = {
      fields: fieldErrors({
        newPassword:
          requiredError(newPassword, t) ??
          ([...newPassword].length < MIN_LENGTH ? t("resetPassword.tooShort") : undefined),
        confirmPassword:
          requiredError(confirmPassword, t) ??
          (confirmPassword !== newPassword ? t("form.passwordsDiffer") : undefined),
      }),
      form: null,
    };
    if (hasFormErrors(checked)) {
      setErrors(checked);
      return;
    }
    const result = await resetPassword({ input: { token: link.token, newPassword } });
    if (result.data) {
      const state: FlashState = { flash: t("resetPassword.done") };
      navigate("/login", { replace: true, state });
    } else if (result.error) {
      setTokenRefused(toApiErrors(result.error).some((e) => e.reason === "TOKEN_INVALID"));
      setErrors(apiFormErrors(result.error, FIELDS, t));
    }
  }

  const title = link.invitation ? t("resetPassword.invitationTitle") : t("resetPassword.title");
  const intro = link.invitation ? t("resetPassword.invitationIntro") : t("resetPassword.intro");
  const requestNew = (
    <p>
      <Link to="/mot-de-passe-oublie">{t("resetPassword.requestNew")}</Link>
    </p>
  );

  return (
    <main id="main" className="auth-layout">
      <div className="auth-card">
        <div className="auth-card__top">
          <span className="brand">{t("app.name")}</span>
          <LanguageSwitch />
        </div>
        <PageHeader title={title} intro={link.token ? intro : undefined} />
        {!link.token ? (
          <>
            <div className="alert alert--error" role="alert">
              {t("resetPassword.missingToken")}
            </div>
            {requestNew}
          </>
        ) : (
          <form ref={formRef} onSubmit={submit} noValidate className="form">
            <FormAlert message={errors.form} />
            {tokenRefused && requestNew}
            <TextField
              label={t("password.new")}
              hint={t("password.newHint")}
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={setNewPassword}
              error={errors.fields.newPassword}
            />
            <TextField
              label={t("password.confirm")}
              type="password"
              autoComplete="new-password"
              value={confirmPassword}
              onChange={setConfirmPassword}
              error={errors.fields.confirmPassword}
            />
            <button type="submit" className="button button--block" disabled={fetching}>
              {fetching ? t("form.saving") : t("resetPassword.submit")}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}

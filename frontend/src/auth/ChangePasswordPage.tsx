import { useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useMutation } from "urql";
import { useI18n } from "../i18n/useI18n";
import { ChangePasswordMutation } from "../session/operations";
import { useSession, useViewer } from "../session/useSession";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { homePathFor } from "../shell/navigation";
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

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;
type PasswordField = (typeof FIELDS)[number];

/** Changing one's password; forced (no way around it) when the account requires it. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { updateViewer, signOut } = useSession();
  const navigate = useNavigate();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors<PasswordField>>(noFormErrors);
  const [{ fetching }, changePassword] = useMutation(ChangePasswordMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);
  const forced = viewer.mustChangePassword;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = {
      fields: fieldErrors({
        currentPassword: requiredError(currentPassword, t),
        newPassword: requiredError(newPassword, t),
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
    const result = await changePassword({ input: { currentPassword, newPassword } });
    if (result.data) {
      const updated = result.data.changePassword.viewer;
      updateViewer(updated);
      const state: FlashState = { flash: t("password.changed") };
      navigate(forced ? homePathFor(updated) : "/account", { replace: true, state });
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
        <PageHeader title={t("password.title")} intro={forced ? t("password.forced") : undefined} />
        <form ref={formRef} onSubmit={submit} noValidate className="form">
          <FormAlert message={errors.form} />
          <TextField
            label={t("password.current")}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={setCurrentPassword}
            error={errors.fields.currentPassword}
          />
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
          <div className="form__actions">
            {forced ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => signOut({ reason: "logout" })}
              >
                {t("nav.logout")}
              </button>
            ) : (
              <Link to="/account" className="button button--secondary">
                {t("form.cancel")}
              </Link>
            )}
            <button type="submit" className="button" disabled={fetching}>
              {fetching ? t("form.saving") : t("password.submit")}
            </button>
          </div>
        </form>
      </div>
    </main>
  );
}

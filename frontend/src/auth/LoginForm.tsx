import { useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useI18n } from "../i18n/useI18n";
import { LoginMutation } from "../session/operations";
import type { Viewer } from "../session/SessionProvider";
import { FormAlert } from "../ui/FormAlert";
import {
  apiFormErrors,
  emailError,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  requiredError,
  type FormErrors,
} from "../ui/formErrors";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";

const FIELDS = ["email", "password"] as const;
type LoginField = (typeof FIELDS)[number];

/** Email and password; tells precisely why a login was refused. */
export function LoginForm({ onLoggedIn }: { onLoggedIn: (viewer: Viewer) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors<LoginField>>(noFormErrors);
  const [{ fetching }, login] = useMutation(LoginMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = {
      fields: fieldErrors({ email: emailError(email, t), password: requiredError(password, t) }),
      form: null,
    };
    if (hasFormErrors(checked)) {
      setErrors(checked);
      return;
    }
    const result = await login({ input: { email: email.trim(), password } });
    if (result.data) {
      onLoggedIn(result.data.login.viewer);
    } else if (result.error) {
      setPassword("");
      setErrors(apiFormErrors(result.error, FIELDS, t));
    }
  }

  return (
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
      <TextField
        label={t("login.password")}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors.fields.password}
      />
      <button type="submit" className="button button--block" disabled={fetching}>
        {fetching ? t("login.submitting") : t("login.submit")}
      </button>
    </form>
  );
}

import { useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useMutation } from "urql";
import type { Platform } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import type { FlashState } from "../ui/FlashMessage";
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
import { PageHeader } from "../ui/PageHeader";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { CreateTenantMutation } from "./operations";

const FIELDS = [
  "name",
  "platform",
  "adminEmail",
  "adminFirstName",
  "adminLastName",
  "adminPassword",
] as const;
type TenantField = (typeof FIELDS)[number];

const PLATFORMS = ["SHARED", "DEDICATED"] as const satisfies readonly Platform[];

/** A new tenant and its first administrator, created together. */
export function CreateTenantPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [platform, setPlatform] = useState<Platform>("SHARED");
  const [adminEmail, setAdminEmail] = useState("");
  const [adminFirstName, setAdminFirstName] = useState("");
  const [adminLastName, setAdminLastName] = useState("");
  const [adminPassword, setAdminPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors<TenantField>>(noFormErrors);
  const [{ fetching }, createTenant] = useMutation(CreateTenantMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = {
      fields: fieldErrors({
        name: requiredError(name, t),
        adminEmail: emailError(adminEmail, t),
        adminFirstName: requiredError(adminFirstName, t),
        adminLastName: requiredError(adminLastName, t),
        adminPassword: requiredError(adminPassword, t),
      }),
      form: null,
    };
    if (hasFormErrors(checked)) {
      setErrors(checked);
      return;
    }
    const result = await createTenant({
      input: {
        name: name.trim(),
        platform,
        adminEmail: adminEmail.trim(),
        adminFirstName: adminFirstName.trim(),
        adminLastName: adminLastName.trim(),
        adminPassword,
      },
    });
    if (result.data) {
      const { tenant, admin } = result.data.createTenant;
      const state: FlashState = {
        flash: t("createTenant.created", { name: tenant.name, email: admin.email }),
      };
      navigate("/operator/tenants", { state });
    } else if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
    }
  }

  return (
    <>
      <PageHeader title={t("createTenant.title")} />
      <form ref={formRef} onSubmit={submit} noValidate className="form form--wide">
        <FormAlert message={errors.form} />
        <fieldset className="form__group">
          <legend>{t("createTenant.organization")}</legend>
          <TextField
            label={t("createTenant.name")}
            autoComplete="organization"
            value={name}
            onChange={setName}
            error={errors.fields.name}
          />
          <fieldset className="radio-group">
            <legend>{t("createTenant.platform")}</legend>
            {PLATFORMS.map((option) => (
              <label key={option} className="checkbox">
                <input
                  type="radio"
                  name="platform"
                  value={option}
                  checked={platform === option}
                  onChange={() => setPlatform(option)}
                />
                {t(`platform.${option}`)}
              </label>
            ))}
            {errors.fields.platform && <p className="field__error">{errors.fields.platform}</p>}
          </fieldset>
        </fieldset>
        <fieldset className="form__group">
          <legend>{t("createTenant.admin")}</legend>
          <p className="field__hint">{t("createTenant.adminIntro")}</p>
          <div className="form__row">
            <TextField
              label={t("createTenant.adminFirstName")}
              autoComplete="off"
              value={adminFirstName}
              onChange={setAdminFirstName}
              error={errors.fields.adminFirstName}
            />
            <TextField
              label={t("createTenant.adminLastName")}
              autoComplete="off"
              value={adminLastName}
              onChange={setAdminLastName}
              error={errors.fields.adminLastName}
            />
          </div>
          <TextField
            label={t("createTenant.adminEmail")}
            type="email"
            autoComplete="off"
            value={adminEmail}
            onChange={setAdminEmail}
            error={errors.fields.adminEmail}
          />
          <TextField
            label={t("createTenant.adminPassword")}
            hint={t("createUser.passwordHint")}
            type="password"
            autoComplete="new-password"
            value={adminPassword}
            onChange={setAdminPassword}
            error={errors.fields.adminPassword}
          />
        </fieldset>
        <div className="form__actions">
          <Link to="/operator/tenants" className="button button--secondary">
            {t("form.cancel")}
          </Link>
          <button type="submit" className="button" disabled={fetching}>
            {fetching ? t("form.saving") : t("createTenant.submit")}
          </button>
        </div>
      </form>
    </>
  );
}

import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMutation } from "urql";
import type { Right, UserFieldsFragment } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { RightsFieldset } from "../../rights/RightsFieldset";
import { FormAlert } from "../../ui/FormAlert";
import {
  apiFormErrors,
  emailError,
  fieldErrors,
  hasFormErrors,
  noFormErrors,
  requiredError,
  type FormErrors,
} from "../../ui/formErrors";
import { TextField } from "../../ui/TextField";
import { useFocusFirstError } from "../../ui/useFocusFirstError";
import { CreateUserMutation } from "./operations";

const FIELDS = ["email", "firstName", "lastName", "organization", "password", "rights"] as const;
type CreateUserField = (typeof FIELDS)[number];

/** Annex 3, "create a user": identity, initial password, rights, and the referent role. */
export function CreateUserForm({ onCreated }: { onCreated: (user: UserFieldsFragment) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [organization, setOrganization] = useState("");
  const [password, setPassword] = useState("");
  const [rights, setRights] = useState<Right[]>([]);
  const [isTenantAdmin, setIsTenantAdmin] = useState(false);
  const [errors, setErrors] = useState<FormErrors<CreateUserField>>(noFormErrors);
  const [{ fetching }, createUser] = useMutation(CreateUserMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = {
      fields: fieldErrors({
        email: emailError(email, t),
        firstName: requiredError(firstName, t),
        lastName: requiredError(lastName, t),
        password: requiredError(password, t),
      }),
      form: null,
    };
    if (hasFormErrors(checked)) {
      setErrors(checked);
      return;
    }
    const result = await createUser({
      input: {
        email: email.trim(),
        firstName: firstName.trim(),
        lastName: lastName.trim(),
        organization: organization.trim() || null,
        password,
        rights,
        isTenantAdmin,
      },
    });
    if (result.data) {
      onCreated(result.data.createUser.user);
    } else if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form form--wide">
      <FormAlert message={errors.form} />
      <div className="form__row">
        <TextField
          label={t("createUser.firstName")}
          autoComplete="off"
          value={firstName}
          onChange={setFirstName}
          error={errors.fields.firstName}
        />
        <TextField
          label={t("createUser.lastName")}
          autoComplete="off"
          value={lastName}
          onChange={setLastName}
          error={errors.fields.lastName}
        />
      </div>
      <TextField
        label={t("createUser.email")}
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
        error={errors.fields.email}
      />
      <TextField
        label={t("createUser.organization")}
        hint={t("createUser.organizationHint")}
        optional
        value={organization}
        onChange={setOrganization}
        error={errors.fields.organization}
      />
      <TextField
        label={t("createUser.password")}
        hint={t("createUser.passwordHint")}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={errors.fields.password}
      />
      <RightsFieldset value={rights} onChange={setRights} error={errors.fields.rights} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={isTenantAdmin}
          onChange={(event) => setIsTenantAdmin(event.target.checked)}
        />
        {t("createUser.isTenantAdmin")}
      </label>
      <div className="form__actions">
        <Link to="/admin/users" className="button button--secondary">
          {t("form.cancel")}
        </Link>
        <button type="submit" className="button" disabled={fetching}>
          {fetching ? t("form.saving") : t("createUser.submit")}
        </button>
      </div>
    </form>
  );
}

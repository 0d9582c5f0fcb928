import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import type { Right, UserFieldsFragment } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { RightsFieldset } from "../../rights/RightsFieldset";
import { sameRights } from "../../rights/rights";
import { SuccessMessage } from "../../ui/FlashMessage";
import { FormAlert } from "../../ui/FormAlert";
import { apiFormErrors, noFormErrors, type FormErrors } from "../../ui/formErrors";
import { SetUserRightsMutation } from "./operations";

const FIELDS = ["rights"] as const;

/** Annex 3, "restrict or grant rights": the four rights of one user, saved together. */
export function UserRightsForm({ user }: { user: UserFieldsFragment }) {
  const { t } = useI18n();
  const [rights, setRights] = useState<Right[]>(user.rights);
  const [errors, setErrors] = useState<FormErrors<(typeof FIELDS)[number]>>(noFormErrors);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, setUserRights] = useMutation(SetUserRightsMutation);
  const unchanged = sameRights(rights, user.rights);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await setUserRights({ input: { userId: user.id, rights } });
    if (result.data) {
      setRights(result.data.setUserRights.user.rights);
      setErrors(noFormErrors());
      setSaved(true);
    } else if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
    }
  }

  return (
    <form onSubmit={submit} className="form" aria-labelledby="user-rights-title">
      <h2 id="user-rights-title">{t("userDetail.rightsTitle")}</h2>
      <FormAlert message={errors.form} />
      <SuccessMessage message={saved ? t("userDetail.rightsSaved") : null} />
      <RightsFieldset
        hideLegend
        hint={t("userDetail.rightsIntro")}
        value={rights}
        onChange={(next) => {
          setSaved(false);
          setRights(next);
        }}
        error={errors.fields.rights}
        disabled={user.status === "CLOSED"}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={fetching || unchanged}>
          {fetching ? t("form.saving") : t("userDetail.saveRights")}
        </button>
      </div>
    </form>
  );
}

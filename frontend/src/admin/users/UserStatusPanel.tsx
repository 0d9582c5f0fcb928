import { useState } from "react";
import { useMutation } from "urql";
import type { UserFieldsFragment } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { SuccessMessage } from "../../ui/FlashMessage";
import { apiFormErrors } from "../../ui/formErrors";
import { CloseUserMutation, ReopenUserMutation } from "./operations";
import { userName } from "./userName";

/** Annex 3, "close an access" (and reopen it), each after a confirmation. */
export function UserStatusPanel({ user }: { user: UserFieldsFragment }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [closeState, closeUser] = useMutation(CloseUserMutation);
  const [reopenState, reopenUser] = useMutation(ReopenUserMutation);
  const closing = user.status === "ACTIVE";
  const name = userName(user);

  async function confirm() {
    const input = { input: { userId: user.id } };
    const result = closing ? await closeUser(input) : await reopenUser(input);
    if (result.error) {
      setError(apiFormErrors(result.error, [], t).form);
      return;
    }
    setConfirming(false);
    setDone(closing ? t("userDetail.closed") : t("userDetail.reopened"));
  }

  return (
    <section className="panel" aria-labelledby="user-status-title">
      <h2 id="user-status-title">{t("userDetail.statusTitle")}</h2>
      <SuccessMessage message={done} />
      <p>
        <span className={`status status--${user.status.toLowerCase()}`}>
          {t(`userStatus.${user.status}`)}
        </span>
      </p>
      <button
        type="button"
        className={closing ? "button button--danger" : "button"}
        onClick={() => {
          setError(null);
          setDone(null);
          setConfirming(true);
        }}
      >
        {closing ? t("userDetail.close") : t("userDetail.reopen")}
      </button>
      {confirming && (
        <ConfirmDialog
          title={
            closing
              ? t("userDetail.closeConfirmTitle", { name })
              : t("userDetail.reopenConfirmTitle", { name })
          }
          confirmLabel={closing ? t("userDetail.close") : t("userDetail.reopen")}
          destructive={closing}
          busy={closeState.fetching || reopenState.fetching}
          error={error}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          <p>{closing ? t("userDetail.closeConfirmBody") : t("userDetail.reopenConfirmBody")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

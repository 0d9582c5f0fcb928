import { useState } from "react";
import { useMutation } from "urql";
import type { ApiTokenFieldsFragment } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { apiFormErrors } from "../../ui/formErrors";
import { RevokeApiTokenMutation } from "./operations";

/** Asks before revoking a token, then revokes it. */
export function RevokeApiTokenDialog({
  token,
  onClose,
}: {
  token: ApiTokenFieldsFragment;
  onClose: (revoked: boolean) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, revokeApiToken] = useMutation(RevokeApiTokenMutation);

  async function revoke() {
    const result = await revokeApiToken({ input: { tokenId: token.id } });
    if (result.error) {
      setError(apiFormErrors(result.error, [], t).form);
    } else {
      onClose(true);
    }
  }

  return (
    <ConfirmDialog
      title={t("tokens.revokeConfirmTitle", { name: token.name })}
      confirmLabel={t("tokens.revoke")}
      destructive
      busy={fetching}
      error={error}
      onConfirm={revoke}
      onCancel={() => onClose(false)}
    >
      <p>{t("tokens.revokeConfirmBody")}</p>
    </ConfirmDialog>
  );
}

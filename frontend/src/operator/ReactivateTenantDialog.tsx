import { useState } from "react";
import { useMutation } from "urql";
import type { TenantFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { apiFormErrors } from "../ui/formErrors";
import { ReactivateTenantMutation } from "./operations";

/** Reactivates a suspended tenant after a confirmation. */
export function ReactivateTenantDialog({
  tenant,
  onClose,
}: {
  tenant: TenantFieldsFragment;
  onClose: (message: string | null) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, reactivateTenant] = useMutation(ReactivateTenantMutation);

  async function reactivate() {
    const result = await reactivateTenant({ input: { tenantId: tenant.id } });
    if (result.error) {
      setError(apiFormErrors(result.error, [], t).form);
    } else {
      onClose(t("tenants.reactivated", { name: tenant.name }));
    }
  }

  return (
    <ConfirmDialog
      title={t("tenants.reactivateTitle", { name: tenant.name })}
      confirmLabel={t("tenants.reactivate")}
      busy={fetching}
      error={error}
      onConfirm={reactivate}
      onCancel={() => onClose(null)}
    >
      <p>{t("tenants.reactivateBody")}</p>
    </ConfirmDialog>
  );
}

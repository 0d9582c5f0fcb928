import { useState } from "react";
import { useMutation } from "urql";
import type { TenantFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { apiFormErrors, noFormErrors, requiredError, type FormErrors } from "../ui/formErrors";
import { TextField } from "../ui/TextField";
import { SuspendTenantMutation } from "./operations";

const FIELDS = ["reason"] as const;

/** Suspends a tenant after asking for the reason and a confirmation. */
export function SuspendTenantDialog({
  tenant,
  onClose,
}: {
  tenant: TenantFieldsFragment;
  /** Called with a success message, or null when cancelled. */
  onClose: (message: string | null) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrors<(typeof FIELDS)[number]>>(noFormErrors);
  const [{ fetching }, suspendTenant] = useMutation(SuspendTenantMutation);

  async function suspend() {
    const missing = requiredError(reason, t);
    if (missing) {
      setErrors({ fields: { reason: missing }, form: null });
      return;
    }
    const result = await suspendTenant({ input: { tenantId: tenant.id, reason: reason.trim() } });
    if (result.error) {
      setErrors(apiFormErrors(result.error, FIELDS, t));
    } else {
      onClose(t("tenants.suspended", { name: tenant.name }));
    }
  }

  return (
    <ConfirmDialog
      title={t("tenants.suspendTitle", { name: tenant.name })}
      confirmLabel={t("tenants.suspendConfirm")}
      destructive
      busy={fetching}
      error={errors.form}
      onConfirm={suspend}
      onCancel={() => onClose(null)}
    >
      <p>{t("tenants.suspendBody")}</p>
      <TextField
        label={t("tenants.suspendReason")}
        hint={t("tenants.suspendReasonHint")}
        value={reason}
        onChange={(value) => {
          setReason(value);
          setErrors(noFormErrors());
        }}
        error={errors.fields.reason}
      />
    </ConfirmDialog>
  );
}

import type { ReactNode } from "react";
import { useI18n } from "../i18n/useI18n";
import { Dialog } from "./Dialog";
import { FormAlert } from "./FormAlert";

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  destructive?: boolean;
  error?: string | null;
}

/** Asks before an action that cannot be taken back lightly. Cancel has the initial focus. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  destructive = false,
  error = null,
}: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog title={title} onCancel={onCancel} role="alertdialog">
      <div className="dialog__body">{children}</div>
      <FormAlert message={error} />
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onCancel} autoFocus>
          {t("form.cancel")}
        </button>
        <button
          type="button"
          className={destructive ? "button button--danger" : "button"}
          onClick={onConfirm}
          disabled={busy}
        >
          {busy ? t("form.saving") : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

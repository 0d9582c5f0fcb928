import type { ReactNode } from "react";
import { useI18n } from "../i18n/useI18n";
import { Dialog } from "./Dialog";
import { FormAlert } from "./FormAlert";

/** What a billed action will cost, stated before it is confirmed. */
export interface ActionCost {
  /** What is billed, in words: "2 345 adresses à 10 € HT les 1 000". */
  basis: string;
  /** The amount excluding VAT, in euros. */
  amountExclVat: number;
  /** True when the amount is an estimate (list price, count before the run). */
  estimate?: boolean;
}

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  destructive?: boolean;
  error?: string | null;
  /** Shown as "Coût estimé : 23,45 € HT" above the buttons; null while it is being computed. */
  cost?: ActionCost | null;
  /** Keeps the confirmation disabled (e.g. while the cost is computed). */
  confirmDisabled?: boolean;
}

/**
 * Asks before an action that cannot be taken back lightly, or that is billed: then it says
 * what it will cost. Cancel has the initial focus.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  destructive = false,
  error = null,
  cost,
  confirmDisabled = false,
}: ConfirmDialogProps) {
  const { t, formatMoney } = useI18n();
  return (
    <Dialog title={title} onCancel={onCancel} role="alertdialog">
      <div className="dialog__body">{children}</div>
      {cost !== undefined && (
        <div className="dialog__cost" role="note" aria-label={t("confirm.costLabel")}>
          {cost === null ? (
            <p className="muted">{t("confirm.costComputing")}</p>
          ) : (
            <>
              <p className="dialog__cost-amount">
                {t(cost.estimate ? "confirm.costEstimate" : "confirm.cost", {
                  amount: formatMoney(cost.amountExclVat),
                })}
              </p>
              <p className="muted">{cost.basis}</p>
            </>
          )}
        </div>
      )}
      <FormAlert message={error} />
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onCancel} autoFocus>
          {t("form.cancel")}
        </button>
        <button
          type="button"
          className={destructive ? "button button--danger" : "button"}
          onClick={onConfirm}
          disabled={busy || confirmDisabled || cost === null}
        >
          {busy ? t("form.saving") : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

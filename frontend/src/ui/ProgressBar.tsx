import { useI18n } from "../i18n/useI18n";

/**
 * A labelled progress bar from 0 to 100, announced to assistive technologies. Its width
 * eases to each new value (polled or pushed), so it moves rather than jumps. `indeterminate`
 * is for work that has not started or whose size is not known yet: a moving stripe and
 * "En attente…", never "0 sur 0 — 100 %".
 */
export function ProgressBar({
  label,
  percent,
  indeterminate = false,
}: {
  label: string;
  percent: number;
  indeterminate?: boolean;
}) {
  const { t, formatNumber } = useI18n();
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  if (indeterminate) {
    return (
      <div className="progress">
        <div
          className="progress__track progress__track--indeterminate"
          role="progressbar"
          aria-label={label}
          aria-valuetext={t("progress.waiting")}
        >
          <div className="progress__bar" />
        </div>
        <span className="progress__value muted" aria-hidden="true">
          {t("progress.waiting")}
        </span>
      </div>
    );
  }
  return (
    <div className="progress">
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${formatNumber(value)} %`}
      >
        <div className="progress__bar" style={{ width: `${value}%` }} />
      </div>
      <span className="progress__value number" aria-hidden="true">
        {formatNumber(value)} %
      </span>
    </div>
  );
}

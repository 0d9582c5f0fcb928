import { useI18n } from "../i18n/useI18n";

/** A labelled progress bar from 0 to 100, announced to assistive technologies. */
export function ProgressBar({ label, percent }: { label: string; percent: number }) {
  const { formatNumber } = useI18n();
  const value = Math.max(0, Math.min(100, Math.round(percent)));
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

import { useId, type ReactNode, type SelectHTMLAttributes } from "react";
import { useI18n } from "../i18n/useI18n";

interface SelectFieldProps extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "id" | "onChange" | "value"
> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
  /** For selects in a row whose label is given by the context (a table cell, a condition). */
  hideLabel?: boolean;
}

/** A labelled select with its hint and its error, wired for assistive technologies. */
export function SelectField({
  label,
  value,
  onChange,
  children,
  error,
  hint,
  optional = false,
  hideLabel = false,
  ...selectProps
}: SelectFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : undefined}>
        {label}
        {optional && <span className="field__optional"> {t("form.optional")}</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <select
        {...selectProps}
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {children}
      </select>
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

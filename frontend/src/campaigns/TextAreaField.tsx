import { useId, type ReactNode, type Ref, type TextareaHTMLAttributes } from "react";
import { useI18n } from "../i18n/useI18n";

interface TextAreaFieldProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "id" | "onChange"
> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
  /** Shown under the text area (a live counter), and read with it. */
  below?: ReactNode;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled text area with its hint and its error, wired for assistive technologies. */
export function TextAreaField({
  label,
  value,
  onChange,
  error,
  hint,
  optional = false,
  below,
  ref,
  ...props
}: TextAreaFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const describedBy = [
    hint ? `${id}-hint` : null,
    below ? `${id}-below` : null,
    error ? `${id}-error` : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="field__optional"> {t("form.optional")}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <textarea
        {...props}
        ref={ref}
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        required={!optional}
      />
      {below && <div id={`${id}-below`}>{below}</div>}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

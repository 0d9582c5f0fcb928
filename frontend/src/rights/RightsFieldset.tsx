import { useId } from "react";
import type { Right } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { ALL_RIGHTS, sortRights } from "./rights";

interface RightsFieldsetProps {
  value: readonly Right[];
  onChange: (rights: Right[]) => void;
  /** For a fieldset that already sits under a heading saying the same thing. */
  hideLegend?: boolean;
  hint?: string;
  error?: string | undefined;
  disabled?: boolean;
}

/** The four rights as checkboxes: Importer, Consulter, Communiquer, Analyser. */
export function RightsFieldset({
  value,
  onChange,
  hideLegend = false,
  hint,
  error,
  disabled,
}: RightsFieldsetProps) {
  const { t } = useI18n();
  const errorId = useId();
  function toggle(right: Right, checked: boolean) {
    const others = value.filter((r) => r !== right);
    onChange(sortRights(checked ? [...others, right] : others));
  }
  return (
    <fieldset
      className="rights-fieldset"
      disabled={disabled}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      tabIndex={error ? -1 : undefined}
    >
      <legend className={hideLegend ? "visually-hidden" : undefined}>{t("rights.legend")}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      <div className="rights-fieldset__options">
        {ALL_RIGHTS.map((right) => (
          <label key={right} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(right)}
              onChange={(event) => toggle(right, event.target.checked)}
            />
            {t(`right.${right}`)}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

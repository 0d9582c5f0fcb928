import { useId, useState } from "react";
import { useQuery } from "urql";
import { useI18n } from "../i18n/useI18n";
import { fr } from "../i18n/fr";
import { mergeFieldLabel } from "./campaignText";
import { MergeFieldsQuery } from "./operations";

interface MergeFieldPickerProps {
  /** Where the field goes, in words ("Corps texte"). */
  targetLabel: string;
  onInsert: (name: string) => void;
}

/** A list of the merge fields in French ("Prénom", custom fields by their key) to insert. */
export function MergeFieldPicker({ targetLabel, onInsert }: MergeFieldPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const [{ data }] = useQuery({ query: MergeFieldsQuery });
  const fields = data?.mergeFields ?? [];
  const [chosen, setChosen] = useState("");
  const value = chosen || fields[0] || "";
  const has = (key: string) => key in fr;
  return (
    <div className="merge-picker" role="group" aria-labelledby={`${id}-label`}>
      <div className="field">
        <label id={`${id}-label`} htmlFor={id}>
          {t("campaigns.merge.label")}
        </label>
        <select id={id} value={value} onChange={(e) => setChosen(e.target.value)}>
          {fields.map((name) => (
            <option key={name} value={name}>
              {mergeFieldLabel(name, t, has)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button button--secondary"
        disabled={!value}
        // Keeps the focus (and the cursor) in the text being written.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => value && onInsert(value)}
      >
        {t("campaigns.merge.insert")} ({t("campaigns.merge.target")} {targetLabel})
      </button>
      <p className="field__hint">{t("campaigns.merge.hint")}</p>
    </div>
  );
}

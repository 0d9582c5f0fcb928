import { useId, useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import type {
  ContactField,
  ImportColumnFieldsFragment,
  ImportFieldsFragment,
  UpsertKey,
} from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import { useI18n } from "../i18n/useI18n";
import { SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { apiFormErrors } from "../ui/formErrors";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import {
  applySavedMapping,
  canClear,
  initialMapping,
  KEY_FIELD,
  mappingProblems,
  toColumnsInput,
  type MappingProblem,
  type MappingState,
  type Target,
} from "./importMapping";
import { CreateImportMappingMutation, StartImportMutation } from "./operations";

const CONTACT_FIELDS: ContactField[] = [
  "EXTERNAL_ID",
  "CIVILITY",
  "FIRST_NAME",
  "LAST_NAME",
  "COMPANY_NAME",
  "JOB_TITLE",
  "PERSONAL_EMAIL",
  "PROFESSIONAL_EMAIL",
  "LANDLINE_PHONE",
  "MOBILE_PHONE",
  "ADDRESS_LINE_1",
  "ADDRESS_LINE_2",
  "ADDRESS_LINE_3",
  "ADDRESS_LINE_4",
  "ADDRESS_LINE_5",
  "ADDRESS_LINE_6",
  "POSTAL_CODE",
  "CITY",
  "COUNTRY",
  "BIRTH_DATE",
  "MARITAL_STATUS",
  "GENDER",
  "NATIONALITY",
  "SPOKEN_LANGUAGE",
];

export interface SavedMapping {
  id: string;
  name: string;
  upsertKey: UpsertKey;
  columns: readonly ImportColumnFieldsFragment[];
}

interface ImportMappingFormProps {
  uploadId: string;
  headers: readonly string[];
  suggested: readonly ImportColumnFieldsFragment[];
  savedMappings: readonly SavedMapping[];
  customFields: readonly { key: string; label: string }[];
  onStarted: (started: ImportFieldsFragment) => void;
}

/**
 * Step 2: which field each column fills (suggested from the header, or a saved mapping), the
 * key that finds existing contacts, then a dry run or the import itself.
 */
export function ImportMappingForm({
  uploadId,
  headers,
  suggested,
  savedMappings,
  customFields,
  onStarted,
}: ImportMappingFormProps) {
  const { t } = useI18n();
  const titleId = useId();
  const [mapping, setMapping] = useState<MappingState>(() => initialMapping(headers, suggested));
  const [savedId, setSavedId] = useState("");
  const [missingColumns, setMissingColumns] = useState<string[]>([]);
  const [problems, setProblems] = useState<MappingProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [mappingName, setMappingName] = useState("");
  const [mappingNameError, setMappingNameError] = useState<string | undefined>();
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const [{ fetching: starting }, startImport] = useMutation(StartImportMutation);
  const [{ fetching: saving }, createMapping] = useMutation(CreateImportMappingMutation);
  const problemsRef = useRef<HTMLDivElement>(null);

  function targetLabel(target: Target): string {
    const [kind, name = ""] = target.split(":");
    if (kind === "field") return t(`contactField.${name}` as MessageKey);
    if (kind === "consent") return t(`import.target.consent.${name}` as MessageKey);
    return customFields.find((f) => f.key === name)?.label ?? name;
  }

  function describe(problem: MappingProblem): string {
    return problem.kind === "keyNotMapped"
      ? t("import.problem.keyNotMapped", { field: targetLabel(problem.keyTarget) })
      : t("import.problem.duplicateTarget", {
          field: targetLabel(problem.target),
          columns: problem.columns.join(", "),
        });
  }

  function update(next: MappingState) {
    setMapping(next);
    setSavedMessage(null);
    if (problems.length > 0) setProblems(mappingProblems(next));
  }

  function chooseSaved(id: string) {
    setSavedId(id);
    const saved = savedMappings.find((m) => m.id === id);
    if (!saved) {
      setMissingColumns([]);
      update(initialMapping(headers, suggested));
      return;
    }
    const { missingColumns: missing, ...applied } = applySavedMapping(headers, saved);
    setMissingColumns(missing);
    update(applied);
  }

  function check(): boolean {
    const found = mappingProblems(mapping);
    setProblems(found);
    if (found.length > 0) {
      window.setTimeout(() => problemsRef.current?.focus(), 0);
      return false;
    }
    return true;
  }

  async function start(dryRun: boolean) {
    setFormError(null);
    if (!check()) return;
    const result = await startImport({
      input: {
        uploadId,
        columns: toColumnsInput(headers, mapping),
        upsertKey: mapping.upsertKey,
        dryRun,
      },
    });
    if (result.data) onStarted(result.data.startImport.import);
    else if (result.error) setFormError(apiFormErrors(result.error, [], t).form);
  }

  async function saveMapping() {
    setSavedMessage(null);
    setMappingNameError(undefined);
    if (!mappingName.trim()) {
      setMappingNameError(t("form.required"));
      return;
    }
    if (!check()) return;
    const result = await createMapping({
      input: {
        name: mappingName.trim(),
        columns: toColumnsInput(headers, mapping),
        upsertKey: mapping.upsertKey,
      },
    });
    if (result.data) {
      setSavedMessage(
        t("import.mappingSaved", { name: result.data.createImportMapping.importMapping.name }),
      );
      setMappingName("");
    } else if (result.error) {
      const errors = apiFormErrors(result.error, ["name"], t);
      if (errors.fields.name) setMappingNameError(errors.fields.name);
      else setFormError(errors.form);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void start(false);
  }

  return (
    <form className="form form--wide panel" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{t("import.step.mapping")}</h2>
      <FormAlert message={formError} />
      {problems.length > 0 && (
        <div className="alert alert--error" role="alert" tabIndex={-1} ref={problemsRef}>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.kind}-${"target" in problem ? problem.target : ""}`}>
                {describe(problem)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {savedMappings.length > 0 && (
        <SelectField
          label={t("import.savedMapping")}
          hint={t("import.savedMappingHint")}
          value={savedId}
          onChange={chooseSaved}
          optional
        >
          <option value="">{t("import.suggestedMapping")}</option>
          {savedMappings.map((saved) => (
            <option key={saved.id} value={saved.id}>
              {saved.name}
            </option>
          ))}
        </SelectField>
      )}
      {missingColumns.length > 0 && (
        <div className="alert alert--warning" role="status">
          {t("import.missingColumns", { columns: missingColumns.join(", ") })}
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table data-table--compact import-mapping">
          <caption>{t("import.mappingCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.col.column")}</th>
              <th scope="col">{t("import.col.target")}</th>
              <th scope="col">{t("import.col.whenEmpty")}</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((header) => (
              <tr key={header}>
                <th scope="row">{header}</th>
                <td>
                  <SelectField
                    label={t("import.targetOf", { column: header })}
                    hideLabel
                    value={mapping.targets[header] ?? ""}
                    onChange={(target) =>
                      update({ ...mapping, targets: { ...mapping.targets, [header]: target } })
                    }
                  >
                    <option value="">{t("import.target.skip")}</option>
                    <optgroup label={t("import.target.fields")}>
                      {CONTACT_FIELDS.map((field) => (
                        <option key={field} value={`field:${field}`}>
                          {t(`contactField.${field}`)}
                        </option>
                      ))}
                    </optgroup>
                    {customFields.length > 0 && (
                      <optgroup label={t("import.target.custom")}>
                        {customFields.map((field) => (
                          <option key={field.key} value={`custom:${field.key}`}>
                            {field.label}
                          </option>
                        ))}
                      </optgroup>
                    )}
                    <optgroup label={t("import.target.consents")}>
                      {(["EMAIL", "SMS", "POST"] as const).map((channel) => (
                        <option key={channel} value={`consent:${channel}`}>
                          {t(`import.target.consent.${channel}`)}
                        </option>
                      ))}
                    </optgroup>
                    <optgroup label={t("import.target.proofs")}>
                      {(["ALL", "EMAIL", "SMS", "POST"] as const).flatMap((channel) =>
                        (["COLLECTED_AT", "SOURCE", "WORDING", "IP"] as const).map((detail) => (
                          <option key={`${channel}:${detail}`} value={`proof:${channel}:${detail}`}>
                            {t(`import.target.proof.${detail}`, {
                              channel: t(`import.target.proofChannel.${channel}`),
                            })}
                          </option>
                        )),
                      )}
                    </optgroup>
                  </SelectField>
                </td>
                <td>
                  {canClear(mapping.targets[header] ?? "", KEY_FIELD[mapping.upsertKey]) && (
                    <SelectField
                      label={t("import.whenEmptyOf", { column: header })}
                      hideLabel
                      value={mapping.clears?.[header] ? "CLEAR" : "KEEP"}
                      onChange={(choice) =>
                        update({
                          ...mapping,
                          clears: { ...mapping.clears, [header]: choice === "CLEAR" },
                        })
                      }
                    >
                      <option value="KEEP">{t("import.whenEmpty.KEEP")}</option>
                      <option value="CLEAR">{t("import.whenEmpty.CLEAR")}</option>
                    </SelectField>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <fieldset className="radio-group">
        <legend>{t("import.upsertKey")}</legend>
        <p className="field__hint">{t("import.upsertKeyHint")}</p>
        {(["EXTERNAL_ID", "EMAIL"] as const).map((key) => (
          <label key={key} className="checkbox">
            <input
              type="radio"
              name={`${titleId}-upsert-key`}
              checked={mapping.upsertKey === key}
              onChange={() => update({ ...mapping, upsertKey: key })}
            />
            {t(`upsertKey.${key}`)}
          </label>
        ))}
      </fieldset>
      <div className="form__group">
        <h3>{t("import.saveMappingTitle")}</h3>
        <SuccessMessage message={savedMessage} />
        <div className="form__row">
          <TextField
            label={t("import.mappingName")}
            value={mappingName}
            onChange={setMappingName}
            error={mappingNameError}
            optional
          />
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void saveMapping()}
            disabled={saving}
          >
            {saving ? t("form.saving") : t("import.saveMapping")}
          </button>
        </div>
      </div>
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void start(true)}
          disabled={starting}
        >
          {t("import.dryRun")}
        </button>
        <button type="submit" className="button" disabled={starting}>
          {t("import.start")}
        </button>
      </div>
    </form>
  );
}

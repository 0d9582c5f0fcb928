import type { Dispatch } from "react";
import type { SegmentOperator } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import { useI18n } from "../i18n/useI18n";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { operandShape, type ConditionNode, type TreeAction } from "./segmentTree";
import { operatorsOf, SUBJECT_GROUPS, type Subject, type SubjectOption } from "./subjects";

interface ConditionEditorProps {
  condition: ConditionNode;
  position: number;
  subjects: Subject[];
  dispatch: Dispatch<TreeAction>;
}

function useLabel() {
  const { t } = useI18n();
  return (item: { label: string; translate: boolean }) =>
    item.translate ? t(item.label as MessageKey) : item.label;
}

/** The input of one operand, typed by the subject: text, number, date, age or a choice. */
function OperandInput({
  subject,
  label,
  value,
  onChange,
}: {
  subject: Subject;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const labelOf = useLabel();
  if (subject.options) {
    return (
      <SelectField label={label} value={value} onChange={onChange}>
        <option value="">{t("segment.choose")}</option>
        {subject.options.map((option) => (
          <option key={option.value} value={option.value}>
            {labelOf(option)}
          </option>
        ))}
      </SelectField>
    );
  }
  const inputProps =
    subject.valueType === "date"
      ? { type: "date" }
      : subject.valueType === "age"
        ? { type: "number", min: 0, max: 149, step: 1, inputMode: "numeric" as const }
        : subject.valueType === "number"
          ? { type: "text", inputMode: "decimal" as const }
          : { type: "text" };
  return <TextField label={label} value={value} onChange={onChange} {...inputProps} />;
}

/** The values of `IN`: ticks for a list of choices, a comma-separated list otherwise. */
function ListInput({
  subject,
  values,
  onChange,
}: {
  subject: Subject;
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const { t } = useI18n();
  const labelOf = useLabel();
  if (subject.options) {
    const options: SubjectOption[] = subject.options;
    return (
      <fieldset className="segment-condition__choices">
        <legend>{t("segment.values")}</legend>
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              checked={values.includes(option.value)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...values, option.value]
                    : values.filter((v) => v !== option.value),
                )
              }
            />
            {labelOf(option)}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <TextField
      label={t("segment.values")}
      hint={t("segment.valuesHint")}
      value={values.join(", ")}
      onChange={(text) => onChange(text.split(/[,;]/).map((v) => v.trimStart()))}
    />
  );
}

/** One condition: what it tests, how, against what; it can be negated (NOT) or removed. */
export function ConditionEditor({ condition, position, subjects, dispatch }: ConditionEditorProps) {
  const { t } = useI18n();
  const labelOf = useLabel();
  const subject = subjects.find((s) => s.key === condition.subject);
  const operators = subject ? operatorsOf(subject) : [];
  const shape = operandShape(condition.operator);
  const title = t("segment.condition", { position });

  return (
    <fieldset
      className={
        condition.negated ? "segment-condition segment-condition--negated" : "segment-condition"
      }
    >
      <legend>{title}</legend>
      <div className="segment-condition__row">
        <SelectField
          label={t("segment.subject")}
          value={condition.subject ?? ""}
          onChange={(key) => {
            const next = subjects.find((s) => s.key === key);
            dispatch({
              type: "setSubject",
              nodeId: condition.id,
              subject: key,
              operator: next ? (operatorsOf(next)[0] ?? null) : null,
            });
          }}
        >
          <option value="">{t("segment.choose")}</option>
          {SUBJECT_GROUPS.map((group) => {
            const inGroup = subjects.filter((s) => s.group === group);
            if (inGroup.length === 0) return null;
            return (
              <optgroup key={group} label={t(`segment.group.${group}`)}>
                {inGroup.map((s) => (
                  <option key={s.key} value={s.key}>
                    {labelOf(s)}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </SelectField>
        {subject && (
          <SelectField
            label={t("segment.operator")}
            value={condition.operator ?? ""}
            onChange={(operator) =>
              dispatch({
                type: "setOperator",
                nodeId: condition.id,
                operator: operator as SegmentOperator,
              })
            }
          >
            {operators.map((operator) => (
              <option key={operator} value={operator}>
                {t(`segmentOperator.${operator}`)}
              </option>
            ))}
          </SelectField>
        )}
        {subject && shape === "single" && (
          <OperandInput
            subject={subject}
            label={subject.valueType === "age" ? t("segment.ageValue") : t("segment.value")}
            value={condition.value}
            onChange={(value) => dispatch({ type: "setValue", nodeId: condition.id, value })}
          />
        )}
        {subject && shape === "range" && (
          <>
            <OperandInput
              subject={subject}
              label={t("segment.from")}
              value={condition.from}
              onChange={(value) =>
                dispatch({ type: "setBound", nodeId: condition.id, bound: "from", value })
              }
            />
            <OperandInput
              subject={subject}
              label={t("segment.to")}
              value={condition.to}
              onChange={(value) =>
                dispatch({ type: "setBound", nodeId: condition.id, bound: "to", value })
              }
            />
          </>
        )}
        {subject && shape === "list" && (
          <ListInput
            subject={subject}
            values={condition.values}
            onChange={(values) => dispatch({ type: "setValues", nodeId: condition.id, values })}
          />
        )}
      </div>
      <div className="segment-condition__actions">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={condition.negated}
            onChange={() => dispatch({ type: "toggleNot", nodeId: condition.id })}
          />
          {t("segment.notCondition")}
        </label>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => dispatch({ type: "remove", nodeId: condition.id })}
          aria-label={t("segment.removeCondition", { position })}
        >
          {t("segment.remove")}
        </button>
      </div>
    </fieldset>
  );
}

import type { Dispatch } from "react";
import { useI18n } from "../i18n/useI18n";
import { ConditionEditor } from "./ConditionEditor";
import type { GroupNode, TreeAction } from "./segmentTree";
import type { Subject } from "./subjects";

interface GroupEditorProps {
  group: GroupNode;
  /** "1", "1.2", ...: where the group sits, to name it. */
  path: string;
  isRoot?: boolean;
  subjects: Subject[];
  dispatch: Dispatch<TreeAction>;
}

/**
 * A group of conditions and sub-groups joined by AND or OR, possibly negated (NOT). Groups
 * nest: each can hold conditions and further groups.
 */
export function GroupEditor({ group, path, isRoot = false, subjects, dispatch }: GroupEditorProps) {
  const { t } = useI18n();
  const title = isRoot ? t("segment.rootGroup") : t("segment.group", { path });
  let conditionNumber = 0;
  let groupNumber = 0;
  return (
    <fieldset
      className={group.negated ? "segment-group segment-group--negated" : "segment-group"}
      data-depth={path.split(".").length}
    >
      <legend>{title}</legend>
      <div className="segment-group__header">
        <div
          className="radio-group"
          role="radiogroup"
          aria-label={t("segment.combinator", { title })}
        >
          {(["AND", "OR"] as const).map((combinator) => (
            <label key={combinator} className="checkbox">
              <input
                type="radio"
                name={`combinator-${group.id}`}
                checked={group.combinator === combinator}
                onChange={() => dispatch({ type: "setCombinator", groupId: group.id, combinator })}
              />
              {t(`segment.combinator.${combinator}`)}
            </label>
          ))}
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={group.negated}
            onChange={() => dispatch({ type: "toggleNot", nodeId: group.id })}
          />
          {t("segment.notGroup")}
        </label>
      </div>
      {group.children.length === 0 && <p className="muted">{t("segment.emptyGroup")}</p>}
      <ol className="segment-group__children">
        {group.children.map((child) => {
          if (child.kind === "condition") {
            conditionNumber += 1;
            return (
              <li key={child.id}>
                <ConditionEditor
                  condition={child}
                  position={conditionNumber}
                  subjects={subjects}
                  dispatch={dispatch}
                />
              </li>
            );
          }
          groupNumber += 1;
          return (
            <li key={child.id}>
              <GroupEditor
                group={child}
                path={isRoot ? `${groupNumber}` : `${path}.${groupNumber}`}
                subjects={subjects}
                dispatch={dispatch}
              />
            </li>
          );
        })}
      </ol>
      <div className="segment-group__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => dispatch({ type: "addCondition", groupId: group.id })}
        >
          {t("segment.addCondition")}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => dispatch({ type: "addGroup", groupId: group.id })}
        >
          {t("segment.addGroup")}
        </button>
        {!isRoot && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => dispatch({ type: "remove", nodeId: group.id })}
            aria-label={t("segment.removeGroup", { title })}
          >
            {t("segment.remove")}
          </button>
        )}
      </div>
    </fieldset>
  );
}

import type { Dispatch } from "react";
import { useI18n } from "../i18n/useI18n";
import { GroupEditor } from "./GroupEditor";
import { countConditions, type GroupNode, type TreeAction } from "./segmentTree";
import type { Subject } from "./subjects";

/** The visual builder: nested AND / OR / NOT groups of typed conditions. */
export function SegmentBuilder({
  root,
  dispatch,
  subjects,
}: {
  root: GroupNode;
  dispatch: Dispatch<TreeAction>;
  subjects: Subject[];
}) {
  const { t } = useI18n();
  const { incomplete } = countConditions(root);
  return (
    <div className="segment-builder">
      <GroupEditor group={root} path="" isRoot subjects={subjects} dispatch={dispatch} />
      {incomplete > 0 && (
        <p className="field__hint" role="note">
          {t("segment.incomplete", { count: incomplete })}
        </p>
      )}
    </div>
  );
}

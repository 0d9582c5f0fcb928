import { useState } from "react";
import { Link } from "react-router";
import { useMutation } from "urql";
import type { DuplicateGroupsQuery } from "../gql/graphql";
import type { MessageKey } from "../i18n/fr";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { apiFormErrors } from "../ui/formErrors";
import { DismissDuplicateGroupMutation, MergeDuplicateGroupMutation } from "./operations";

export type DuplicateGroupRow = DuplicateGroupsQuery["duplicateGroups"]["nodes"][number];
type GroupContact = DuplicateGroupRow["contacts"][number];

type Format = (iso: string) => string;
const ROWS: [MessageKey, (c: GroupContact, formatDate: Format) => string | null | undefined][] = [
  ["contactField.EXTERNAL_ID", (c) => c.externalId],
  ["contactField.FIRST_NAME", (c) => c.firstName],
  ["contactField.LAST_NAME", (c) => c.lastName],
  ["contactField.BIRTH_DATE", (c, formatDate) => c.birthDate && formatDate(c.birthDate)],
  ["contactField.PERSONAL_EMAIL", (c) => c.personalEmail],
  ["contactField.MOBILE_PHONE", (c) => c.mobilePhone],
  ["contactField.ADDRESS_LINE_4", (c) => c.addressLine4],
  ["contactField.POSTAL_CODE", (c) => c.postalCode],
  ["contactField.CITY", (c) => c.city],
];

/**
 * One duplicate group: its contacts side by side, the one to keep chosen by the reviewer, then
 * merged into it or dismissed as not duplicates, after confirmation.
 */
export function DuplicateGroupReview({
  group,
  position,
}: {
  group: DuplicateGroupRow;
  position: number;
}) {
  const { t, formatNumber, formatDateTime, formatDate } = useI18n();
  const viewer = useViewer();
  const canDecide = viewer.rights.includes("IMPORT") && group.status === "PENDING";
  const [survivorId, setSurvivorId] = useState(group.contacts[0]?.id ?? "");
  const [action, setAction] = useState<"merge" | "dismiss" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching: merging }, merge] = useMutation(MergeDuplicateGroupMutation);
  const [{ fetching: dismissing }, dismiss] = useMutation(DismissDuplicateGroupMutation);
  const title = t("postal.group.title", { position });
  const nameOf = (c: GroupContact) =>
    [c.firstName, c.lastName].filter(Boolean).join(" ") || t("contacts.unnamed");

  async function decide() {
    const result =
      action === "merge"
        ? await merge({ input: { groupId: group.id, survivorId } })
        : await dismiss({ input: { groupId: group.id } });
    if (result.error) {
      setError(apiFormErrors(result.error, [], t).form);
      return;
    }
    setAction(null);
  }

  return (
    <section className="panel duplicate-group" aria-labelledby={`group-${group.id}`}>
      <h3 id={`group-${group.id}`}>
        {title}{" "}
        <span className="muted">
          ·{" "}
          {t("postal.group.confidence", {
            percent: formatNumber(Math.round(group.confidence * 100)),
          })}
        </span>{" "}
        <span className={`status status--group-${group.status.toLowerCase()}`}>
          {t(`duplicateGroupStatus.${group.status}`)}
        </span>
        {group.decidedAt && <span className="muted"> · {formatDateTime(group.decidedAt)}</span>}
      </h3>
      <div className="table-scroll">
        <table className="data-table data-table--compact duplicate-group__table">
          <caption className="visually-hidden">{t("postal.group.caption", { title })}</caption>
          <thead>
            <tr>
              <td />
              {group.contacts.map((c) => (
                <th key={c.id} scope="col">
                  <Link to={`/contacts/${c.id}`}>{nameOf(c)}</Link>
                  {group.survivorId === c.id && (
                    <span className="badge">{t("postal.group.kept")}</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{t(label)}</th>
                {group.contacts.map((c) => (
                  <td key={c.id}>{value(c, formatDate) ?? ""}</td>
                ))}
              </tr>
            ))}
            {canDecide && (
              <tr>
                <th scope="row">{t("postal.group.survivor")}</th>
                {group.contacts.map((c) => (
                  <td key={c.id}>
                    <label className="checkbox">
                      <input
                        type="radio"
                        name={`survivor-${group.id}`}
                        checked={survivorId === c.id}
                        onChange={() => setSurvivorId(c.id)}
                      />
                      {t("postal.group.keep", { name: nameOf(c) })}
                    </label>
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {canDecide && (
        <div className="form__actions">
          <button type="button" className="button" onClick={() => setAction("merge")}>
            {t("postal.group.merge")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setAction("dismiss")}
          >
            {t("postal.group.dismiss")}
          </button>
        </div>
      )}
      {action && (
        <ConfirmDialog
          title={
            action === "merge"
              ? t("postal.group.mergeTitle", { title })
              : t("postal.group.dismissTitle", { title })
          }
          confirmLabel={action === "merge" ? t("postal.group.merge") : t("postal.group.dismiss")}
          destructive={action === "merge"}
          busy={merging || dismissing}
          error={error}
          onConfirm={decide}
          onCancel={() => {
            setAction(null);
            setError(null);
          }}
        >
          <p>
            {action === "merge"
              ? t("postal.group.mergeBody", {
                  name: nameOf(
                    group.contacts.find((c) => c.id === survivorId) ?? group.contacts[0]!,
                  ),
                  others: group.contacts.length - 1,
                })
              : t("postal.group.dismissBody")}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

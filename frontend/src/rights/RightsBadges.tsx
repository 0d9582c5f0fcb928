import type { Right } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { sortRights } from "./rights";

/** A user's or token's rights, as a compact list of labels. */
export function RightsBadges({ rights }: { rights: readonly Right[] }) {
  const { t } = useI18n();
  if (rights.length === 0) return <span className="muted">{t("rights.none")}</span>;
  return (
    <ul className="badges">
      {sortRights(rights).map((right) => (
        <li key={right} className={`badge badge--right badge--${right.toLowerCase()}`}>
          {t(`right.${right}`)}
        </li>
      ))}
    </ul>
  );
}

import { useI18n } from "../i18n/useI18n";

interface PagerProps {
  page: number;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
  onNext: (endCursor: string) => void;
  onPrevious: () => void;
}

/** Previous/next buttons under a paginated table; hidden when everything fits on one page. */
export function Pager({ page, hasNextPage, endCursor, onNext, onPrevious }: PagerProps) {
  const { t } = useI18n();
  if (page === 1 && !hasNextPage) return null;
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      <button
        type="button"
        className="button button--secondary"
        onClick={onPrevious}
        disabled={page === 1}
      >
        {t("pager.previous")}
      </button>
      <span aria-current="page">{t("pager.page", { page })}</span>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => endCursor && onNext(endCursor)}
        disabled={!hasNextPage || !endCursor}
      >
        {t("pager.next")}
      </button>
    </nav>
  );
}

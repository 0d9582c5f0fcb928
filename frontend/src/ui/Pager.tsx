import { useId, useState, type FormEvent } from "react";
import { useI18n } from "../i18n/useI18n";

interface PagerProps {
  page: number;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
  onNext: (endCursor: string) => void;
  onPrevious: () => void;
  /** Offers "Aller à la page" (see `usePagination().jumpTo`). */
  onJump?: (page: number) => void;
  /** The number of pages, when the total is known ("Page 2 sur 7"). */
  pageCount?: number;
  /** While a jump walks the pages. */
  busy?: boolean;
}

/**
 * Previous/next buttons under a paginated table, and a jump to a page number; hidden when
 * everything fits on one page.
 */
export function Pager({
  page,
  hasNextPage,
  endCursor,
  onNext,
  onPrevious,
  onJump,
  pageCount,
  busy = false,
}: PagerProps) {
  const { t, formatNumber } = useI18n();
  const [target, setTarget] = useState("");
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  if (page === 1 && !hasNextPage) return null;

  function jump(event: FormEvent) {
    event.preventDefault();
    const wanted = Number(target);
    const ok =
      Number.isInteger(wanted) && wanted >= 1 && (pageCount === undefined || wanted <= pageCount);
    setInvalid(!ok);
    if (ok && onJump) onJump(wanted);
  }

  return (
    <nav className="pager" aria-label={t("pager.label")} aria-busy={busy}>
      <button
        type="button"
        className="button button--secondary"
        onClick={onPrevious}
        disabled={page === 1 || busy}
      >
        {t("pager.previous")}
      </button>
      <span aria-current="page">
        {pageCount !== undefined
          ? t("pager.pageOf", { page: formatNumber(page), count: formatNumber(pageCount) })
          : t("pager.page", { page: formatNumber(page) })}
      </span>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => endCursor && onNext(endCursor)}
        disabled={!hasNextPage || !endCursor || busy}
      >
        {t("pager.next")}
      </button>
      {onJump && (
        <form className="pager__jump" onSubmit={jump} noValidate>
          <label htmlFor={inputId}>{t("pager.jumpLabel")}</label>
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={1}
            max={pageCount}
            value={target}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${inputId}-error` : undefined}
            onChange={(e) => setTarget(e.target.value)}
          />
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("pager.jump")}
          </button>
          {invalid && (
            <span id={`${inputId}-error`} className="field__error" role="alert">
              {pageCount !== undefined
                ? t("pager.jumpInvalidOf", { count: formatNumber(pageCount) })
                : t("pager.jumpInvalid")}
            </span>
          )}
        </form>
      )}
    </nav>
  );
}

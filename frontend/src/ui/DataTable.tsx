import {
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { useI18n } from "../i18n/useI18n";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Marks the cell that names the row (a row header, for screen readers). */
  isRowHeader?: boolean;
  /** What the list is sorted by when this column's header is chosen (sortable tables). */
  sortKey?: string;
}

/** The column a table is sorted by, and which way. */
export interface TableSort {
  key: string;
  direction: "ascending" | "descending";
}

interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  emptyMessage: string;
  /** The current order, shown on its column's header (`aria-sort` and an arrow). */
  sort?: TableSort | null;
  /** Makes the headers of columns with a `sortKey` buttons that ask for that order. */
  onSort?: (key: string) => void;
  /** Focuses the sorted column's button when the table appears (it was just chosen). */
  autoFocusSort?: boolean;
}

/** A header button that reads as the header it replaces. */
const SORT_BUTTON: CSSProperties = {
  font: "inherit",
  color: "inherit",
  background: "none",
  border: 0,
  padding: 0,
  cursor: "pointer",
  display: "inline-flex",
  alignItems: "center",
  gap: "0.35rem",
};

/**
 * A semantic table whose rows are reachable with the keyboard: Tab enters the table on one row,
 * arrows and Home/End move between rows, Enter follows the row's first link or button.
 * Sortable columns have a button in their header (click, Enter or Space), and the sorted one
 * says so with `aria-sort` and an arrow.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  emptyMessage,
  sort = null,
  onSort,
  autoFocusSort = false,
}: DataTableProps<Row>) {
  const { t } = useI18n();
  const [activeRow, setActiveRow] = useState(0);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const sortedButtonRef = useRef<HTMLButtonElement>(null);
  const hasRows = rows.length > 0;

  // A new order draws a new table: keep the keyboard where the user left it.
  useEffect(() => {
    if (autoFocusSort && hasRows) sortedButtonRef.current?.focus();
  }, [autoFocusSort, hasRows]);

  if (rows.length === 0) {
    return <p className="empty-state">{emptyMessage}</p>;
  }

  const current = Math.min(activeRow, rows.length - 1);

  function focusRow(index: number) {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActiveRow(target);
    bodyRef.current?.querySelectorAll<HTMLTableRowElement>(":scope > tr")[target]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, index: number) {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: rows.length - 1,
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      focusRow(move);
    } else if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      event.currentTarget.querySelector<HTMLElement>("a, button")?.click();
    }
  }

  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>
          {caption}
          <span className="visually-hidden">
            {" "}
            ({t("table.keyboardHint")}
            {onSort && ` ${t("table.sortHint")}`})
          </span>
        </caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const sortKey = column.sortKey;
              if (sortKey === undefined || !onSort) {
                return (
                  <th key={column.header} scope="col">
                    {column.header}
                  </th>
                );
              }
              const sorted = sort?.key === sortKey ? sort.direction : undefined;
              const arrow = sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "↕";
              return (
                <th key={column.header} scope="col" aria-sort={sorted}>
                  <button
                    type="button"
                    style={SORT_BUTTON}
                    ref={sorted ? sortedButtonRef : undefined}
                    onClick={() => onSort(sortKey)}
                  >
                    {column.header}
                    <span aria-hidden="true" style={{ opacity: sorted ? 1 : 0.45 }}>
                      {arrow}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {rows.map((row, index) => (
            <tr
              key={rowKey(row)}
              tabIndex={index === current ? 0 : -1}
              onKeyDown={(event) => onKeyDown(event, index)}
              onFocus={() => setActiveRow(index)}
            >
              {columns.map((column) =>
                column.isRowHeader ? (
                  <th key={column.header} scope="row">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header}>{column.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

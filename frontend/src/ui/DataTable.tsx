import {
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { useI18n } from "../i18n/useI18n";
import { csvFilename, downloadCsv, toCsv } from "./csv";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Marks the cell that names the row (a row header, for screen readers). */
  isRowHeader?: boolean;
  /** What the list is sorted by when this column's header is chosen (sortable tables). */
  sortKey?: string;
  /** The column's total over the shown rows, in the table's footer. */
  total?: (rows: readonly Row[]) => ReactNode;
  /** The cell's value in the CSV export; by default, the text shown in the cell. */
  csv?: (row: Row) => string | number | null | undefined;
  /** False for columns of actions (buttons), left out of the export. */
  exportable?: boolean;
  /** Figures are right-aligned. */
  numeric?: boolean;
}

/** The column a table is sorted by, and which way. */
export interface TableSort {
  key: string;
  direction: "ascending" | "descending";
}

/** Row selection, owned by the page (see `useRowSelection`). */
export interface TableSelection<Row> {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** The row's name in its checkbox's label: "Sélectionner Hélène Dupré". */
  rowLabel: (row: Row) => string;
}

interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  emptyMessage: string;
  /** What fills an empty table ("Importer un fichier"), shown under the empty message. */
  emptyAction?: ReactNode;
  /** The current order, shown on its column's header (`aria-sort` and an arrow). */
  sort?: TableSort | null;
  /** Makes the headers of columns with a `sortKey` buttons that ask for that order. */
  onSort?: (key: string) => void;
  /** Focuses the sorted column's button when the table appears (it was just chosen). */
  autoFocusSort?: boolean;
  /** Checkboxes on rows, and a toolbar of bulk actions once some are selected. */
  selection?: TableSelection<Row>;
  /** The bulk actions on the selected rows (buttons), shown in the toolbar. */
  bulkActions?: (selectedRows: Row[]) => ReactNode;
  /** Offers "Exporter en CSV" of the shown rows (or of the selected ones), to this file stem. */
  exportName?: string;
  /** The footer's first cell when columns have totals. */
  totalLabel?: string;
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

/** The selection of a table's rows, kept by the page that acts on it. */
export function useRowSelection() {
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  return {
    selected,
    onChange: setSelected,
    clear: () => setSelected(new Set()),
  };
}

/**
 * A semantic table whose rows are reachable with the keyboard: Tab enters the table on one row,
 * arrows and Home/End move between rows, Enter follows the row's first link or button, Space
 * selects the row (selectable tables). Sortable columns have a button in their header (click,
 * Enter or Space), and the sorted one says so with `aria-sort` and an arrow. Optionally:
 * totals in a footer, row selection with bulk actions, and an export of the shown rows to CSV
 * (cells neutralised against formula injection). Paging is the server's: put a `Pager` under it.
 * On a narrow screen (phones) each row becomes a card of "header: value" lines, so that the
 * table fits the width and its last columns (actions) stay on screen.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  emptyMessage,
  emptyAction,
  sort = null,
  onSort,
  autoFocusSort = false,
  selection,
  bulkActions,
  exportName,
  totalLabel,
}: DataTableProps<Row>) {
  const { t } = useI18n();
  const [activeRow, setActiveRow] = useState(0);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const sortedButtonRef = useRef<HTMLButtonElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  const hasRows = rows.length > 0;
  const selectedRows = selection ? rows.filter((row) => selection.selected.has(rowKey(row))) : [];
  const allSelected = hasRows && selectedRows.length === rows.length;

  // A new order draws a new table: keep the keyboard where the user left it.
  useEffect(() => {
    if (autoFocusSort && hasRows) sortedButtonRef.current?.focus();
  }, [autoFocusSort, hasRows]);

  useEffect(() => {
    if (selectAllRef.current) {
      selectAllRef.current.indeterminate = selectedRows.length > 0 && !allSelected;
    }
  }, [selectedRows.length, allSelected]);

  if (rows.length === 0) {
    return (
      <div className="empty-state">
        <p>{emptyMessage}</p>
        {emptyAction && <div className="empty-state__action">{emptyAction}</div>}
      </div>
    );
  }

  const current = Math.min(activeRow, rows.length - 1);

  function focusRow(index: number) {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    setActiveRow(target);
    bodyRef.current?.querySelectorAll<HTMLTableRowElement>(":scope > tr")[target]?.focus();
  }

  function toggle(row: Row) {
    if (!selection) return;
    const next = new Set(selection.selected);
    const key = rowKey(row);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    selection.onChange(next);
  }

  function toggleAll() {
    if (!selection) return;
    const next = new Set(selection.selected);
    for (const row of rows) {
      if (allSelected) next.delete(rowKey(row));
      else next.add(rowKey(row));
    }
    selection.onChange(next);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, index: number) {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: rows.length - 1,
    };
    const move = moves[event.key];
    const onRow = event.target === event.currentTarget;
    if (move !== undefined) {
      event.preventDefault();
      focusRow(move);
    } else if (event.key === "Enter" && onRow) {
      event.preventDefault();
      event.currentTarget.querySelector<HTMLElement>("a, button")?.click();
    } else if (event.key === " " && onRow && selection) {
      event.preventDefault();
      const row = rows[index];
      if (row !== undefined) toggle(row);
    }
  }

  const exported = columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.exportable !== false);

  function exportCsv() {
    const body = bodyRef.current;
    if (!body || !exportName) return;
    const domRows = Array.from(body.querySelectorAll<HTMLTableRowElement>(":scope > tr"));
    const offset = selection ? 1 : 0;
    const chosen = rows
      .map((row, i) => ({ row, dom: domRows[i] }))
      .filter(({ row }) => selectedRows.length === 0 || selection?.selected.has(rowKey(row)));
    const lines = chosen.map(({ row, dom }) =>
      exported.map(({ column, index }) =>
        column.csv ? column.csv(row) : (dom?.cells[index + offset]?.textContent ?? "").trim(),
      ),
    );
    downloadCsv(
      csvFilename(exportName),
      toCsv(
        exported.map(({ column }) => column.header),
        lines,
      ),
    );
  }

  const hasTotals = columns.some((column) => column.total);
  const showToolbar = Boolean(exportName) || (selection && bulkActions);

  return (
    <div className="data-table-block">
      {showToolbar && (
        <div className="table-toolbar" role="group" aria-label={t("table.toolbar", { caption })}>
          {selection && (
            <span className="table-toolbar__count" aria-live="polite">
              {t("table.selectedCount", { count: selectedRows.length })}
            </span>
          )}
          {selection && bulkActions && selectedRows.length > 0 && bulkActions(selectedRows)}
          {exportName && (
            <button type="button" className="button button--secondary" onClick={exportCsv}>
              {selectedRows.length > 0 ? t("table.exportSelected") : t("table.exportShown")}
            </button>
          )}
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table data-table--cards">
          <caption>
            {caption}
            <span className="visually-hidden">
              {" "}
              ({t("table.keyboardHint")}
              {onSort && ` ${t("table.sortHint")}`}
              {selection && ` ${t("table.selectHint")}`})
            </span>
          </caption>
          <thead>
            <tr>
              {selection && (
                <td className="data-table__select">
                  <input
                    ref={selectAllRef}
                    type="checkbox"
                    aria-label={t("table.selectAll")}
                    checked={allSelected}
                    onChange={toggleAll}
                  />
                </td>
              )}
              {columns.map((column) => {
                const sortKey = column.sortKey;
                const className = column.numeric ? "number" : undefined;
                if (sortKey === undefined || !onSort) {
                  return (
                    <th key={column.header} scope="col" className={className}>
                      {column.header}
                    </th>
                  );
                }
                const sorted = sort?.key === sortKey ? sort.direction : undefined;
                const arrow = sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "↕";
                return (
                  <th key={column.header} scope="col" aria-sort={sorted} className={className}>
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
            {rows.map((row, index) => {
              const key = rowKey(row);
              const isSelected = selection?.selected.has(key) ?? false;
              return (
                <tr
                  key={key}
                  tabIndex={index === current ? 0 : -1}
                  onKeyDown={(event) => onKeyDown(event, index)}
                  onFocus={() => setActiveRow(index)}
                  aria-selected={selection ? isSelected : undefined}
                >
                  {selection && (
                    <td className="data-table__select">
                      <input
                        type="checkbox"
                        tabIndex={-1}
                        aria-label={t("table.selectRow", { name: selection.rowLabel(row) })}
                        checked={isSelected}
                        onChange={() => toggle(row)}
                      />
                    </td>
                  )}
                  {columns.map((column) => {
                    const className = column.numeric ? "number" : undefined;
                    // data-label: the header a narrow screen shows beside the value (cards).
                    return column.isRowHeader ? (
                      <th
                        key={column.header}
                        scope="row"
                        className={className}
                        data-label={column.header}
                      >
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td key={column.header} className={className} data-label={column.header}>
                        {column.cell(row)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
          {hasTotals && (
            <tfoot>
              <tr>
                {selection && <td />}
                {columns.map((column, index) =>
                  index === 0 ? (
                    <th key={column.header} scope="row">
                      {column.total ? column.total(rows) : (totalLabel ?? t("table.total"))}
                    </th>
                  ) : (
                    <td key={column.header} className={column.numeric ? "number" : undefined}>
                      {column.total?.(rows)}
                    </td>
                  ),
                )}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}

import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useI18n } from "../i18n/useI18n";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Marks the cell that names the row (a row header, for screen readers). */
  isRowHeader?: boolean;
}

interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  emptyMessage: string;
}

/**
 * A semantic table whose rows are reachable with the keyboard: Tab enters the table on one row,
 * arrows and Home/End move between rows, Enter follows the row's first link or button.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  emptyMessage,
}: DataTableProps<Row>) {
  const { t } = useI18n();
  const [activeRow, setActiveRow] = useState(0);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

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
          <span className="visually-hidden"> ({t("table.keyboardHint")})</span>
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
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

import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n/I18nProvider";
import { DataTable, useRowSelection, type Column, type TableSort } from "./DataTable";

interface Row {
  id: string;
  name: string;
  amount: number;
}

const ROWS: Row[] = [
  { id: "1", name: "Hélène Dupré", amount: 1200.5 },
  { id: "2", name: '=HYPERLINK("http://evil")', amount: 30 },
  { id: "3", name: "Zoé Martin", amount: 4 },
];

const COLUMNS: Column<Row>[] = [
  { header: "Nom", isRowHeader: true, sortKey: "name", cell: (r) => r.name },
  {
    header: "Montant",
    numeric: true,
    sortKey: "amount",
    cell: (r) => `${r.amount} €`,
    csv: (r) => r.amount,
    total: (rows) => `${rows.reduce((sum, r) => sum + r.amount, 0)} €`,
  },
  {
    header: "Action",
    exportable: false,
    cell: (r) => <button type="button">Ouvrir {r.name}</button>,
  },
];

function Table({ onBulk }: { onBulk?: (rows: Row[]) => void }) {
  const selection = useRowSelection();
  const [sort, setSort] = useState<TableSort>({ key: "name", direction: "ascending" });
  const rows = [...ROWS].sort((a, b) => {
    const k = sort.key as "name" | "amount";
    const order = a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : 0;
    return sort.direction === "ascending" ? order : -order;
  });
  return (
    <DataTable<Row>
      caption="Clients"
      columns={COLUMNS}
      rows={rows}
      rowKey={(r) => r.id}
      emptyMessage="Aucun client."
      sort={sort}
      onSort={(key) =>
        setSort((s) => ({
          key,
          direction: s.key === key && s.direction === "ascending" ? "descending" : "ascending",
        }))
      }
      selection={{ ...selection, rowLabel: (r) => r.name }}
      bulkActions={(selected) => (
        <button type="button" onClick={() => onBulk?.(selected)}>
          Supprimer la sélection
        </button>
      )}
      exportName="clients"
      totalLabel="Total"
    />
  );
}

function renderTable(onBulk?: (rows: Row[]) => void) {
  return render(
    <I18nProvider>
      <Table onBulk={onBulk} />
    </I18nProvider>,
  );
}

/** Captures the CSV offered to the browser's downloads. */
function captureDownloads() {
  const blobs: Blob[] = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return "blob:csv";
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
  return blobs;
}

afterEach(() => vi.restoreAllMocks());

/** jsdom's Blob has no text(): read it as a file (the reader drops the BOM, tested in csv.test). */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

const bodyRows = () => within(screen.getByRole("table")).getAllByRole("row").slice(1, -1);

describe("DataTable", () => {
  it("sorts by a header's button and says so with aria-sort", async () => {
    renderTable();
    const user = userEvent.setup();
    const amount = screen.getByRole("columnheader", { name: /Montant/ });
    await user.click(within(amount).getByRole("button"));
    expect(amount).toHaveAttribute("aria-sort", "ascending");
    expect(bodyRows().map((r) => r.textContent)).toEqual([
      expect.stringContaining("Zoé Martin"),
      expect.stringContaining("HYPERLINK"),
      expect.stringContaining("Hélène Dupré"),
    ]);
    await user.click(within(amount).getByRole("button"));
    expect(amount).toHaveAttribute("aria-sort", "descending");
  });

  it("shows the totals of the shown rows in its footer", () => {
    renderTable();
    const footer = within(screen.getByRole("table")).getAllByRole("row").at(-1)!;
    expect(footer).toHaveTextContent("Total");
    expect(footer).toHaveTextContent("1234.5 €");
  });

  it("selects rows with their checkboxes or the keyboard, and offers bulk actions on them", async () => {
    const onBulk = vi.fn();
    renderTable(onBulk);
    const user = userEvent.setup();
    expect(screen.getByText("Aucune ligne sélectionnée")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Supprimer la sélection" })).toBeNull();

    await user.click(screen.getByRole("checkbox", { name: "Sélectionner Zoé Martin" }));
    expect(screen.getByText("1 ligne sélectionnée")).toBeInTheDocument();

    // Tab into the table's rows, down one, Space selects.
    bodyRows()[0]!.focus();
    await user.keyboard("{ArrowDown}");
    expect(bodyRows()[1]).toHaveFocus();
    await user.keyboard(" ");
    expect(screen.getByText("2 lignes sélectionnées")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Supprimer la sélection" }));
    expect(onBulk).toHaveBeenCalledWith([
      expect.objectContaining({ id: "1" }),
      expect.objectContaining({ id: "3" }),
    ]);

    const all = screen.getByRole("checkbox", { name: "Sélectionner toutes les lignes affichées" });
    expect((all as HTMLInputElement).indeterminate).toBe(true);
    await user.click(all);
    expect(screen.getByText("3 lignes sélectionnées")).toBeInTheDocument();
    await user.click(all);
    expect(screen.getByText("Aucune ligne sélectionnée")).toBeInTheDocument();
  });

  it("Enter on a row follows its first link or button", async () => {
    const clicked = vi.fn();
    render(
      <I18nProvider>
        <DataTable<Row>
          caption="Clients"
          columns={[
            { header: "Nom", cell: (r) => <button onClick={() => clicked(r.id)}>{r.name}</button> },
          ]}
          rows={ROWS}
          rowKey={(r) => r.id}
          emptyMessage="Aucun client."
        />
      </I18nProvider>,
    );
    const user = userEvent.setup();
    within(screen.getByRole("table")).getAllByRole("row")[1]!.focus();
    await user.keyboard("{End}{Enter}");
    expect(clicked).toHaveBeenCalledWith("3");
  });

  it("exports the shown rows to CSV, formulas neutralised, action columns left out", async () => {
    const blobs = captureDownloads();
    renderTable();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Exporter les lignes affichées (CSV)" }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const csv = await readBlob(blobs[0]!);
    expect(csv).toBe(
      '"Nom";"Montant"\r\n' +
        '"\'=HYPERLINK(""http://evil"")";"30"\r\n' +
        '"Hélène Dupré";"1200.5"\r\n' +
        '"Zoé Martin";"4"\r\n',
    );
  });

  it("exports only the selection when there is one", async () => {
    const blobs = captureDownloads();
    renderTable();
    const user = userEvent.setup();
    await user.click(screen.getByRole("checkbox", { name: "Sélectionner Zoé Martin" }));
    await user.click(screen.getByRole("button", { name: "Exporter la sélection (CSV)" }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(await readBlob(blobs[0]!)).toBe('"Nom";"Montant"\r\n"Zoé Martin";"4"\r\n');
  });

  it("shows the empty message with the action that fills the table", () => {
    render(
      <I18nProvider>
        <DataTable<Row>
          caption="Clients"
          columns={COLUMNS}
          rows={[]}
          rowKey={(r) => r.id}
          emptyMessage="Aucun contact pour l’instant."
          emptyAction={<a href="/imports/new">Importer un fichier</a>}
        />
      </I18nProvider>,
    );
    expect(screen.getByText("Aucun contact pour l’instant.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Importer un fichier" })).toHaveAttribute(
      "href",
      "/imports/new",
    );
  });
});

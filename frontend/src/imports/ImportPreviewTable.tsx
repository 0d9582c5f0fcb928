import { useI18n } from "../i18n/useI18n";

/** The first rows of the file as the importer read them. */
export function ImportPreviewTable({
  headers,
  rows,
}: {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact">
        <caption>{t("import.previewCaption", { count: rows.length })}</caption>
        <thead>
          <tr>
            {headers.map((header, i) => (
              <th key={`${header}-${i}`} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {headers.map((header, i) => (
                <td key={`${header}-${i}`}>{row[i] ?? ""}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

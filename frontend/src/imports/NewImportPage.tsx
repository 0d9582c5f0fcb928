import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useQuery } from "urql";
import type { UploadedFile } from "../api/upload";
import { useI18n } from "../i18n/useI18n";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { ImportMappingForm } from "./ImportMappingForm";
import { ImportPreviewTable } from "./ImportPreviewTable";
import { ImportProgress } from "./ImportProgress";
import { ImportPreviewQuery } from "./operations";
import { UploadForm } from "./UploadForm";

/** Step 2 and 3: the preview of the uploaded file, its mapping, a dry run, the import. */
function MapAndStart({ upload }: { upload: UploadedFile }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({
    query: ImportPreviewQuery,
    variables: { uploadId: upload.id },
  });
  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  if (!data) return null;
  const preview = data.importPreview;
  if (preview.problem) {
    return (
      <div className="alert alert--error" role="alert">
        {t("import.fileRefused", { message: preview.problem.message })}
      </div>
    );
  }
  return (
    <>
      <section className="panel" aria-labelledby="import-preview-title">
        <h2 id="import-preview-title">{t("import.step.preview")}</h2>
        <p className="muted">
          {t("import.fileRead", {
            name: upload.filename,
            encoding: preview.encoding === "WINDOWS_1252" ? "Windows-1252" : "UTF-8",
            delimiter: preview.delimiter === "\t" ? "tab" : (preview.delimiter ?? ";"),
          })}
        </p>
        <ImportPreviewTable headers={preview.headers} rows={preview.rows} />
        {preview.rowProblems.length > 0 && (
          <ul className="alert alert--warning">
            {preview.rowProblems.map((p) => (
              <li key={`${p.line}-${p.reason}`}>
                {t("import.rowProblem", { line: p.line ?? "?", message: p.message })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ImportMappingForm
        uploadId={upload.id}
        headers={preview.headers}
        suggested={preview.suggestedColumns}
        savedMappings={data.importMappings}
        customFields={data.customFields}
        onStarted={(started) => {
          if (started.dryRun) setDryRunId(started.id);
          else navigate(`/imports/${started.id}`);
        }}
      />
      {dryRunId && <ImportProgress key={dryRunId} importId={dryRunId} />}
    </>
  );
}

export function NewImportPage() {
  const { t } = useI18n();
  const [upload, setUpload] = useState<UploadedFile | null>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/imports">← {t("imports.back")}</Link>
      </p>
      <PageHeader title={t("import.newTitle")} intro={t("import.intro")} />
      {upload ? <MapAndStart upload={upload} /> : <UploadForm onUploaded={setUpload} />}
    </>
  );
}

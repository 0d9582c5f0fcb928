import { useId, useState, type FormEvent } from "react";
import type { ApiError } from "../api/apiError";
import { uploadFile, type UploadedFile } from "../api/upload";
import { describeApiError } from "../i18n/describeApiError";
import { useI18n } from "../i18n/useI18n";
import { FormAlert } from "../ui/FormAlert";

/** Step 1: choose a CSV file and send it to the server. */
export function UploadForm({
  onUploaded,
  upload = uploadFile,
}: {
  onUploaded: (file: UploadedFile) => void;
  /** Tests give their own upload. */
  upload?: (file: File) => Promise<UploadedFile>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setError(t("import.chooseFile"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onUploaded(await upload(file));
    } catch (caught) {
      setError(describeApiError(caught as ApiError, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("import.step.upload")}</h2>
      <FormAlert message={error} />
      <div className="field">
        <label htmlFor={id}>{t("import.file")}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t("import.fileHint")}
        </p>
        <input
          id={id}
          type="file"
          accept=".csv,.txt,text/csv"
          aria-describedby={`${id}-hint`}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("import.uploading") : t("import.upload")}
        </button>
      </div>
    </form>
  );
}

import { Link, useParams } from "react-router";
import { useI18n } from "../i18n/useI18n";
import { PageHeader } from "../ui/PageHeader";
import { ImportProgress } from "./ImportProgress";

/** One import: its progress while it runs, then its outcome and errors. */
export function ImportPage() {
  const { t } = useI18n();
  const { importId = "" } = useParams();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/imports">← {t("imports.back")}</Link>
      </p>
      <PageHeader title={t("import.title")} />
      <ImportProgress importId={importId} />
    </>
  );
}

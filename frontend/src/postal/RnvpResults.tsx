import { useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import type { AddressStatus, RnvpContactQuery as RnvpContactQueryData } from "../gql/graphql";
import { contactName } from "../contacts/contactName";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { DataTable } from "../ui/DataTable";
import { SuccessMessage } from "../ui/FlashMessage";
import { apiFormErrors } from "../ui/formErrors";
import { Pager } from "../ui/Pager";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { usePagination } from "../ui/usePagination";
import { AddressLines, AddressReasons, AddressStatusBadge } from "./AddressReasons";
import { ApplyRnvpCorrectionsMutation, RnvpContactQuery, RnvpResultsQuery } from "./operations";

type RnvpContact = NonNullable<RnvpContactQueryData["contact"]>;

/** The contact's address as it stands, in lines (its postal code and city as the last one). */
export function currentAddressLines(contact: RnvpContact): string[] {
  const lines = [
    contact.addressLine1,
    contact.addressLine2,
    contact.addressLine3,
    contact.addressLine4,
    contact.addressLine5,
    contact.addressLine6 ?? ([contact.postalCode, contact.city].filter(Boolean).join(" ") || null),
  ];
  return lines.filter((line): line is string => Boolean(line && line.trim()));
}

/**
 * The result's contact: its name, and its address before the RNVP. The API's result carries
 * only the contact's id and the normalised lines (a gap: no name, no original lines), so the
 * contact is read (Consult); once the correction is applied, the contact holds the new lines
 * and the original is no longer known.
 */
function useResultContact(contactId: string) {
  const [{ data }] = useQuery({ query: RnvpContactQuery, variables: { id: contactId } });
  return data?.contact ?? null;
}

function ContactCell({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const contact = useResultContact(contactId);
  return (
    <Link to={`/contacts/${contactId}`}>
      {contact ? contactName(contact, t) : t("postal.results.open")}
    </Link>
  );
}

function BeforeCell({
  contactId,
  appliedAt,
}: {
  contactId: string;
  appliedAt: string | null | undefined;
}) {
  const { t } = useI18n();
  const contact = useResultContact(contactId);
  if (appliedAt) return <span className="muted">{t("postal.results.beforeUnknown")}</span>;
  if (!contact) return null;
  const lines = currentAddressLines(contact);
  return lines.length ? (
    <AddressLines lines={lines} />
  ) : (
    <span className="muted">{t("postal.results.noAddress")}</span>
  );
}

function ResultsPage({ runId, status }: { runId: string; status: AddressStatus | null }) {
  const { t, formatDateTime } = useI18n();
  const pagination = usePagination();
  const [{ data, fetching, error }] = useQuery({
    query: RnvpResultsQuery,
    variables: { runId, status, ...pagination.variables },
    requestPolicy: "cache-and-network",
  });
  if (error) return <QueryError error={error} />;
  if (!data && fetching) return <LoadingState />;
  if (!data) return null;
  type Row = (typeof data.rnvpResults.nodes)[number];
  return (
    <>
      <DataTable<Row>
        caption={t("postal.results.caption")}
        rows={data.rnvpResults.nodes}
        rowKey={(r) => r.contactId}
        emptyMessage={t("postal.results.empty")}
        columns={[
          {
            header: t("postal.results.col.contact"),
            isRowHeader: true,
            cell: (r) => <ContactCell contactId={r.contactId} />,
          },
          {
            header: t("postal.results.col.status"),
            cell: (r) => <AddressStatusBadge status={r.status} />,
          },
          {
            header: t("postal.results.col.before"),
            cell: (r) => <BeforeCell contactId={r.contactId} appliedAt={r.appliedAt} />,
          },
          {
            header: t("postal.results.col.address"),
            cell: (r) => <AddressLines lines={r.lines} />,
          },
          {
            header: t("postal.results.col.reasons"),
            cell: (r) => <AddressReasons reasons={r.reasons} />,
          },
          {
            header: t("postal.results.col.applied"),
            cell: (r) => (r.appliedAt ? formatDateTime(r.appliedAt) : ""),
          },
        ]}
      />
      <Pager
        page={pagination.page}
        hasNextPage={data.rnvpResults.pageInfo.hasNextPage}
        endCursor={data.rnvpResults.pageInfo.endCursor}
        onNext={pagination.next}
        onPrevious={pagination.previous}
      />
    </>
  );
}

/** An RNVP run's addresses by status and reason, and writing the corrections to contacts. */
export function RnvpResults({ runId, corrected }: { runId: string; corrected: number }) {
  const { t, formatNumber } = useI18n();
  const viewer = useViewer();
  const [status, setStatus] = useState<AddressStatus | "">("");
  const [confirm, setConfirm] = useState(false);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const [{ fetching: applying }, apply] = useMutation(ApplyRnvpCorrectionsMutation);

  async function applyCorrections() {
    // The results' "Appliquée le" and the contacts change: their cached pages are read again.
    const result = await apply(
      { input: { runId } },
      { additionalTypenames: ["ContactAddressResult", "Contact"] },
    );
    if (result.error) {
      setApplyError(apiFormErrors(result.error, [], t).form);
      return;
    }
    setConfirm(false);
    setApplied(
      t("postal.apply.done", {
        count: formatNumber(result.data?.applyRnvpCorrections.appliedCount ?? 0),
      }),
    );
  }

  return (
    <section className="panel" aria-labelledby="rnvp-results-title">
      <h2 id="rnvp-results-title">{t("postal.results.title")}</h2>
      <SuccessMessage message={applied} />
      <div className="filters">
        <SelectField
          label={t("postal.results.filter")}
          value={status}
          onChange={(v) => setStatus(v as AddressStatus | "")}
        >
          <option value="">{t("postal.results.all")}</option>
          {(["VALID", "CORRECTED", "INVALID"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`addressStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        {viewer.rights.includes("IMPORT") && corrected > 0 && (
          <button type="button" className="button" onClick={() => setConfirm(true)}>
            {t("postal.apply.button")}
          </button>
        )}
      </div>
      <ResultsPage key={status} runId={runId} status={status || null} />
      {confirm && (
        <ConfirmDialog
          title={t("postal.apply.title")}
          confirmLabel={t("postal.apply.confirm")}
          busy={applying}
          error={applyError}
          onConfirm={applyCorrections}
          onCancel={() => {
            setConfirm(false);
            setApplyError(null);
          }}
        >
          <p>{t("postal.apply.body", { count: formatNumber(corrected) })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

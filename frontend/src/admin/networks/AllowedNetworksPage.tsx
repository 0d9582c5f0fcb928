import { useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { toApiErrors } from "../../api/apiError";
import type { AllowedNetworkFieldsFragment } from "../../gql/graphql";
import { useI18n } from "../../i18n/useI18n";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { SuccessMessage } from "../../ui/FlashMessage";
import { FormAlert } from "../../ui/FormAlert";
import { apiFormErrors, noFormErrors, type FormErrors } from "../../ui/formErrors";
import { PageHeader } from "../../ui/PageHeader";
import { LoadingState, QueryError } from "../../ui/QueryStatus";
import { TextField } from "../../ui/TextField";
import { useFocusFirstError } from "../../ui/useFocusFirstError";
import { AllowedNetworksQuery, SetAllowedNetworksMutation } from "./operations";

const FIELDS = ["networks"] as const;
type NetworksField = (typeof FIELDS)[number];

/** One range being edited; `key` keeps React's rows apart while they are added and removed. */
interface Row {
  key: number;
  cidr: string;
  description: string;
}

let nextKey = 0;

function rowsOf(saved: readonly AllowedNetworkFieldsFragment[]): Row[] {
  return saved.map((n) => ({ key: nextKey++, cidr: n.cidr, description: n.description ?? "" }));
}

/**
 * Network filtering ("filtrage des accès"): the IP ranges the organisation's users and API
 * tokens may connect from. The whole list is saved at once; an empty list filters nothing. A
 * list that leaves out the administrator's own address is saved only once confirmed.
 */
export function AllowedNetworksPage() {
  const { t } = useI18n();
  const context = useMemo(() => ({ additionalTypenames: ["AllowedNetwork"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: AllowedNetworksQuery,
    requestPolicy: "cache-and-network",
    context,
  });
  return (
    <>
      <PageHeader title={t("networks.title")} intro={t("networks.intro")} />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && <AllowedNetworksForm saved={data.allowedNetworks} />}
    </>
  );
}

function AllowedNetworksForm({ saved }: { saved: readonly AllowedNetworkFieldsFragment[] }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(saved));
  const [errors, setErrors] = useState<FormErrors<NetworksField>>(noFormErrors);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const [{ fetching }, setAllowedNetworks] = useMutation(SetAllowedNetworksMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const titleId = useId();
  useFocusFirstError(formRef, errors);

  function change(key: number, patch: Partial<Row>) {
    setDone(false);
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  async function save(confirmLockout: boolean) {
    setDone(false);
    const networks = rows
      .filter((row) => row.cidr.trim() !== "" || row.description.trim() !== "")
      .map((row) => ({ cidr: row.cidr.trim(), description: row.description.trim() || null }));
    const result = await setAllowedNetworks({ input: { networks, confirmLockout } });
    if (result.data) {
      setRows(rowsOf(result.data.setAllowedNetworks.allowedNetworks));
      setErrors(noFormErrors());
      setConfirming(false);
      setDone(true);
    } else if (result.error) {
      if (toApiErrors(result.error).some((e) => e.reason === "ADDRESS_LOCKOUT")) {
        setErrors(noFormErrors());
        setConfirming(true);
        return;
      }
      setConfirming(false);
      setErrors(apiFormErrors(result.error, FIELDS, t));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(false);
  }

  return (
    <>
      <SuccessMessage message={done ? t("networks.saved") : null} />
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        className="form panel"
        aria-labelledby={titleId}
      >
        <h2 id={titleId}>{t("networks.listTitle")}</h2>
        <FormAlert message={errors.fields.networks ?? errors.form} />
        {rows.length === 0 && <p className="muted">{t("networks.empty")}</p>}
        {rows.map((row, index) => (
          <div key={row.key} className="form__row">
            <TextField
              label={t("networks.cidrOf", { n: index + 1 })}
              hint={index === 0 ? t("networks.cidrHint") : undefined}
              autoComplete="off"
              spellCheck={false}
              value={row.cidr}
              onChange={(cidr) => change(row.key, { cidr })}
            />
            <TextField
              label={t("networks.descriptionOf", { n: index + 1 })}
              optional
              autoComplete="off"
              value={row.description}
              onChange={(description) => change(row.key, { description })}
            />
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t("networks.removeLabel", { n: index + 1 })}
              onClick={() => {
                setDone(false);
                setRows((current) => current.filter((r) => r.key !== row.key));
              }}
            >
              {t("networks.remove")}
            </button>
          </div>
        ))}
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDone(false);
              setRows((current) => [...current, { key: nextKey++, cidr: "", description: "" }]);
            }}
          >
            {t("networks.add")}
          </button>
          <button type="submit" className="button" disabled={fetching}>
            {fetching ? t("form.saving") : t("networks.save")}
          </button>
        </div>
      </form>
      {confirming && (
        <ConfirmDialog
          title={t("networks.lockoutTitle")}
          confirmLabel={t("networks.lockoutConfirm")}
          destructive
          busy={fetching}
          onConfirm={() => void save(true)}
          onCancel={() => setConfirming(false)}
        >
          <p>{t("networks.lockoutBody")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

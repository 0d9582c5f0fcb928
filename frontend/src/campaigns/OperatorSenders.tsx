import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import type { Channel, SenderFieldsFragment } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { DataTable, type Column } from "../ui/DataTable";
import { SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { emailError } from "../ui/formErrors";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { campaignErrorMessage, campaignFormErrors } from "./campaignErrors";
import { channelKey, isValidSmsSenderId } from "./campaignText";
import {
  AllowCampaignSenderMutation,
  TenantCampaignSendersQuery,
  WithdrawCampaignSenderMutation,
} from "./operations";
import "./campaigns.css";

interface TenantChoice {
  id: string;
  name: string;
}

const FIELDS = ["address", "displayName", "replyTo"] as const;
type SenderField = (typeof FIELDS)[number];

function AddSenderForm({ tenantId, channel }: { tenantId: string; channel: Channel }) {
  const { t } = useI18n();
  const [address, setAddress] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [replyTo, setReplyTo] = useState("");
  const [errors, setErrors] = useState<{
    fields: Partial<Record<SenderField, string>>;
    form: string | null;
  }>({
    fields: {},
    form: null,
  });
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching }, allow] = useMutation(AllowCampaignSenderMutation);
  const isEmail = channel === "EMAIL";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const fields: Partial<Record<SenderField, string>> = {};
    const value = address.trim();
    if (isEmail) {
      const e = emailError(value, t);
      if (e) fields.address = e;
      if (replyTo.trim()) {
        const r = emailError(replyTo, t);
        if (r) fields.replyTo = r;
      }
    } else if (!isValidSmsSenderId(value)) {
      fields.address = value ? t("senders.smsIdInvalid") : t("form.required");
    }
    if (Object.keys(fields).length > 0) return setErrors({ fields, form: null });
    const result = await allow(
      {
        input: {
          tenantId,
          channel,
          address: value,
          displayName: displayName.trim() || null,
          replyTo: isEmail ? replyTo.trim() || null : null,
        },
      },
      { additionalTypenames: ["CampaignSender"] },
    );
    if (result.error) return setErrors(campaignFormErrors(result.error, FIELDS, t));
    setErrors({ fields: {}, form: null });
    setAddress("");
    setDisplayName("");
    setReplyTo("");
    setDone(t("senders.added", { address: value }));
  }

  return (
    <form
      className="form panel"
      onSubmit={submit}
      noValidate
      aria-label={t(isEmail ? "senders.addEmail" : "senders.addSms")}
    >
      <h3>{t(isEmail ? "senders.addEmail" : "senders.addSms")}</h3>
      <SuccessMessage message={done} />
      <FormAlert message={errors.form} />
      <TextField
        label={t(isEmail ? "senders.emailAddress" : "senders.smsId")}
        hint={isEmail ? undefined : t("senders.smsIdHint")}
        type={isEmail ? "email" : "text"}
        maxLength={isEmail ? undefined : 11}
        value={address}
        onChange={setAddress}
        error={errors.fields.address}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        label={t("senders.displayName")}
        optional
        value={displayName}
        onChange={setDisplayName}
        error={errors.fields.displayName}
        autoComplete="off"
      />
      {isEmail && (
        <TextField
          label={t("senders.replyTo")}
          optional
          type="email"
          value={replyTo}
          onChange={setReplyTo}
          error={errors.fields.replyTo}
          autoComplete="off"
        />
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={fetching}>
          {t("senders.add")}
        </button>
      </div>
    </form>
  );
}

/**
 * The operator's « Expéditeurs autorisés » of a tenant: the e-mail addresses and SMS sender
 * ids it may send from; add one, withdraw one.
 */
export function OperatorSenders({ tenants }: { tenants: readonly TenantChoice[] }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState("");
  const tenantId = chosen || tenants[0]?.id || "";
  const tenant = tenants.find((x) => x.id === tenantId);
  const context = useMemo(() => ({ additionalTypenames: ["CampaignSender"] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: TenantCampaignSendersQuery,
    variables: { tenantId },
    pause: tenantId === "",
    requestPolicy: "cache-and-network",
    context,
  });
  const [withdrawing, setWithdrawing] = useState<SenderFieldsFragment | null>(null);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching: busy }, withdraw] = useMutation(WithdrawCampaignSenderMutation);

  async function confirmWithdraw() {
    if (!withdrawing) return;
    const result = await withdraw({ tenantId, id: withdrawing.id }, context);
    if (result.error) return setWithdrawError(campaignErrorMessage(result.error, t));
    setDone(t("senders.withdrawn", { address: withdrawing.address }));
    setWithdrawing(null);
  }

  const columns: Column<SenderFieldsFragment>[] = [
    { header: t("senders.col.address"), isRowHeader: true, cell: (s) => s.address },
    { header: t("senders.col.channel"), cell: (s) => t(channelKey(s.channel)) },
    { header: t("senders.col.displayName"), cell: (s) => s.displayName ?? "" },
    { header: t("senders.col.replyTo"), cell: (s) => s.replyTo ?? "" },
    {
      header: t("senders.col.actions"),
      exportable: false,
      cell: (s) => (
        <button
          type="button"
          className="button button--danger button--small"
          aria-label={t("senders.withdrawLabel", { address: s.address })}
          onClick={() => {
            setWithdrawError(null);
            setWithdrawing(s);
          }}
        >
          {t("senders.withdraw")}
        </button>
      ),
    },
  ];

  if (tenants.length === 0) return null;
  return (
    <section aria-labelledby="senders-title">
      <h2 id="senders-title">{t("senders.title")}</h2>
      <p className="muted">{t("senders.intro")}</p>
      <SelectField label={t("senders.tenant")} value={tenantId} onChange={setChosen}>
        {tenants.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </SelectField>
      <SuccessMessage message={done} />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <DataTable
          caption={t("senders.caption", { tenant: tenant?.name ?? "" })}
          columns={columns}
          rows={data.tenantCampaignSenders}
          rowKey={(s) => s.id}
          emptyMessage={t("senders.empty")}
        />
      )}
      <AddSenderForm key={`${tenantId}-email`} tenantId={tenantId} channel="EMAIL" />
      <AddSenderForm key={`${tenantId}-sms`} tenantId={tenantId} channel="SMS" />
      {withdrawing && (
        <ConfirmDialog
          title={t("senders.withdrawTitle", { address: withdrawing.address })}
          confirmLabel={t("senders.withdraw")}
          destructive
          busy={busy}
          error={withdrawError}
          onConfirm={() => void confirmWithdraw()}
          onCancel={() => setWithdrawing(null)}
        >
          <p>{t("senders.withdrawBody")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

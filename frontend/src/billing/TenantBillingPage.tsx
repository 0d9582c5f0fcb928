import { useMemo, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import type { TenantBillingQuery as TenantBillingData } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import { Dialog } from "../ui/Dialog";
import { SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { noFormErrors, type FormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { BillingProfileForm } from "./BillingProfileForm";
import { billingFormErrors } from "./billingErrors";
import {
  commitmentText,
  DEFAULT_EMAIL_TIERS,
  DEFAULT_SMS_TIERS,
  LEVELS,
  longDate,
  planSummary,
  platformToday,
  readGrid,
} from "./billingText";
import {
  SetTenantBillingProfileMutation,
  SetTenantPlanMutation,
  TenantBillingQuery,
} from "./operatorOperations";
import "./billing.css";

type Row = TenantBillingData["tenantBilling"][number];
type Pending = { kind: "plan" | "profile"; tenant: Row };

const PLAN_FIELDS = ["level", "emailCommitment", "smsCommitment", "requestedOn"] as const;
type PlanField = (typeof PLAN_FIELDS)[number];

/** Records a tenant's new level and commitments, at its request (from next month). */
function PlanChangeDialog({
  tenant,
  emailTiers,
  smsTiers,
  onClose,
}: {
  tenant: Row;
  emailTiers: number[];
  smsTiers: number[];
  onClose: (done: string | null) => void;
}) {
  const { t, formatNumber, language } = useI18n();
  const start = tenant.nextPlan ?? tenant.plan;
  const [level, setLevel] = useState(String(start.level));
  const [emailCommitment, setEmail] = useState(String(start.emailCommitment));
  const [smsCommitment, setSms] = useState(String(start.smsCommitment));
  const [requestedOn, setRequestedOn] = useState(platformToday());
  const [errors, setErrors] = useState<FormErrors<PlanField>>(noFormErrors);
  const [{ fetching }, setPlan] = useMutation(SetTenantPlanMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const today = platformToday();
    if (!requestedOn || requestedOn > today) {
      setErrors({
        fields: {
          requestedOn: requestedOn
            ? t("billing.error.requestedOn.IN_THE_FUTURE")
            : t("form.required"),
        },
        form: null,
      });
      return;
    }
    const result = await setPlan({
      tenantId: tenant.tenantId,
      level: Number(level),
      emailCommitment: Number(emailCommitment),
      smsCommitment: Number(smsCommitment),
      requestedOn,
    });
    if (result.data) {
      const change = result.data.setTenantPlan;
      onClose(
        t("billing.tenants.planRecorded", {
          tenant: tenant.tenantName,
          plan: planSummary(change, t, formatNumber),
          date: longDate(change.effectiveFrom, language),
        }),
      );
    } else if (result.error) {
      setErrors(billingFormErrors(result.error, PLAN_FIELDS, t));
    }
  }

  return (
    <Dialog
      title={t("billing.tenants.planTitle", { tenant: tenant.tenantName })}
      onCancel={() => onClose(null)}
    >
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <p className="muted">{t("billing.tenants.planIntro")}</p>
        <FormAlert message={errors.form} />
        <SelectField
          label={t("billing.simulator.level")}
          value={level}
          onChange={setLevel}
          error={errors.fields.level}
        >
          {LEVELS.map((l) => (
            <option key={l} value={String(l)}>
              {t("billing.level", { level: l })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("billing.simulator.emailCommitment")}
          value={emailCommitment}
          onChange={setEmail}
          error={errors.fields.emailCommitment}
        >
          {emailTiers.map((tier) => (
            <option key={tier} value={String(tier)}>
              {commitmentText("email", tier, t, formatNumber)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("billing.simulator.smsCommitment")}
          value={smsCommitment}
          onChange={setSms}
          error={errors.fields.smsCommitment}
        >
          {smsTiers.map((tier) => (
            <option key={tier} value={String(tier)}>
              {commitmentText("sms", tier, t, formatNumber)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("billing.tenants.requestedOn")}
          hint={t("billing.tenants.requestedOnHint")}
          type="date"
          value={requestedOn}
          onChange={setRequestedOn}
          error={errors.fields.requestedOn}
        />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={() => onClose(null)}>
            {t("form.cancel")}
          </button>
          <button type="submit" className="button" disabled={fetching}>
            {fetching ? t("form.saving") : t("billing.tenants.recordPlan")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Sets a tenant's billing identity on its behalf. */
function ProfileDialog({
  tenant,
  onClose,
}: {
  tenant: Row;
  onClose: (done: string | null) => void;
}) {
  const { t } = useI18n();
  const [{ fetching }, setProfile] = useMutation(SetTenantBillingProfileMutation);
  const title = t("billing.tenants.profileTitle", { tenant: tenant.tenantName });
  return (
    <Dialog title={title} onCancel={() => onClose(null)}>
      <p className="muted">{t("billing.tenants.profileIntro")}</p>
      <BillingProfileForm
        profile={null}
        busy={fetching}
        label={title}
        submitLabel={t("billing.profile.save")}
        onCancel={() => onClose(null)}
        onSave={async (input) => {
          const result = await setProfile({ tenantId: tenant.tenantId, input });
          if (result.error) return result.error;
          onClose(t("billing.tenants.profileSaved", { tenant: tenant.tenantName }));
          return null;
        }}
      />
    </Dialog>
  );
}

/**
 * Operator staff: every tenant's level, commitments, next plan and what it owes; a plan
 * change recorded at a tenant's request, and a tenant's billing identity.
 */
export function TenantBillingPage() {
  const { t, formatMoney, formatNumber, language } = useI18n();
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: TenantBillingQuery,
    requestPolicy: "cache-and-network",
  });
  const grid = useMemo(() => readGrid(data?.priceGrids[0]?.grid), [data?.priceGrids]);
  const emailTiers = grid?.emailTiers.map((tier) => tier.commitment) ?? DEFAULT_EMAIL_TIERS;
  const smsTiers = grid?.smsTiers.map((tier) => tier.commitment) ?? DEFAULT_SMS_TIERS;

  const columns: Column<Row>[] = [
    { header: t("billing.tenants.col.tenant"), isRowHeader: true, cell: (r) => r.tenantName },
    {
      header: t("billing.tenants.col.status"),
      cell: (r) => (
        <>
          <span className={`status status--${r.tenantStatus.toLowerCase()}`}>
            {t(`tenantStatus.${r.tenantStatus}`)}
          </span>
          {r.suspendedReason && <div className="muted">{r.suspendedReason}</div>}
        </>
      ),
      csv: (r) => t(`tenantStatus.${r.tenantStatus}`),
    },
    {
      header: t("billing.tenants.col.plan"),
      cell: (r) => planSummary(r.plan, t, formatNumber),
    },
    {
      header: t("billing.tenants.col.nextPlan"),
      cell: (r) =>
        r.nextPlan
          ? t("billing.tenants.nextPlan", {
              plan: planSummary(r.nextPlan, t, formatNumber),
              date: longDate(r.nextPlan.effectiveFrom ?? "", language),
            })
          : "—",
    },
    {
      header: t("billing.tenants.col.outstanding"),
      numeric: true,
      cell: (r) => formatMoney(r.outstanding),
      csv: (r) => r.outstanding,
    },
    {
      header: t("billing.tenants.col.overdue"),
      numeric: true,
      cell: (r) =>
        r.overdueInvoices > 0 ? (
          <span className="status status--warning">{formatNumber(r.overdueInvoices)}</span>
        ) : (
          formatNumber(0)
        ),
      csv: (r) => r.overdueInvoices,
    },
    {
      header: t("billing.tenants.col.actions"),
      exportable: false,
      cell: (r) => (
        <span className="actions">
          <button
            type="button"
            className="button button--small"
            aria-label={t("billing.tenants.changePlanLabel", { tenant: r.tenantName })}
            onClick={() => {
              setDone(null);
              setPending({ kind: "plan", tenant: r });
            }}
          >
            {t("billing.tenants.changePlan")}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label={t("billing.tenants.profileLabel", { tenant: r.tenantName })}
            onClick={() => {
              setDone(null);
              setPending({ kind: "profile", tenant: r });
            }}
          >
            {t("billing.tenants.profile")}
          </button>
        </span>
      ),
    },
  ];

  function close(message: string | null) {
    setPending(null);
    if (message) {
      setDone(message);
      refetch({ requestPolicy: "network-only" });
    }
  }

  return (
    <>
      <PageHeader title={t("billing.tenants.title")} intro={t("billing.tenants.intro")} />
      <SuccessMessage message={done} />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <DataTable
          caption={t("billing.tenants.caption")}
          columns={columns}
          rows={data.tenantBilling}
          rowKey={(r) => r.tenantId}
          emptyMessage={t("billing.tenants.empty")}
          exportName="facturation-clients"
        />
      )}
      {pending?.kind === "plan" && (
        <PlanChangeDialog
          tenant={pending.tenant}
          emailTiers={emailTiers}
          smsTiers={smsTiers}
          onClose={close}
        />
      )}
      {pending?.kind === "profile" && <ProfileDialog tenant={pending.tenant} onClose={close} />}
    </>
  );
}

import { useMemo, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { TextAreaField } from "../campaigns/TextAreaField";
import type { InvoiceFieldsFragment, PaymentMethod } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { DataTable, type Column } from "../ui/DataTable";
import { Dialog } from "../ui/Dialog";
import { SuccessMessage } from "../ui/FlashMessage";
import { FormAlert } from "../ui/FormAlert";
import { fieldErrors, hasFormErrors, noFormErrors, type FormErrors } from "../ui/formErrors";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useFocusFirstError } from "../ui/useFocusFirstError";
import { billingErrorMessage, billingFormErrors } from "./billingErrors";
import {
  cents,
  invoiceStanding,
  longDate,
  monthInputToDay,
  monthLabel,
  monthStart,
  parseAmount,
  platformToday,
} from "./billingText";
import { InvoiceDetail, useInvoiceTitle } from "./InvoiceDetail";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";
import {
  CreateCreditNoteMutation,
  IssueInvoiceMutation,
  OperatorInvoicesQuery,
  RecordPaymentMutation,
  RunMonthlyInvoicesMutation,
  SendFormalNoticeMutation,
  TerminateForNonPaymentMutation,
} from "./operatorOperations";
import "./billing.css";

type Invoice = InvoiceFieldsFragment;
type Pending =
  | { kind: "issue" | "payment" | "creditNote" | "notice" | "terminate"; invoice: Invoice }
  | { kind: "run"; month: string };

const METHODS: PaymentMethod[] = ["TRANSFER", "DIRECT_DEBIT", "CARD", "CHEQUE", "OTHER"];
const PAYMENT_FIELDS = ["amount", "paidOn", "method", "reference"] as const;
type PaymentField = (typeof PAYMENT_FIELDS)[number];

/** Records a payment received (full or partial). */
function PaymentDialog({
  invoice,
  onClose,
}: {
  invoice: Invoice;
  onClose: (done: string | null) => void;
}) {
  const { t, formatMoney } = useI18n();
  const title = useInvoiceTitle()(invoice);
  const [amount, setAmount] = useState(invoice.outstanding.replace(".", ","));
  const [paidOn, setPaidOn] = useState(platformToday());
  const [method, setMethod] = useState<PaymentMethod>("TRANSFER");
  const [reference, setReference] = useState("");
  const [errors, setErrors] = useState<FormErrors<PaymentField>>(noFormErrors);
  const [{ fetching }, record] = useMutation(RecordPaymentMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseAmount(amount);
    const checked = {
      fields: fieldErrors<PaymentField>({
        amount:
          parsed === null
            ? t("billing.error.INVALID_AMOUNT")
            : cents(parsed) > cents(invoice.outstanding)
              ? t("billing.error.MORE_THAN_DUE")
              : undefined,
        paidOn: !paidOn
          ? t("form.required")
          : paidOn > platformToday()
            ? t("billing.error.paidOn.IN_THE_FUTURE")
            : undefined,
        method: undefined,
        reference: undefined,
      }),
      form: null,
    };
    if (hasFormErrors(checked) || parsed === null) {
      setErrors(checked);
      return;
    }
    const result = await record({
      tenantId: invoice.tenantId,
      invoiceId: invoice.id,
      amount: parsed,
      paidOn,
      method,
      reference: reference.trim() || null,
    });
    if (result.data) {
      onClose(t("billing.ops.paymentRecorded", { amount: formatMoney(parsed), title }));
    } else if (result.error) {
      setErrors(billingFormErrors(result.error, PAYMENT_FIELDS, t));
    }
  }

  return (
    <Dialog title={t("billing.ops.paymentTitle", { title })} onCancel={() => onClose(null)}>
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <p className="muted">
          {t("billing.ops.paymentOutstanding", { amount: formatMoney(invoice.outstanding) })}
        </p>
        <FormAlert message={errors.form} />
        <TextField
          label={t("billing.ops.amount")}
          hint={t("billing.ops.amountHint")}
          inputMode="decimal"
          value={amount}
          onChange={setAmount}
          error={errors.fields.amount}
        />
        <TextField
          label={t("billing.ops.paidOn")}
          type="date"
          value={paidOn}
          onChange={setPaidOn}
          error={errors.fields.paidOn}
        />
        <SelectField
          label={t("billing.ops.method")}
          value={method}
          onChange={(m) => setMethod(m as PaymentMethod)}
          error={errors.fields.method}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`billing.method.${m}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("billing.ops.reference")}
          optional
          value={reference}
          onChange={setReference}
          error={errors.fields.reference}
        />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={() => onClose(null)}>
            {t("form.cancel")}
          </button>
          <button type="submit" className="button" disabled={fetching}>
            {fetching ? t("form.saving") : t("billing.ops.recordPayment")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Corrects an issued invoice by a credit note for its whole amount, with a reason. */
function CreditNoteDialog({
  invoice,
  onClose,
}: {
  invoice: Invoice;
  onClose: (done: string | null) => void;
}) {
  const { t, formatMoney } = useI18n();
  const title = useInvoiceTitle()(invoice);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrors<"reason">>(noFormErrors);
  const [{ fetching }, create] = useMutation(CreateCreditNoteMutation);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors({ fields: { reason: t("form.required") }, form: null });
      return;
    }
    const result = await create({
      tenantId: invoice.tenantId,
      invoiceId: invoice.id,
      reason: reason.trim(),
    });
    if (result.data) {
      onClose(
        t("billing.ops.creditNoteCreated", {
          number: result.data.createCreditNote.number ?? "",
          title,
        }),
      );
    } else if (result.error) {
      const mapped = billingFormErrors(result.error, ["reason"] as const, t);
      if (!mapped.fields.reason && !mapped.form) mapped.form = billingErrorMessage(result.error, t);
      setErrors(mapped);
    }
  }

  return (
    <Dialog title={t("billing.ops.creditNoteTitle", { title })} onCancel={() => onClose(null)}>
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <p>{t("billing.ops.creditNoteBody", { amount: formatMoney(invoice.totalIncludingTax) })}</p>
        <FormAlert message={errors.form} />
        <TextAreaField
          label={t("billing.ops.creditNoteReason")}
          rows={3}
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
        />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={() => onClose(null)}>
            {t("form.cancel")}
          </button>
          <button type="submit" className="button button--danger" disabled={fetching}>
            {fetching ? t("form.saving") : t("billing.ops.createCreditNote")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Operator staff: invoices and credit notes across tenants (drafts included), the overdue
 * ones on demand; per invoice, its issue, payments, credit note, formal notice and the
 * termination for non-payment; and the monthly run of invoices.
 */
export function OperatorInvoicesPage() {
  const { t, formatMoney, formatNumber, language } = useI18n();
  const [tenantId, setTenantId] = useState("");
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [runMonth, setRunMonth] = useState(() => monthStart(platformToday(), 1).slice(0, 7));
  const [runError, setRunError] = useState<string | null>(null);
  const variables = useMemo(
    () => ({ tenantId: tenantId || null, overdueOnly }),
    [tenantId, overdueOnly],
  );
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OperatorInvoicesQuery,
    variables,
    requestPolicy: "cache-and-network",
  });
  const [issueState, issue] = useMutation(IssueInvoiceMutation);
  const [noticeState, sendNotice] = useMutation(SendFormalNoticeMutation);
  const [terminateState, terminate] = useMutation(TerminateForNonPaymentMutation);
  const [runState, run] = useMutation(RunMonthlyInvoicesMutation);
  const title = useInvoiceTitle();

  const tenantNames = useMemo(
    () => new Map((data?.tenantBilling ?? []).map((tb) => [tb.tenantId, tb.tenantName])),
    [data?.tenantBilling],
  );
  const invoices = data?.operatorInvoices ?? [];
  const selected = invoices.find((i) => i.id === selectedId) ?? null;

  function open(next: Pending) {
    setDone(null);
    setDialogError(null);
    setPending(next);
  }

  function close(message: string | null) {
    setPending(null);
    setDialogError(null);
    if (message) {
      setDone(message);
      refetch({ requestPolicy: "network-only" });
    }
  }

  async function confirm() {
    if (!pending) return;
    if (pending.kind === "run") {
      const result = await run({ month: pending.month });
      if (result.data) {
        const report = result.data.runMonthlyInvoices;
        close(
          t("billing.ops.runDone", {
            month: monthLabel(pending.month, language),
            drafted: report.drafted,
            issued: report.issued,
            failed: report.failed,
          }),
        );
      } else if (result.error) {
        setPending(null);
        setRunError(billingErrorMessage(result.error, t));
      }
      return;
    }
    const { invoice } = pending;
    const ids = { tenantId: invoice.tenantId, invoiceId: invoice.id };
    if (pending.kind === "issue") {
      const result = await issue(ids);
      if (result.data) {
        close(t("billing.ops.issued", { number: result.data.issueInvoice.number ?? "" }));
      } else if (result.error) {
        setDialogError(
          billingErrorMessage(result.error, t, {
            INVALID_STATE: "billing.error.issue.INVALID_STATE",
          }),
        );
      }
    } else if (pending.kind === "notice") {
      const result = await sendNotice(ids);
      if (result.data) close(t("billing.ops.noticeSent", { title: title(invoice) }));
      else if (result.error) {
        setDialogError(
          billingErrorMessage(result.error, t, {
            INVALID_STATE: "billing.error.notice.INVALID_STATE",
          }),
        );
      }
    } else if (pending.kind === "terminate") {
      const result = await terminate({ tenantId: invoice.tenantId });
      if (result.data) {
        close(t("billing.ops.terminated", { tenant: tenantNames.get(invoice.tenantId) ?? "" }));
      } else if (result.error) {
        setDialogError(
          billingErrorMessage(result.error, t, {
            INVALID_STATE: "billing.error.terminate.INVALID_STATE",
          }),
        );
      }
    }
  }

  function submitRun(event: FormEvent) {
    event.preventDefault();
    setRunError(null);
    const month = monthInputToDay(runMonth);
    if (!month) {
      setRunError(t("billing.ops.runMonthRequired"));
      return;
    }
    if (month >= monthStart(platformToday())) {
      setRunError(t("billing.error.MONTH_NOT_OVER"));
      return;
    }
    open({ kind: "run", month });
  }

  const columns: Column<Invoice>[] = [
    {
      header: t("billing.invoices.col.number"),
      isRowHeader: true,
      cell: (i) => (
        <button
          type="button"
          className="link-button"
          aria-pressed={i.id === selectedId}
          onClick={() => setSelectedId(i.id === selectedId ? null : i.id)}
        >
          {i.number ?? t("billing.invoice.draft")}
        </button>
      ),
      csv: (i) => i.number ?? "",
    },
    { header: t("billing.tenants.col.tenant"), cell: (i) => tenantNames.get(i.tenantId) ?? "—" },
    { header: t("billing.invoices.col.period"), cell: (i) => monthLabel(i.periodStart, language) },
    {
      header: t("billing.invoices.col.issueDate"),
      cell: (i) => (i.issueDate ? longDate(i.issueDate, language) : "—"),
      csv: (i) => i.issueDate,
    },
    {
      header: t("billing.invoices.col.dueDate"),
      cell: (i) => (i.dueDate && i.kind === "INVOICE" ? longDate(i.dueDate, language) : "—"),
      csv: (i) => i.dueDate,
    },
    {
      header: t("billing.invoices.col.totalIncludingTax"),
      numeric: true,
      cell: (i) => formatMoney(i.totalIncludingTax),
      csv: (i) => i.totalIncludingTax,
    },
    {
      header: t("billing.invoices.col.outstanding"),
      numeric: true,
      cell: (i) => (i.kind === "INVOICE" ? formatMoney(i.outstanding) : "—"),
      csv: (i) => i.outstanding,
    },
    {
      header: t("billing.invoices.col.status"),
      cell: (i) => <InvoiceStatusBadge invoice={i} />,
      csv: (i) => t(`billing.standing.${invoiceStanding(i)}`),
    },
  ];

  const actionsOf = (invoice: Invoice) => {
    const issued = invoice.status === "ISSUED";
    const isInvoice = invoice.kind === "INVOICE";
    const owes = cents(invoice.outstanding) > 0;
    const label = title(invoice);
    return (
      <div className="button-row">
        {invoice.status === "DRAFT" && (
          <button type="button" className="button" onClick={() => open({ kind: "issue", invoice })}>
            {t("billing.ops.issue")}
          </button>
        )}
        {issued && isInvoice && owes && (
          <button
            type="button"
            className="button"
            onClick={() => open({ kind: "payment", invoice })}
          >
            {t("billing.ops.recordPayment")}
          </button>
        )}
        {issued && isInvoice && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => open({ kind: "creditNote", invoice })}
          >
            {t("billing.ops.createCreditNote")}
          </button>
        )}
        {issued && isInvoice && invoice.overdue && owes && !invoice.formalNoticeAt && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => open({ kind: "notice", invoice })}
          >
            {t("billing.ops.sendNotice")}
          </button>
        )}
        {issued && isInvoice && invoice.overdue && owes && (
          <button
            type="button"
            className="button button--danger"
            aria-label={t("billing.ops.terminateLabel", {
              tenant: tenantNames.get(invoice.tenantId) ?? label,
            })}
            onClick={() => open({ kind: "terminate", invoice })}
          >
            {t("billing.ops.terminate")}
          </button>
        )}
      </div>
    );
  };

  const busy =
    issueState.fetching || noticeState.fetching || terminateState.fetching || runState.fetching;

  return (
    <>
      <PageHeader title={t("billing.ops.title")} intro={t("billing.ops.intro")} />
      <SuccessMessage message={done} />
      <section className="panel" aria-labelledby="monthly-run">
        <h2 id="monthly-run">{t("billing.ops.runTitle")}</h2>
        <form className="filters" onSubmit={submitRun} noValidate>
          <TextField
            label={t("billing.ops.runMonth")}
            type="month"
            value={runMonth}
            onChange={setRunMonth}
            error={runError ?? undefined}
          />
          <button type="submit" className="button">
            {t("billing.ops.run")}
          </button>
        </form>
        <p className="muted">{t("billing.ops.runHint")}</p>
      </section>
      <div className="filters" role="search" aria-label={t("billing.ops.filters")}>
        <SelectField label={t("billing.ops.tenant")} value={tenantId} onChange={setTenantId}>
          <option value="">{t("billing.ops.allTenants")}</option>
          {(data?.tenantBilling ?? []).map((tb) => (
            <option key={tb.tenantId} value={tb.tenantId}>
              {tb.tenantName}
            </option>
          ))}
        </SelectField>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={overdueOnly}
            onChange={(event) => setOverdueOnly(event.target.checked)}
          />
          {t("billing.ops.overdueOnly")}
        </label>
      </div>
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <DataTable
          caption={t("billing.ops.caption")}
          columns={columns}
          rows={invoices}
          rowKey={(i) => i.id}
          emptyMessage={overdueOnly ? t("billing.ops.emptyOverdue") : t("billing.ops.empty")}
          exportName="factures-clients"
        />
      )}
      {data && invoices.length > 0 && (
        <p className="muted">{t("billing.ops.count", { count: formatNumber(invoices.length) })}</p>
      )}
      {selected && (
        <section className="panel">
          <InvoiceDetail invoice={selected} staff actions={actionsOf(selected)} />
        </section>
      )}
      {pending?.kind === "payment" && <PaymentDialog invoice={pending.invoice} onClose={close} />}
      {pending?.kind === "creditNote" && (
        <CreditNoteDialog invoice={pending.invoice} onClose={close} />
      )}
      {pending?.kind === "issue" && (
        <ConfirmDialog
          title={t("billing.ops.issueTitle", { title: title(pending.invoice) })}
          confirmLabel={t("billing.ops.issue")}
          onConfirm={confirm}
          onCancel={() => close(null)}
          busy={busy}
          error={dialogError}
        >
          <p>
            {t("billing.ops.issueBody", {
              tenant: tenantNames.get(pending.invoice.tenantId) ?? "",
              amount: formatMoney(pending.invoice.totalIncludingTax),
            })}
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === "notice" && (
        <ConfirmDialog
          title={t("billing.ops.noticeTitle", { title: title(pending.invoice) })}
          confirmLabel={t("billing.ops.sendNotice")}
          onConfirm={confirm}
          onCancel={() => close(null)}
          busy={busy}
          error={dialogError}
        >
          <p>
            {t("billing.ops.noticeBody", {
              tenant: tenantNames.get(pending.invoice.tenantId) ?? "",
              amount: formatMoney(pending.invoice.outstanding),
            })}
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === "terminate" && (
        <ConfirmDialog
          title={t("billing.ops.terminateTitle", {
            tenant: tenantNames.get(pending.invoice.tenantId) ?? "",
          })}
          confirmLabel={t("billing.ops.terminate")}
          onConfirm={confirm}
          onCancel={() => close(null)}
          busy={busy}
          destructive
          error={dialogError}
        >
          <p>{t("billing.ops.terminateBody")}</p>
        </ConfirmDialog>
      )}
      {pending?.kind === "run" && (
        <ConfirmDialog
          title={t("billing.ops.runConfirmTitle", { month: monthLabel(pending.month, language) })}
          confirmLabel={t("billing.ops.run")}
          onConfirm={confirm}
          onCancel={() => close(null)}
          busy={busy}
        >
          <p>{t("billing.ops.runConfirmBody")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

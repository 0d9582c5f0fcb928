import { useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import type { PriceQuoteFieldsFragment, UsageInput } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { BillingTabs } from "./BillingTabs";
import { billingErrorMessage } from "./billingErrors";
import {
  commitmentText,
  DEFAULT_EMAIL_TIERS,
  DEFAULT_SMS_TIERS,
  LEVELS,
  parseCount,
  readGrid,
} from "./billingText";
import { PriceQuoteQuery, SimulatorContextQuery } from "./operations";
import { PriceLines } from "./PriceLines";
import "./billing.css";

const COUNTS = ["contacts", "users", "emails", "sms", "rnvpAddresses", "dedupAddresses"] as const;
type CountField = (typeof COUNTS)[number];

interface Draft {
  level: string;
  emailCommitment: string;
  smsCommitment: string;
  counts: Record<CountField, string>;
}

const INITIAL: Draft = {
  level: "2",
  emailCommitment: "0",
  smsCommitment: "0",
  counts: {
    contacts: "0",
    users: "1",
    emails: "0",
    sms: "0",
    rnvpAddresses: "0",
    dedupAddresses: "0",
  },
};

/** The usage to price, or the fields that are not whole numbers. */
function usageOf(draft: Draft): { usage: UsageInput | null; invalid: CountField[] } {
  const values: Partial<Record<CountField, number>> = {};
  const invalid: CountField[] = [];
  for (const field of COUNTS) {
    const value = parseCount(draft.counts[field]);
    if (value === null) invalid.push(field);
    else values[field] = value;
  }
  if (invalid.length > 0) return { usage: null, invalid };
  return {
    usage: {
      level: Number(draft.level),
      contacts: values.contacts ?? 0,
      users: values.users ?? 0,
      emails: values.emails ?? 0,
      emailCommitment: Number(draft.emailCommitment),
      sms: values.sms ?? 0,
      smsCommitment: Number(draft.smsCommitment),
      rnvpAddresses: values.rnvpAddresses ?? 0,
      dedupAddresses: values.dedupAddresses ?? 0,
    },
    invalid,
  };
}

/** "Sur vos 6 derniers mois, le niveau 3 … vous aurait fait économiser 120,00 €." */
function PlanAdviceNote() {
  const { t, formatMoney, formatNumber } = useI18n();
  const [{ data, error }] = useQuery({ query: SimulatorContextQuery });
  if (error) return null;
  const advice = data?.planAdvice;
  if (!data) return null;
  let text: string;
  if (!advice) text = t("billing.advice.none");
  else if (Number(advice.saving) <= 0) {
    text = t("billing.advice.alreadyBest", {
      months: advice.months,
      total: formatMoney(advice.actualTotal),
    });
  } else {
    text = t("billing.advice.saving", {
      months: advice.months,
      level: advice.bestLevel,
      email: commitmentText("email", advice.bestEmailCommitment, t, formatNumber, true),
      sms: commitmentText("sms", advice.bestSmsCommitment, t, formatNumber, true),
      best: formatMoney(advice.bestTotal),
      actual: formatMoney(advice.actualTotal),
      saving: formatMoney(advice.saving),
    });
  }
  return (
    <section className="panel" aria-labelledby="plan-advice">
      <h2 id="plan-advice">{t("billing.advice.title")}</h2>
      <p data-testid="plan-advice">{text}</p>
      {advice && Number(advice.saving) > 0 && (
        <p className="muted">{t("billing.advice.howToChange")}</p>
      )}
    </section>
  );
}

/**
 * The simulator (tenant administrators): a month's usage priced under the grid in force as it
 * is typed (debounced), with the lines, the monthly minimum and the totals.
 */
export function SimulatorPage() {
  const { t, formatNumber } = useI18n();
  const [draft, setDraft] = useState<Draft>(INITIAL);
  const [{ data: context }] = useQuery({ query: SimulatorContextQuery });
  const grid = useMemo(() => readGrid(context?.priceGrid.grid), [context?.priceGrid.grid]);
  const emailTiers = grid?.emailTiers.map((tier) => tier.commitment) ?? DEFAULT_EMAIL_TIERS;
  const smsTiers = grid?.smsTiers.map((tier) => tier.commitment) ?? DEFAULT_SMS_TIERS;
  const levels = grid?.levels.map((l) => l.level) ?? [...LEVELS];

  const { usage, invalid } = usageOf(draft);
  // Debounced as text: a new object each render would restart the wait for ever.
  const usageKey = usage ? JSON.stringify(usage) : "";
  const debouncedKey = useDebouncedValue(usageKey, 350);
  const variables = useMemo(
    () => ({ usage: debouncedKey ? (JSON.parse(debouncedKey) as UsageInput) : INITIAL_USAGE }),
    [debouncedKey],
  );
  const [{ data, fetching, error }] = useQuery({
    query: PriceQuoteQuery,
    variables,
    pause: debouncedKey === "",
  });
  const stale = usageKey === "" || usageKey !== debouncedKey;
  // The last quote stays on screen (dimmed) while the next one is computed.
  const [kept, setKept] = useState<PriceQuoteFieldsFragment | null>(null);
  useEffect(() => {
    if (data?.priceQuote) setKept(data.priceQuote);
  }, [data?.priceQuote]);
  const failed = Boolean(error) && !stale;
  const quote = failed ? null : (data?.priceQuote ?? kept);

  const setCount = (field: CountField) => (value: string) =>
    setDraft((d) => ({ ...d, counts: { ...d.counts, [field]: value } }));

  const countField = (field: CountField, hint?: string) => (
    <TextField
      label={t(`billing.simulator.${field}`)}
      inputMode="numeric"
      autoComplete="off"
      value={draft.counts[field]}
      onChange={setCount(field)}
      hint={hint}
      error={invalid.includes(field) ? t("billing.simulator.wholeNumber") : undefined}
    />
  );

  return (
    <>
      <PageHeader title={t("billing.simulator.title")} intro={t("billing.simulator.intro")} />
      <BillingTabs />
      <div className="simulator">
        <form
          className="form simulator__form"
          noValidate
          onSubmit={(event) => event.preventDefault()}
          aria-label={t("billing.simulator.formLabel")}
        >
          <fieldset className="form__group">
            <legend>{t("billing.simulator.subscription")}</legend>
            <SelectField
              label={t("billing.simulator.level")}
              value={draft.level}
              onChange={(level) => setDraft((d) => ({ ...d, level }))}
            >
              {levels.map((level) => (
                <option key={level} value={String(level)}>
                  {t("billing.level", { level })}
                </option>
              ))}
            </SelectField>
            {countField("contacts", t("billing.simulator.contactsHint"))}
            {countField("users", t("billing.simulator.usersHint"))}
          </fieldset>
          <fieldset className="form__group">
            <legend>{t("billing.simulator.routing")}</legend>
            {countField("emails")}
            <SelectField
              label={t("billing.simulator.emailCommitment")}
              value={draft.emailCommitment}
              onChange={(emailCommitment) => setDraft((d) => ({ ...d, emailCommitment }))}
            >
              {emailTiers.map((tier) => (
                <option key={tier} value={String(tier)}>
                  {commitmentText("email", tier, t, formatNumber)}
                </option>
              ))}
            </SelectField>
            {countField("sms")}
            <SelectField
              label={t("billing.simulator.smsCommitment")}
              value={draft.smsCommitment}
              onChange={(smsCommitment) => setDraft((d) => ({ ...d, smsCommitment }))}
            >
              {smsTiers.map((tier) => (
                <option key={tier} value={String(tier)}>
                  {commitmentText("sms", tier, t, formatNumber)}
                </option>
              ))}
            </SelectField>
          </fieldset>
          <fieldset className="form__group">
            <legend>{t("billing.simulator.postal")}</legend>
            {countField("rnvpAddresses")}
            {countField("dedupAddresses")}
          </fieldset>
        </form>
        <section
          className="panel simulator__result"
          aria-labelledby="simulator-result"
          aria-busy={fetching || stale}
        >
          <h2 id="simulator-result">{t("billing.simulator.result")}</h2>
          <p className="visually-hidden" role="status">
            {quote && !stale && !fetching ? t("billing.simulator.updated") : ""}
          </p>
          {error && failed && (
            <div className="alert alert--error" role="alert">
              {billingErrorMessage(error, t)}
            </div>
          )}
          {usage === null && <p className="muted">{t("billing.simulator.fixFields")}</p>}
          {!quote && !failed && usage !== null && <LoadingState />}
          {quote && (
            <div className={stale || fetching ? "simulator__quote--stale" : undefined}>
              <PriceLines
                caption={t("billing.simulator.caption")}
                lines={quote.lines}
                totals={quote}
                minimum={{ amount: quote.minimum, applied: quote.minimumApplied }}
              />
              <p className="muted">
                {t("billing.simulator.gridVersion", { version: quote.gridVersion })}
              </p>
            </div>
          )}
        </section>
      </div>
      <PlanAdviceNote />
    </>
  );
}

const INITIAL_USAGE: UsageInput = { level: 2, contacts: 0, users: 1 };

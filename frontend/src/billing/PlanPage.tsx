import { useState } from "react";
import { useMutation, useQuery } from "urql";
import type { BillingOfferQuery } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { DataTable, type Column } from "../ui/DataTable";
import { SuccessMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { BillingProfileForm } from "./BillingProfileForm";
import { BillingTabs } from "./BillingTabs";
import { commitmentText, longDate, planSummary, readGrid } from "./billingText";
import { GridTables } from "./GridTables";
import { BillingOfferQuery as OfferQuery, UpdateBillingProfileMutation } from "./operations";
import "./billing.css";

type PlanChange = BillingOfferQuery["billingPlan"]["history"][number];

/**
 * "Mon offre" (tenant administrators): the level and commitments in force, the next ones,
 * their history, the rules and prices of the grid in force, and the billing identity.
 */
export function PlanPage() {
  const { t, formatNumber, formatDateTime, language } = useI18n();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OfferQuery,
    requestPolicy: "cache-and-network",
  });
  const [{ fetching: saving }, updateProfile] = useMutation(UpdateBillingProfileMutation);
  const [saved, setSaved] = useState<string | null>(null);
  const grid = readGrid(data?.priceGrid.grid);

  const historyColumns: Column<PlanChange>[] = [
    {
      header: t("billing.plan.col.effectiveFrom"),
      isRowHeader: true,
      cell: (c) => longDate(c.effectiveFrom, language),
      csv: (c) => c.effectiveFrom,
    },
    { header: t("billing.plan.col.level"), cell: (c) => t("billing.level", { level: c.level }) },
    {
      header: t("billing.plan.col.emailCommitment"),
      cell: (c) => commitmentText("email", c.emailCommitment, t, formatNumber),
    },
    {
      header: t("billing.plan.col.smsCommitment"),
      cell: (c) => commitmentText("sms", c.smsCommitment, t, formatNumber),
    },
    { header: t("billing.plan.col.requestedOn"), cell: (c) => longDate(c.requestedOn, language) },
    { header: t("billing.plan.col.recordedAt"), cell: (c) => formatDateTime(c.recordedAt) },
  ];

  return (
    <>
      <PageHeader title={t("billing.plan.title")} intro={t("billing.plan.intro")} />
      <BillingTabs />
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <section className="panel" aria-labelledby="plan-current">
            <h2 id="plan-current">{t("billing.plan.current")}</h2>
            <p className="plan-summary" data-testid="plan-current">
              {planSummary(data.billingPlan.current, t, formatNumber)}
            </p>
            <p className="muted">
              {data.billingPlan.current.effectiveFrom
                ? t("billing.plan.since", {
                    date: longDate(data.billingPlan.current.effectiveFrom, language),
                  })
                : t("billing.plan.default")}
            </p>
            {data.billingPlan.next ? (
              <p data-testid="plan-next">
                {t("billing.plan.next", {
                  date: longDate(data.billingPlan.next.effectiveFrom ?? "", language),
                  plan: planSummary(data.billingPlan.next, t, formatNumber),
                })}
              </p>
            ) : (
              <p className="muted">{t("billing.plan.noNext")}</p>
            )}
            <p className="muted">{t("billing.plan.howToChange")}</p>
          </section>
          <section className="billing-section" aria-labelledby="plan-history">
            <h2 id="plan-history">{t("billing.plan.history")}</h2>
            <DataTable
              caption={t("billing.plan.history")}
              columns={historyColumns}
              rows={data.billingPlan.history}
              rowKey={(c) => c.id}
              emptyMessage={t("billing.plan.historyEmpty")}
            />
          </section>
          <section className="billing-section" aria-labelledby="plan-grid">
            <h2 id="plan-grid">{t("billing.plan.grid", { version: data.priceGrid.version })}</h2>
            <p className="muted">
              {data.priceGrid.effectiveFrom
                ? t("billing.grid.inForceSince", {
                    date: longDate(data.priceGrid.effectiveFrom, language),
                  })
                : t("billing.grid.initial")}
            </p>
            <h3>{t("billing.grid.rules")}</h3>
            <ul className="grid-rules">
              {data.priceGrid.rules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
            {grid && <GridTables grid={grid} version={data.priceGrid.version} />}
          </section>
          <section className="panel" aria-labelledby="billing-profile">
            <h2 id="billing-profile">{t("billing.profile.title")}</h2>
            <p className="muted">{t("billing.profile.intro")}</p>
            <SuccessMessage message={saved} />
            <BillingProfileForm
              key={data.billingProfile ? "saved" : "new"}
              profile={data.billingProfile}
              busy={saving}
              label={t("billing.profile.title")}
              submitLabel={t("billing.profile.save")}
              onSave={async (input) => {
                setSaved(null);
                const result = await updateProfile({ input });
                if (result.error) return result.error;
                setSaved(t("billing.profile.saved"));
                refetch({ requestPolicy: "network-only" });
                return null;
              }}
            />
          </section>
        </>
      )}
    </>
  );
}

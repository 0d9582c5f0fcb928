import { useMemo, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { TextAreaField } from "../campaigns/TextAreaField";
import type {
  PriceGridFieldsFragment,
  RevisePriceGridMutation as RevisionData,
} from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { DataTable, type Column } from "../ui/DataTable";
import { SuccessMessage } from "../ui/FlashMessage";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { TextField } from "../ui/TextField";
import { revisionRefusal } from "./billingErrors";
import {
  commitmentText,
  LEVEL_PRICES,
  longDate,
  monthStart,
  parsePrice,
  platformToday,
  pricePathLabel,
  readGrid,
  type PriceGrid,
} from "./billingText";
import { GridTables } from "./GridTables";
import { PriceGridsQuery, RevisePriceGridMutation } from "./operatorOperations";
import "./billing.css";

/** Every price of a grid under its stable path (`levels.3.perContact`), as typed text. */
type Prices = Record<string, string>;

function pricesOf(grid: PriceGrid): Prices {
  const prices: Prices = {};
  for (const level of grid.levels) {
    for (const price of LEVEL_PRICES) prices[`levels.${level.level}.${price}`] = level[price];
  }
  for (const tier of grid.emailTiers) prices[`emailTiers.${tier.commitment}.price`] = tier.price;
  for (const tier of grid.smsTiers) prices[`smsTiers.${tier.commitment}.price`] = tier.price;
  return prices;
}

/** The grid with the typed prices (already checked), as the API reads it. */
function withPrices(grid: PriceGrid, prices: Prices): PriceGrid {
  const read = (path: string, fallback: string) => parsePrice(prices[path] ?? "") ?? fallback;
  return {
    ...grid,
    levels: grid.levels.map((level) => {
      const next = { ...level };
      for (const price of LEVEL_PRICES) {
        next[price] = read(`levels.${level.level}.${price}`, level[price]);
      }
      return next;
    }),
    emailTiers: grid.emailTiers.map((tier) => ({
      ...tier,
      price: read(`emailTiers.${tier.commitment}.price`, tier.price),
    })),
    smsTiers: grid.smsTiers.map((tier) => ({
      ...tier,
      price: read(`smsTiers.${tier.commitment}.price`, tier.price),
    })),
  };
}

interface Change {
  path: string;
  from: number;
  to: number;
  percent: number | null;
}

/** The prices typed differently from the grid's, with their change in percent. */
function changesOf(before: Prices, typed: Prices): Change[] {
  const changes: Change[] = [];
  for (const [path, was] of Object.entries(before)) {
    const now = parsePrice(typed[path] ?? "");
    if (now === null || Number(now) === Number(was)) continue;
    const from = Number(was);
    const to = Number(now);
    changes.push({ path, from, to, percent: from === 0 ? null : ((to - from) / from) * 100 });
  }
  return changes;
}

/** The revision of the latest grid: its prices, a structure change (as JSON), a note. */
function RevisionForm({
  latest,
  onRevised,
}: {
  latest: PriceGridFieldsFragment;
  onRevised: (revision: RevisionData["revisePriceGrid"]) => void;
}) {
  const { t, formatNumber, language } = useI18n();
  const grid = useMemo(() => readGrid(latest.grid), [latest.grid]);
  const original = useMemo(() => (grid ? pricesOf(grid) : {}), [grid]);
  const [prices, setPrices] = useState<Prices>(original);
  const [structureChange, setStructureChange] = useState(false);
  const [json, setJson] = useState("");
  const [note, setNote] = useState("");
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<{ message: string; details: string[] } | null>(null);
  const [confirming, setConfirming] = useState<unknown>(null);
  const [{ fetching }, revise] = useMutation(RevisePriceGridMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const applies = longDate(monthStart(platformToday(), -1), language);
  if (!grid) return <p>{t("billing.grid.unreadable")}</p>;
  const changes = changesOf(original, prices);

  function toggleStructure(on: boolean) {
    setStructureChange(on);
    if (on && grid) setJson(JSON.stringify(withPrices(grid, prices), null, 2));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    const problems: Record<string, string> = {};
    let proposed: unknown = null;
    if (structureChange) {
      try {
        proposed = JSON.parse(json);
        if (!readGrid(proposed)) problems.json = t("billing.grid.jsonNotGrid");
      } catch {
        problems.json = t("billing.grid.jsonInvalid");
      }
    } else {
      for (const path of Object.keys(original)) {
        if (parsePrice(prices[path] ?? "") === null)
          problems[path] = t("billing.grid.priceInvalid");
      }
      if (grid) proposed = withPrices(grid, prices);
    }
    setInvalid(problems);
    const count = Object.keys(problems).length;
    if (count > 0) {
      setRefusal({ message: t("form.errorCount", { count }), details: [] });
      window.setTimeout(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    if (!structureChange && changes.length === 0) {
      setRefusal({ message: t("billing.grid.noChange"), details: [] });
      return;
    }
    setConfirming(proposed);
  }

  async function confirm() {
    const result = await revise({
      grid: confirming,
      structureChange,
      note: note.trim() || null,
    });
    setConfirming(null);
    if (result.data) {
      onRevised(result.data.revisePriceGrid);
    } else if (result.error) {
      setRefusal(revisionRefusal(result.error, t, formatNumber));
      window.setTimeout(() =>
        formRef.current?.querySelector<HTMLElement>('[data-form-alert="true"]')?.focus(),
      );
    }
  }

  const priceField = (path: string, label: string) => (
    <TextField
      key={path}
      label={label}
      inputMode="decimal"
      autoComplete="off"
      value={prices[path] ?? ""}
      onChange={(value) => setPrices((p) => ({ ...p, [path]: value }))}
      error={invalid[path]}
      disabled={structureChange}
    />
  );

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="form form--wide"
      aria-labelledby="grid-revision"
    >
      <h2 id="grid-revision">{t("billing.grid.reviseTitle", { version: latest.version })}</h2>
      <p className="muted">{t("billing.grid.reviseIntro", { date: applies })}</p>
      {refusal && (
        <div className="alert alert--error" role="alert" tabIndex={-1} data-form-alert="true">
          <p className="grid-refusal__message">{refusal.message}</p>
          {refusal.details.length > 0 && (
            <ul>
              {refusal.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {grid.levels.map((level) => (
        <fieldset key={level.level} className="form__group">
          <legend>{t("billing.level", { level: level.level })}</legend>
          <div className="form__grid">
            {LEVEL_PRICES.map((price) =>
              priceField(`levels.${level.level}.${price}`, t(`billing.grid.levelPrice.${price}`)),
            )}
          </div>
        </fieldset>
      ))}
      <fieldset className="form__group">
        <legend>{t("billing.grid.emailTiers", { block: formatNumber(grid.blockSize) })}</legend>
        <div className="form__grid">
          {grid.emailTiers.map((tier) =>
            priceField(
              `emailTiers.${tier.commitment}.price`,
              commitmentText("email", tier.commitment, t, formatNumber),
            ),
          )}
        </div>
      </fieldset>
      <fieldset className="form__group">
        <legend>{t("billing.grid.smsTiers")}</legend>
        <div className="form__grid">
          {grid.smsTiers.map((tier) =>
            priceField(
              `smsTiers.${tier.commitment}.price`,
              commitmentText("sms", tier.commitment, t, formatNumber),
            ),
          )}
        </div>
      </fieldset>
      {changes.length > 0 && !structureChange && (
        <section aria-labelledby="grid-changes">
          <h3 id="grid-changes">{t("billing.grid.changes")}</h3>
          <ul className="grid-changes">
            {changes.map((c) => (
              <li
                key={c.path}
                className={c.percent !== null && c.percent > 15 ? "grid-changes__over" : undefined}
              >
                {t(c.percent === null ? "billing.grid.increaseNoPercent" : "billing.grid.change", {
                  price: pricePathLabel(c.path, t, formatNumber),
                  from: formatNumber(c.from),
                  to: formatNumber(c.to),
                  percent:
                    c.percent === null
                      ? ""
                      : `${c.percent > 0 ? "+" : ""}${formatNumber(Math.round(c.percent * 100) / 100)}`,
                })}
                {c.percent !== null && c.percent > 15 && ` ${t("billing.grid.overLimit")}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={structureChange}
          onChange={(event) => toggleStructure(event.target.checked)}
        />
        {t("billing.grid.structureChange")}
      </label>
      <p className="field__hint">{t("billing.grid.structureChangeHint")}</p>
      {structureChange && (
        <TextAreaField
          label={t("billing.grid.json")}
          hint={t("billing.grid.jsonHint")}
          className="grid-json"
          rows={16}
          spellCheck={false}
          value={json}
          onChange={setJson}
          error={invalid.json}
        />
      )}
      <TextAreaField
        label={t("billing.grid.note")}
        hint={t("billing.grid.noteHint")}
        optional
        rows={2}
        value={note}
        onChange={setNote}
      />
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setPrices(original);
            setStructureChange(false);
            setInvalid({});
            setRefusal(null);
          }}
        >
          {t("billing.grid.reset")}
        </button>
        <button type="submit" className="button" disabled={fetching}>
          {t("billing.grid.submit")}
        </button>
      </div>
      {confirming !== null && (
        <ConfirmDialog
          title={t("billing.grid.confirmTitle")}
          confirmLabel={t("billing.grid.confirm")}
          onConfirm={confirm}
          onCancel={() => setConfirming(null)}
          busy={fetching}
        >
          <p>
            {t(structureChange ? "billing.grid.confirmStructure" : "billing.grid.confirmBody", {
              date: applies,
              count: changes.length,
            })}
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}

/**
 * Operator staff: the versions of the price grid with their prices and rules, and the
 * revision of the latest (article 10: two ordinary revisions a year, +15 % a price at most,
 * unless flagged as a change of structure), with the refusals in words.
 */
export function PriceGridsPage() {
  const { t, formatDateTime, language } = useI18n();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PriceGridsQuery,
    requestPolicy: "cache-and-network",
  });
  const [opened, setOpened] = useState<number | null>(null);
  const [revised, setRevised] = useState<RevisionData["revisePriceGrid"] | null>(null);
  const versions = data?.priceGrids ?? [];
  const latest = versions[0];
  const shown = versions.find((v) => v.version === (opened ?? latest?.version));
  const shownGrid = shown ? readGrid(shown.grid) : null;

  const columns: Column<PriceGridFieldsFragment>[] = [
    {
      header: t("billing.grid.col.version"),
      isRowHeader: true,
      cell: (v) => (
        <button
          type="button"
          className="link-button"
          aria-pressed={v.version === shown?.version}
          onClick={() => setOpened(v.version)}
        >
          {t("billing.grid.versionNumber", { version: v.version })}
        </button>
      ),
      csv: (v) => v.version,
    },
    { header: t("billing.grid.col.kind"), cell: (v) => t(`billing.grid.kind.${v.kind}`) },
    {
      header: t("billing.grid.col.effectiveFrom"),
      cell: (v) =>
        v.effectiveFrom ? longDate(v.effectiveFrom, language) : t("billing.grid.initial"),
      csv: (v) => v.effectiveFrom,
    },
    {
      header: t("billing.grid.col.announcedAt"),
      cell: (v) => (v.announcedAt ? formatDateTime(v.announcedAt) : "—"),
      csv: (v) => v.announcedAt,
    },
    { header: t("billing.grid.col.note"), cell: (v) => v.note ?? "—" },
  ];

  return (
    <>
      <PageHeader title={t("billing.grid.title")} intro={t("billing.grid.intro")} />
      {revised && (
        <>
          <SuccessMessage
            message={t("billing.grid.revised", {
              version: revised.version.version,
              date: revised.version.effectiveFrom
                ? longDate(revised.version.effectiveFrom, language)
                : "—",
              count: revised.notified,
            })}
          />
          {revised.changes.length > 0 && (
            <ul className="grid-changes" aria-label={t("billing.grid.changes")}>
              {revised.changes.map((c) => (
                <li key={c.price}>{c.description}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {error && <QueryError error={error} />}
      {!data && fetching && <LoadingState />}
      {data && (
        <>
          <DataTable
            caption={t("billing.grid.caption")}
            columns={columns}
            rows={versions}
            rowKey={(v) => String(v.version)}
            emptyMessage={t("billing.grid.empty")}
          />
          {shown && (
            <section className="billing-section" aria-labelledby="grid-shown">
              <h2 id="grid-shown">{t("billing.grid.pricesOf", { version: shown.version })}</h2>
              <h3>{t("billing.grid.rules")}</h3>
              <ul className="grid-rules">
                {shown.rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
              {shownGrid && <GridTables grid={shownGrid} version={shown.version} />}
            </section>
          )}
          {latest && (
            <section className="panel">
              <RevisionForm
                key={latest.version}
                latest={latest}
                onRevised={(revision) => {
                  setRevised(revision);
                  setOpened(null);
                  refetch({ requestPolicy: "network-only" });
                }}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}

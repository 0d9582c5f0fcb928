import { useId, useState, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import type { AbWinnerBy, Channel, RunPlan } from "../gql/graphql";
import { useI18n } from "../i18n/useI18n";
import { useViewer } from "../session/useSession";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { FormAlert } from "../ui/FormAlert";
import { PageHeader } from "../ui/PageHeader";
import { LoadingState, QueryError } from "../ui/QueryStatus";
import { SelectField } from "../ui/SelectField";
import { TextField } from "../ui/TextField";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import {
  AB_DELAY_MAX,
  AB_DELAY_MIN,
  AB_DELAY_PRESETS,
  AB_SHARE_DEFAULT,
  AB_SHARE_MAX,
  AB_SHARE_MIN,
  AB_SHARE_STEP,
  AB_WINNER_BY,
  abDelayText,
  abShareText,
  allowedWinnerBy,
  checkAbTest,
  measuredDecisionBlocked,
  parseDelayMinutes,
  winnerByKey,
} from "./abTest";
import { campaignErrorMessage, campaignFormErrors } from "./campaignErrors";
import {
  channelKey,
  CRON_PRESETS,
  formatWhen,
  looksLikeCron,
  parisLocalToIso,
  presetOf,
} from "./campaignText";
import {
  CampaignSendersQuery,
  CampaignTrackingQuery,
  CreateCampaignMutation,
  LaunchCampaignMutation,
  MessageTemplatesQuery,
  UpcomingRunsQuery,
  WizardSegmentsQuery,
} from "./operations";
import "./campaigns.css";

const STEPS = ["segment", "template", "sender", "plan", "summary"] as const;
type Step = (typeof STEPS)[number];
const FIELDS = [
  "name",
  "segmentId",
  "templateId",
  "abTest.templateId",
  "abTest.sharePercent",
  "abTest.winnerBy",
  "abTest.decideAfterMinutes",
  "senderId",
  "scheduledAt",
  "cron",
] as const;
type WizardField = (typeof FIELDS)[number];

/** Which step shows an API error about a field. */
const STEP_OF: Record<WizardField, Step> = {
  name: "segment",
  segmentId: "segment",
  templateId: "template",
  "abTest.templateId": "template",
  "abTest.sharePercent": "template",
  "abTest.winnerBy": "template",
  "abTest.decideAfterMinutes": "template",
  senderId: "sender",
  scheduledAt: "plan",
  cron: "plan",
};

interface Choice {
  id: string;
  title: string;
  detail?: string;
}

function ChoiceList({
  legend,
  choices,
  value,
  onChange,
  error,
  empty,
}: {
  legend: string;
  choices: Choice[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
  empty: ReactNode;
}) {
  const name = useId();
  return (
    <fieldset className="choice-list" aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {choices.length === 0 && <div className="empty-state">{empty}</div>}
      {choices.map((c) => (
        <label key={c.id} className="choice">
          <input
            type="radio"
            name={name}
            value={c.id}
            checked={value === c.id}
            onChange={() => onChange(c.id)}
          />
          <span>
            <strong>{c.title}</strong>
            {c.detail && <span className="muted"> · {c.detail}</span>}
          </span>
        </label>
      ))}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}

/** The next runs of a recurring plan, from the API, as the cron is typed. */
function UpcomingRuns({ cron }: { cron: string }) {
  const { t, language } = useI18n();
  const debounced = useDebouncedValue(cron.trim(), 400);
  const [{ data, error, fetching }] = useQuery({
    query: UpcomingRunsQuery,
    variables: { cron: debounced, count: 5 },
    pause: !looksLikeCron(debounced),
  });
  if (!looksLikeCron(debounced)) return null;
  return (
    <div aria-live="polite">
      <h3>{t("wizard.plan.upcoming")}</h3>
      {error ? (
        <p className="field__error">{campaignErrorMessage(error, t)}</p>
      ) : fetching && !data ? (
        <LoadingState />
      ) : (
        <ol>
          {(data?.upcomingRuns ?? []).map((at) => (
            <li key={at}>{formatWhen(at, language)}</li>
          ))}
        </ol>
      )}
    </div>
  );
}

type DelayChoice = `${number}` | "other";

/**
 * The optional A/B test of the template step: variant B's template, the share tested, how
 * the winner is decided (opens and clicks need the tenant's tracking and an email) and when
 * it goes to the rest.
 */
function AbTestFields({
  templates,
  templateIdA,
  templateIdB,
  onTemplateIdB,
  share,
  onShare,
  winnerBy,
  onWinnerBy,
  delayChoice,
  onDelayChoice,
  delayOther,
  onDelayOther,
  tracking,
  channel,
  errors,
}: {
  templates: { id: string; name: string }[];
  templateIdA: string;
  templateIdB: string;
  onTemplateIdB: (id: string) => void;
  share: number;
  onShare: (share: number) => void;
  winnerBy: AbWinnerBy;
  onWinnerBy: (winnerBy: AbWinnerBy) => void;
  delayChoice: DelayChoice;
  onDelayChoice: (choice: DelayChoice) => void;
  delayOther: string;
  onDelayOther: (minutes: string) => void;
  tracking: boolean;
  channel: Channel;
  errors: Partial<Record<WizardField, string>>;
}) {
  const { t, formatPercent } = useI18n();
  const shareId = useId();
  const splitId = useId();
  const reasonId = useId();
  const blocked = measuredDecisionBlocked(tracking, channel);
  const others = templates.filter((tpl) => tpl.id !== templateIdA);
  const shareError = errors["abTest.sharePercent"];
  return (
    <>
      <SelectField
        label={t("wizard.ab.variantB")}
        value={templateIdB}
        onChange={onTemplateIdB}
        error={errors["abTest.templateId"]}
      >
        <option value="">{t("wizard.ab.variantBChoose")}</option>
        {others.map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {tpl.name}
          </option>
        ))}
      </SelectField>
      {others.length === 0 && (
        <p className="field__hint">
          {t("wizard.ab.variantBNone", { channel: t(channelKey(channel)) })}{" "}
          <Link to="/campagnes/modeles/nouveau">{t("templates.new")}</Link>
        </p>
      )}
      <div className="field">
        <label htmlFor={shareId}>
          {t("wizard.ab.share", { share: formatPercent(share / 100) })}
        </label>
        <input
          id={shareId}
          type="range"
          min={AB_SHARE_MIN}
          max={AB_SHARE_MAX}
          step={AB_SHARE_STEP}
          value={share}
          onChange={(e) => onShare(Number(e.target.value))}
          aria-valuetext={formatPercent(share / 100)}
          aria-describedby={splitId}
          aria-invalid={shareError ? true : undefined}
        />
        <p id={splitId} className="field__hint" data-testid="ab-split">
          {abShareText(share, t, formatPercent)}
        </p>
        {shareError && <p className="field__error">{shareError}</p>}
      </div>
      <fieldset className="choice-list" aria-invalid={errors["abTest.winnerBy"] ? true : undefined}>
        <legend>{t("wizard.ab.winnerBy")}</legend>
        {AB_WINNER_BY.map((w) => {
          const disabled = w !== "CHOSEN" && blocked !== null;
          return (
            <label key={w} className="choice">
              <input
                type="radio"
                name="ab-winner-by"
                value={w}
                checked={winnerBy === w}
                disabled={disabled}
                aria-describedby={disabled ? reasonId : undefined}
                onChange={() => onWinnerBy(w)}
              />
              <span>
                {t(winnerByKey(w))}
                {disabled && <span className="muted"> ({t(blocked)})</span>}
              </span>
            </label>
          );
        })}
        {blocked && (
          <p id={reasonId} className="visually-hidden">
            {t(blocked)}
          </p>
        )}
        {errors["abTest.winnerBy"] && <p className="field__error">{errors["abTest.winnerBy"]}</p>}
      </fieldset>
      <fieldset
        className="choice-list"
        aria-invalid={errors["abTest.decideAfterMinutes"] ? true : undefined}
      >
        <legend>{t("wizard.ab.delay")}</legend>
        {[...AB_DELAY_PRESETS.map((m) => `${m}` as DelayChoice), "other" as const].map((c) => (
          <label key={c} className="choice">
            <input
              type="radio"
              name="ab-delay"
              value={c}
              checked={delayChoice === c}
              onChange={() => onDelayChoice(c)}
            />
            <span>{c === "other" ? t("wizard.ab.delayOther") : abDelayText(Number(c), t)}</span>
          </label>
        ))}
        {delayChoice === "other" && (
          <TextField
            label={t("wizard.ab.delayMinutes")}
            type="number"
            inputMode="numeric"
            min={AB_DELAY_MIN}
            max={AB_DELAY_MAX}
            value={delayOther}
            onChange={onDelayOther}
            error={errors["abTest.decideAfterMinutes"]}
          />
        )}
        {delayChoice !== "other" && errors["abTest.decideAfterMinutes"] && (
          <p className="field__error">{errors["abTest.decideAfterMinutes"]}</p>
        )}
        {winnerBy === "CHOSEN" && <p className="field__hint">{t("wizard.ab.delayChosenHint")}</p>}
      </fieldset>
    </>
  );
}

/** `/campagnes/nouvelle`: segment, template, sender, plan, then a summary that launches. */
export function CampaignWizardPage() {
  const { t, language, formatNumber, formatPercent } = useI18n();
  const viewer = useViewer();
  const navigate = useNavigate();
  const canAnalyse = viewer.rights.includes("ANALYSE");
  const [step, setStep] = useState<Step>("segment");
  const [name, setName] = useState("");
  const [channel, setChannel] = useState<Channel>("EMAIL");
  const [segmentId, setSegmentId] = useState("");
  const [templateId, setTemplateId] = useState("");
  const [senderId, setSenderId] = useState("");
  const [plan, setPlan] = useState<RunPlan>("NOW");
  const [at, setAt] = useState("");
  const [cron, setCron] = useState("0 9 * * MON");
  const [marketing, setMarketing] = useState(true);
  const [abOn, setAbOn] = useState(false);
  const [abTemplateId, setAbTemplateId] = useState("");
  const [abShare, setAbShare] = useState(AB_SHARE_DEFAULT);
  const [abWinnerBy, setAbWinnerBy] = useState<AbWinnerBy>("CHOSEN");
  const [abDelayChoice, setAbDelayChoice] = useState<DelayChoice>("240");
  const [abDelayOther, setAbDelayOther] = useState("");
  const [errors, setErrors] = useState<Partial<Record<WizardField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [launchError, setLaunchError] = useState<string | null>(null);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [{ data: segmentsData, error: segmentsError }] = useQuery({
    query: WizardSegmentsQuery,
    variables: { first: 100 },
    pause: !canAnalyse,
    requestPolicy: "cache-and-network",
  });
  const [{ data: templatesData }] = useQuery({
    query: MessageTemplatesQuery,
    variables: { first: 100 },
    requestPolicy: "cache-and-network",
  });
  const [{ data: sendersData }] = useQuery({ query: CampaignSendersQuery });
  const [{ data: trackingData }] = useQuery({
    query: CampaignTrackingQuery,
    requestPolicy: "cache-and-network",
  });
  const tracking = trackingData?.campaignTracking ?? false;
  const [{ fetching: creating }, create] = useMutation(CreateCampaignMutation);
  const [{ fetching: launching }, launch] = useMutation(LaunchCampaignMutation);

  const segments = segmentsData?.segments.nodes ?? [];
  const templates = (templatesData?.messageTemplates.nodes ?? []).filter(
    (tpl) => tpl.channel === channel,
  );
  const senders = (sendersData?.campaignSenders ?? []).filter((s) => s.channel === channel);
  const segment = segments.find((s) => s.id === segmentId);
  const template = templates.find((tpl) => tpl.id === templateId);
  const sender = senders.find((s) => s.id === senderId);
  const index = STEPS.indexOf(step);
  const channelName = t(channelKey(channel));
  const winnerBy = allowedWinnerBy(abWinnerBy, tracking, channel);
  const abDelay =
    abDelayChoice === "other" ? parseDelayMinutes(abDelayOther) : Number(abDelayChoice);
  const templateB = templates.find((tpl) => tpl.id === abTemplateId);

  function checkStep(s: Step): Partial<Record<WizardField, string>> {
    const found: Partial<Record<WizardField, string>> = {};
    if (s === "segment") {
      if (name.trim() === "") found.name = t("form.required");
      if (!segment) found.segmentId = t("wizard.segment.required");
      else if (segment.count === 0) found.segmentId = t("wizard.segment.empty");
    }
    if (s === "template" && !template) found.templateId = t("wizard.template.required");
    if (s === "template" && abOn) {
      Object.assign(
        found,
        checkAbTest(
          {
            templateIdA: templateId,
            templateIdB: abTemplateId,
            sharePercent: abShare,
            winnerBy,
            delayMinutes: abDelay,
          },
          tracking,
          channel,
          t,
        ),
      );
    }
    if (s === "sender" && !sender) found.senderId = t("wizard.sender.required");
    if (s === "plan") {
      if (plan === "AT" && !parisLocalToIso(at)) found.scheduledAt = t("wizard.plan.atRequired");
      if (plan === "AT" && parisLocalToIso(at) && Date.parse(parisLocalToIso(at)!) <= Date.now()) {
        found.scheduledAt = t("error.reason.IN_THE_PAST");
      }
      if (plan === "RECURRING" && !looksLikeCron(cron)) found.cron = t("wizard.plan.cronRequired");
    }
    return found;
  }

  function next() {
    const found = checkStep(step);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setStep(STEPS[index + 1] ?? "summary");
  }

  function changeChannel(value: Channel) {
    setChannel(value);
    setTemplateId("");
    setAbTemplateId("");
    setSenderId("");
  }

  async function createAndLaunch() {
    setLaunchError(null);
    let id = campaignId;
    if (!id) {
      const result = await create({
        input: {
          name: name.trim(),
          channel,
          segmentId,
          templateId,
          senderId,
          marketing,
          plan,
          scheduledAt: plan === "AT" ? parisLocalToIso(at) : null,
          cron: plan === "RECURRING" ? cron.trim() : null,
          abTest:
            abOn && abDelay !== null
              ? {
                  templateId: abTemplateId,
                  sharePercent: abShare,
                  winnerBy,
                  decideAfterMinutes: abDelay,
                }
              : null,
        },
      });
      if (result.error) {
        const found = campaignFormErrors(result.error, FIELDS, t);
        const first = (Object.keys(found.fields) as WizardField[])[0];
        setConfirming(false);
        setErrors(found.fields);
        setFormError(found.form);
        if (first) setStep(STEP_OF[first]);
        return;
      }
      id = result.data?.createCampaign.campaign.id ?? null;
      setCampaignId(id);
    }
    if (!id) return;
    const launched = await launch({ id }, { additionalTypenames: ["Campaign"] });
    if (launched.error) {
      setLaunchError(campaignErrorMessage(launched.error, t));
      return;
    }
    navigate(`/campagnes/${id}`, { state: { flash: t("wizard.launched", { name: name.trim() }) } });
  }

  const colon = language === "fr" ? "\u00a0: " : ": ";
  const planText =
    plan === "NOW"
      ? t("campaigns.plan.NOW")
      : plan === "AT"
        ? `${t("campaigns.plan.AT")}${colon}${at && parisLocalToIso(at) ? formatWhen(parisLocalToIso(at)!, language) : ""}`
        : `${t("campaigns.plan.RECURRING")}${colon}${presetOf(cron) ? t(presetOf(cron)!.label) : cron}`;
  const count = segment?.count ?? 0;
  const errorCount = Object.keys(errors).length;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/campagnes">← {t("campaigns.back")}</Link>
      </p>
      <PageHeader title={t("wizard.title")} />
      <nav aria-label={t("wizard.steps")}>
        <ol className="wizard-steps">
          {STEPS.map((s, i) => (
            <li key={s} aria-current={s === step ? "step" : undefined}>
              {i + 1}. {t(`wizard.step.${s}`)}
            </li>
          ))}
        </ol>
      </nav>
      <form
        className="form panel form--wide"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step === "summary") setConfirming(true);
          else next();
        }}
        aria-label={t(`wizard.step.${step}`)}
      >
        <p className="muted">{t("wizard.stepOf", { n: index + 1, total: STEPS.length })}</p>
        <h2>{t(`wizard.step.${step}`)}</h2>
        <FormAlert
          message={
            formError ?? (errorCount > 1 ? t("form.errorCount", { count: errorCount }) : null)
          }
        />
        {step === "segment" && (
          <>
            <TextField
              label={t("wizard.name")}
              value={name}
              onChange={setName}
              error={errors.name}
              autoComplete="off"
            />
            <SelectField
              label={t("wizard.channel")}
              value={channel}
              onChange={(v) => changeChannel(v as Channel)}
            >
              <option value="EMAIL">{t(channelKey("EMAIL"))}</option>
              <option value="SMS">{t(channelKey("SMS"))}</option>
            </SelectField>
            {!canAnalyse ? (
              <div className="alert alert--warning" role="note">
                {t("wizard.segment.noAnalyse")}
              </div>
            ) : segmentsError ? (
              <QueryError error={segmentsError} />
            ) : (
              <ChoiceList
                legend={t("wizard.segment.legend")}
                value={segmentId}
                onChange={setSegmentId}
                error={errors.segmentId}
                empty={t("wizard.segment.none")}
                choices={segments.map((s) => ({
                  id: s.id,
                  title: s.name,
                  detail: t("wizard.segment.count", { count: formatNumber(s.count) }),
                }))}
              />
            )}
          </>
        )}
        {step === "template" && (
          <>
            <ChoiceList
              legend={t("wizard.template.legend")}
              value={templateId}
              onChange={setTemplateId}
              error={errors.templateId}
              empty={
                <>
                  {t("wizard.template.none", { channel: channelName })}{" "}
                  <Link to="/campagnes/modeles/nouveau">{t("templates.new")}</Link>
                </>
              }
              choices={templates.map((tpl) => ({
                id: tpl.id,
                title: tpl.name,
                detail: tpl.subject ?? tpl.textBody.slice(0, 80),
              }))}
            />
            <fieldset className="ab-test">
              <legend>{t("wizard.ab.legend")}</legend>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={abOn}
                  onChange={(e) => setAbOn(e.target.checked)}
                  aria-describedby="ab-test-hint"
                />
                {t("wizard.ab.enable")}
              </label>
              <p id="ab-test-hint" className="field__hint">
                {t("wizard.ab.enableHint")}
              </p>
              {abOn && (
                <AbTestFields
                  templates={templates}
                  templateIdA={templateId}
                  templateIdB={abTemplateId}
                  onTemplateIdB={setAbTemplateId}
                  share={abShare}
                  onShare={setAbShare}
                  winnerBy={winnerBy}
                  onWinnerBy={setAbWinnerBy}
                  delayChoice={abDelayChoice}
                  onDelayChoice={setAbDelayChoice}
                  delayOther={abDelayOther}
                  onDelayOther={setAbDelayOther}
                  tracking={tracking}
                  channel={channel}
                  errors={errors}
                />
              )}
            </fieldset>
          </>
        )}
        {step === "sender" && (
          <ChoiceList
            legend={t("wizard.sender.legend")}
            value={senderId}
            onChange={setSenderId}
            error={errors.senderId}
            empty={t("wizard.sender.none")}
            choices={senders.map((s) => ({
              id: s.id,
              title: s.address,
              detail: s.displayName ?? undefined,
            }))}
          />
        )}
        {step === "plan" && (
          <>
            <fieldset className="choice-list">
              <legend>{t("wizard.plan.legend")}</legend>
              {(["NOW", "AT", "RECURRING"] as const).map((p) => (
                <label key={p} className="choice">
                  <input
                    type="radio"
                    name="plan"
                    value={p}
                    checked={plan === p}
                    onChange={() => setPlan(p)}
                  />
                  <span>{t(`campaigns.plan.${p}`)}</span>
                </label>
              ))}
            </fieldset>
            {plan === "AT" && (
              <TextField
                label={t("wizard.plan.at")}
                type="datetime-local"
                value={at}
                onChange={setAt}
                error={errors.scheduledAt}
              />
            )}
            {plan === "RECURRING" && (
              <>
                <p className="field__hint">{t("wizard.plan.presets")}</p>
                <div className="preset-buttons">
                  {CRON_PRESETS.map((preset) => (
                    <button
                      key={preset.cron}
                      type="button"
                      className="button button--secondary button--small"
                      aria-pressed={presetOf(cron)?.cron === preset.cron}
                      onClick={() => setCron(preset.cron)}
                    >
                      {t(preset.label)}
                    </button>
                  ))}
                </div>
                <TextField
                  label={t("wizard.plan.cron")}
                  hint={t("wizard.plan.cronHint")}
                  value={cron}
                  onChange={setCron}
                  error={errors.cron}
                  spellCheck={false}
                  autoComplete="off"
                />
                <UpcomingRuns cron={cron} />
              </>
            )}
            <label className="checkbox">
              <input
                type="checkbox"
                checked={marketing}
                onChange={(e) => setMarketing(e.target.checked)}
                aria-describedby="marketing-hint"
              />
              {t("wizard.marketing")}
            </label>
            <p id="marketing-hint" className="field__hint">
              {t("wizard.marketingHint")}
            </p>
          </>
        )}
        {step === "summary" && (
          <dl className="summary-list">
            <dt>{t("wizard.name")}</dt>
            <dd>{name}</dd>
            <dt>{t("wizard.channel")}</dt>
            <dd>{channelName}</dd>
            <dt>{t("wizard.summary.segment")}</dt>
            <dd>
              {segment?.name} ({t("wizard.summary.recipients", { count: formatNumber(count) })})
            </dd>
            <dt>{t("wizard.summary.template")}</dt>
            <dd>{template?.name}</dd>
            <dt>{t("wizard.summary.abTest")}</dt>
            <dd data-testid="summary-ab-test">
              {abOn && abDelay !== null
                ? t("wizard.summary.abTestText", {
                    template: templateB?.name ?? "",
                    split: abShareText(abShare, t, formatPercent),
                    winnerBy: t(winnerByKey(winnerBy)),
                    delay: abDelayText(abDelay, t),
                  })
                : t("wizard.summary.abNone")}
            </dd>
            <dt>{t("wizard.summary.sender")}</dt>
            <dd>{sender?.address}</dd>
            <dt>{t("wizard.summary.plan")}</dt>
            <dd>{planText}</dd>
            <dt>{t("wizard.summary.marketing")}</dt>
            <dd>{marketing ? t("wizard.summary.yes") : t("wizard.summary.no")}</dd>
          </dl>
        )}
        <div className="form__actions">
          {index > 0 && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setErrors({});
                setStep(STEPS[index - 1] ?? "segment");
              }}
            >
              {t("wizard.previous")}
            </button>
          )}
          <button type="submit" className="button">
            {step === "summary" ? t("wizard.launch") : t("wizard.next")}
          </button>
        </div>
      </form>
      {confirming && (
        <ConfirmDialog
          title={t("wizard.confirmTitle", { name: name.trim() })}
          confirmLabel={t("wizard.confirm")}
          busy={creating || launching}
          error={launchError}
          onConfirm={() => void createAndLaunch()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t("wizard.confirmBody", { count: formatNumber(count), channel: channelName })}</p>
          <div className="dialog__cost" role="note" aria-label={t("wizard.confirmCostLabel")}>
            <p className="dialog__cost-amount">
              {t("wizard.confirmCostLabel")}
              {colon}
              {t("wizard.confirmCost", { count: formatNumber(count) })}
            </p>
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}

import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, renderWithApi, TEST_VIEWER } from "../test/renderWithApi";
import { CampaignDetailPage } from "./CampaignDetailPage";
import { CampaignWizardPage } from "./CampaignWizardPage";
import { NewTemplatePage } from "./TemplateEditorPage";

const plain = (s: string | null) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

function measure(text: string) {
  const unicode = [...text].filter((c) => c === "ê");
  return {
    __typename: "SmsMeasure",
    encoding: unicode.length > 0 ? "UCS_2" : "GSM_7",
    units: text.length,
    segments: 1,
    perSegment: unicode.length > 0 ? 70 : 160,
    remainingInSegment: 10,
    nonGsmCharacters: unicode,
  };
}

describe("the template editor", () => {
  it("counts an SMS as it is typed and says when it turns Unicode", async () => {
    const user = userEvent.setup();
    renderWithApi(<NewTemplatePage />, (op) => {
      if (op.operationName === "MergeFields") return { data: { mergeFields: ["first_name"] } };
      if (op.operationName === "MeasureSms") {
        return { data: { measureSms: measure(String(op.variables.text)) } };
      }
      return { data: {} };
    });
    await user.selectOptions(screen.getByLabelText("Canal"), "SMS");
    await user.type(screen.getByLabelText("Texte du SMS"), "Bonjour");
    await waitFor(() =>
      expect(screen.getByText("7 caractères · 1 SMS · GSM-7")).toBeInTheDocument(),
    );
    await user.type(screen.getByLabelText("Texte du SMS"), " fête");
    await waitFor(() =>
      expect(
        screen.getByText(
          (_, el) =>
            plain(el?.textContent ?? null).startsWith("Unicode : 1 caractère spécial (ê)") &&
            el?.tagName === "P",
        ),
      ).toBeInTheDocument(),
    );
    // The merge-field picker inserts at the cursor, in French.
    expect(screen.getByRole("option", { name: "Prénom" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Insérer/ }));
    expect(screen.getByLabelText<HTMLTextAreaElement>("Texte du SMS").value).toContain(
      '{{ first_name | default("…") }}',
    );
  });

  it("shows a save error next to its field, with the line", async () => {
    const user = userEvent.setup();
    renderWithApi(<NewTemplatePage />, (op) => {
      if (op.operationName === "MergeFields") return { data: { mergeFields: [] } };
      if (op.operationName === "CreateMessageTemplate") {
        return {
          errors: [
            {
              message: "Line 1 of the subject: unknown field “prenom”.",
              extensions: {
                code: "INVALID_INPUT",
                reason: "UNKNOWN_MERGE_FIELD",
                field: "subject",
              },
            },
          ],
        };
      }
      return { data: {} };
    });
    await user.type(screen.getByLabelText("Nom du modèle"), "Essai");
    await user.type(screen.getByLabelText("Objet"), "Bonjour");
    await user.type(screen.getByLabelText("Corps texte"), "Texte");
    await user.click(screen.getByRole("button", { name: "Créer le modèle" }));
    const error = await screen.findByText(/le champ de fusion/);
    expect(plain(error.textContent)).toMatch(/^Ligne 1 : le champ de fusion « prenom »/);
    expect(screen.getByLabelText("Objet")).toHaveAttribute("aria-invalid", "true");
  });
});

const stats = (over: Record<string, number> = {}) => ({
  __typename: "SendStats",
  targeted: 40,
  queued: 0,
  waitingQuietHours: 0,
  sending: 0,
  sent: 0,
  failed: 0,
  bounced: 0,
  uncertain: 0,
  cancelled: 0,
  excludedNoConsent: 0,
  excludedSuppressed: 0,
  excludedInvalidAddress: 0,
  excludedDuplicate: 0,
  unsubscribed: 0,
  ...over,
});

describe("the campaign detail", () => {
  it("shows the status, the plan and the figures with their notes", async () => {
    renderWithApi(
      <CampaignDetailPage />,
      () => ({
        data: {
          campaign: {
            __typename: "Campaign",
            id: "c1",
            name: "Soldes d’hiver",
            channel: "SMS",
            status: "PAUSED",
            segmentId: "s1",
            templateId: "t1",
            senderId: "x1",
            marketing: true,
            plan: "RECURRING",
            scheduledAt: null,
            cron: "0 9 * * MON",
            nextRunAt: "2026-12-07T08:00:00Z",
            runsStarted: 1,
            createdAt: "2026-12-01T08:00:00Z",
            updatedAt: "2026-12-01T08:00:00Z",
            planDescription: "chaque lundi à 09:00",
            stats: stats({ sent: 1, uncertain: 2, waitingQuietHours: 3, excludedNoConsent: 4 }),
            runs: [
              {
                __typename: "CampaignRun",
                id: "r1",
                number: 1,
                status: "PAUSED",
                dueAt: "2026-12-01T08:00:00Z",
                startedAt: "2026-12-01T08:00:00Z",
                finishedAt: null,
                stats: stats({ sent: 1 }),
              },
            ],
          },
        },
      }),
      { route: { path: "/campagnes/:campaignId", url: "/campagnes/c1" }, viewer: TEST_VIEWER },
    );
    await screen.findByRole("heading", { level: 1, name: "Soldes d’hiver" });
    expect(screen.getAllByText("En pause").length).toBe(2); // the campaign and its run
    expect(screen.getByText("chaque lundi à 09:00")).toBeInTheDocument();
    expect(screen.getByText("7 déc. 2026 à 09:00")).toBeInTheDocument();
    expect(screen.getByText("1 message envoyé")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Reprendre" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Mettre en pause" })).toBeNull();
    expect(plain(screen.getByText(/^Incertains\s:/).textContent)).toBe(
      "Incertains : l’envoi a été interrompu pendant leur remise ; ils ne seront pas renvoyés.",
    );
    expect(screen.getByText(/En attente de la plage autorisée \(8 h – 22 h/)).toBeInTheDocument();
    expect(screen.getByText("Exclus : sans consentement", { exact: false })).toBeInTheDocument();
  });
});

describe("the campaign wizard", () => {
  it("explains that choosing a segment needs the Analyse right", async () => {
    renderWithApi(
      <CampaignWizardPage />,
      () => ({
        data: {
          messageTemplates: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
          campaignSenders: [],
        },
      }),
      {
        viewer: { ...TEST_VIEWER, rights: ["COMMUNICATE"] },
      },
    );
    expect(await screen.findByText(/demande aussi le droit Analyser/)).toBeInTheDocument();
  });

  it("refuses to go on without a name and a segment, all at once", async () => {
    const user = userEvent.setup();
    renderWithApi(<CampaignWizardPage />, (op) => {
      if (op.operationName === "WizardSegments") {
        return {
          data: {
            segments: {
              nodes: [
                {
                  __typename: "Segment",
                  id: "s1",
                  name: "Joignables",
                  description: null,
                  count: 41,
                },
              ],
            },
          },
        };
      }
      if (op.operationName === "CampaignSenders") return { data: { campaignSenders: [] } };
      if (op.operationName === "MessageTemplates") return apiError({ code: "FORBIDDEN" });
      return { data: {} };
    });
    await screen.findByText("41 contacts", { exact: false });
    await user.click(screen.getByRole("button", { name: "Suivant" }));
    expect(await screen.findByText("Choisissez un segment.")).toBeInTheDocument();
    expect(screen.getByText("Ce champ est obligatoire.")).toBeInTheDocument();
    expect(plain(screen.getByRole("alert").textContent)).toBe("2 champs à corriger.");
  });
});

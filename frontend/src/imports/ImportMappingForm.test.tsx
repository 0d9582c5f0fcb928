import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ImportColumnFieldsFragment, ImportFieldsFragment } from "../gql/graphql";
import { renderWithApi, type RecordedOperation } from "../test/renderWithApi";
import { ImportMappingForm, type SavedMapping } from "./ImportMappingForm";

const HEADERS = ["Réf", "Prénom", "Nom", "Courriel", "CP", "Optin SMS"];

function column(
  name: string,
  target: Partial<ImportColumnFieldsFragment> = {},
): ImportColumnFieldsFragment {
  return {
    column: name,
    field: null,
    customFieldKey: null,
    consentChannel: null,
    consentDetail: null,
    whenEmpty: null,
    ...target,
  };
}

// The API recognised the names, not "Réf" (the tenant's id) nor "Optin SMS".
const SUGGESTED = [
  column("Réf"),
  column("Prénom", { field: "FIRST_NAME" }),
  column("Nom", { field: "LAST_NAME" }),
  column("Courriel", { field: "PERSONAL_EMAIL" }),
  column("CP", { field: "POSTAL_CODE" }),
  column("Optin SMS"),
];

const SAVED: SavedMapping = {
  id: "m-1",
  name: "Export caisse",
  upsertKey: "EXTERNAL_ID",
  columns: [
    column("Réf", { field: "EXTERNAL_ID" }),
    column("Prénom", { field: "FIRST_NAME" }),
    column("Nom", { field: "LAST_NAME" }),
    column("Courriel", { field: "PERSONAL_EMAIL" }),
    column("Optin SMS", { consentChannel: "SMS" }),
    column("Fidélité", { customFieldKey: "fidelite" }),
  ],
};

const STARTED: ImportFieldsFragment = {
  id: "imp-1",
  filename: "clients.csv",
  status: "QUEUED",
  dryRun: false,
  upsertKey: "EXTERNAL_ID",
  failure: null,
  encoding: null,
  delimiter: null,
  progressPercent: 0,
  rowsDone: 0,
  rowsCreated: 0,
  rowsUpdated: 0,
  rowsUnchanged: 0,
  rowsFailed: 0,
  createdAt: "2026-11-26T10:00:00Z",
  startedAt: null,
  finishedAt: null,
  errorReportUrl: "/imports/imp-1/errors",
};

function server(operation: RecordedOperation) {
  if (operation.operationName === "StartImport") {
    const input = operation.variables.input as { dryRun: boolean };
    return {
      data: {
        startImport: {
          __typename: "StartImportPayload",
          import: { __typename: "Import", ...STARTED, dryRun: input.dryRun },
        },
      },
    };
  }
  return {
    data: {
      createImportMapping: {
        __typename: "CreateImportMappingPayload",
        importMapping: {
          __typename: "ImportMapping",
          id: "m-2",
          name: "Fichier boutique",
          upsertKey: "EMAIL",
          createdAt: "2026-11-26T10:00:00Z",
          columns: [],
        },
      },
    },
  };
}

function renderForm(onStarted = vi.fn()) {
  const rendered = renderWithApi(
    <ImportMappingForm
      uploadId="up-1"
      headers={HEADERS}
      suggested={SUGGESTED}
      savedMappings={[SAVED]}
      customFields={[{ key: "fidelite", label: "Niveau de fidélité" }]}
      onStarted={onStarted}
    />,
    server,
  );
  return { ...rendered, onStarted };
}

const target = (name: string) => screen.getByLabelText(`Champ rempli par la colonne « ${name} »`);

describe("the import's column mapping", () => {
  it("starts from the suggested mapping", () => {
    renderForm();
    expect(target("Prénom")).toHaveValue("field:FIRST_NAME");
    expect(target("Réf")).toHaveValue("");
    // No column holds the tenant's id, but one holds the email: the email is the key.
    expect(screen.getByLabelText("E-mail personnel")).toBeChecked();
  });

  it("requires the upsert key's column before starting", async () => {
    const { operations, onStarted } = renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Identifiant client"));
    await user.click(screen.getByRole("button", { name: "Importer" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Associez une colonne au champ « Identifiant client » : c’est la clé de mise à jour choisie.",
    );
    expect(operations).toHaveLength(0);

    // Mapping the key's column makes the problem go away.
    await user.selectOptions(target("Réf"), "Identifiant client");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await user.selectOptions(target("Optin SMS"), "Consentement SMS");
    await user.click(screen.getByRole("button", { name: "Faire un essai à blanc" }));

    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    expect(operations).toEqual<RecordedOperation[]>([
      {
        operationName: "StartImport",
        variables: {
          input: {
            uploadId: "up-1",
            upsertKey: "EXTERNAL_ID",
            dryRun: true,
            columns: [
              column("Réf", { field: "EXTERNAL_ID" }),
              column("Prénom", { field: "FIRST_NAME" }),
              column("Nom", { field: "LAST_NAME" }),
              column("Courriel", { field: "PERSONAL_EMAIL" }),
              column("CP", { field: "POSTAL_CODE" }),
              column("Optin SMS", { consentChannel: "SMS" }),
            ],
          },
        },
      },
    ]);
  });

  it("refuses two columns filling the same field", async () => {
    const { operations } = renderForm();
    const user = userEvent.setup();
    await user.selectOptions(target("CP"), "Prénom");
    await user.click(screen.getByRole("button", { name: "Importer" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Les colonnes Prénom, CP remplissent toutes le champ « Prénom ».",
    );
    expect(operations).toHaveLength(0);
  });

  it("reuses a saved mapping, and says which of its columns the file lacks", async () => {
    const { operations, onStarted } = renderForm();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText(/^Correspondance/), "Export caisse");
    expect(target("Réf")).toHaveValue("field:EXTERNAL_ID");
    expect(target("Optin SMS")).toHaveValue("consent:SMS");
    // "CP" is not in the saved mapping: skipped.
    expect(target("CP")).toHaveValue("");
    expect(screen.getByRole("status")).toHaveTextContent(
      "Colonnes de la correspondance absentes de ce fichier : Fidélité.",
    );
    await user.click(screen.getByRole("button", { name: "Importer" }));
    await waitFor(() =>
      expect(onStarted).toHaveBeenCalledWith(expect.objectContaining({ id: "imp-1" })),
    );
    const input = operations[0]?.variables.input as { columns: unknown[]; dryRun: boolean };
    expect(input.dryRun).toBe(false);
    expect(input.columns).toContainEqual(column("Optin SMS", { consentChannel: "SMS" }));
    expect(input.columns).toContainEqual(column("CP"));
  });

  it("saves the mapping for the next file", async () => {
    const { operations } = renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("E-mail personnel"));
    await user.click(screen.getByRole("button", { name: "Enregistrer la correspondance" }));
    const name = screen.getByLabelText(/Nom de la correspondance/);
    expect(name).toHaveAccessibleDescription("Ce champ est obligatoire.");
    await user.type(name, "Fichier boutique");
    await user.click(screen.getByRole("button", { name: "Enregistrer la correspondance" }));
    const saved = await screen.findByText("Correspondance « Fichier boutique » enregistrée.");
    expect(saved).toBeInTheDocument();
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({
      operationName: "CreateImportMapping",
      variables: { input: { name: "Fichier boutique", upsertKey: "EMAIL" } },
    });
    expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(HEADERS.length + 1);
  });
});

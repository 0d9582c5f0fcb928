import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { apiError, renderWithApi } from "../../test/renderWithApi";
import { CustomFieldForm } from "./CustomFieldForm";

describe("a custom field and its value list", () => {
  it("requires a valid key and at least one value for a value list", async () => {
    const { operations } = renderWithApi(
      <CustomFieldForm field={null} onDone={vi.fn()} onCancel={vi.fn()} />,
      () => ({}),
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Libellé"), "Niveau de fidélité");
    await user.type(screen.getByLabelText("Clé"), "Niveau");
    await user.selectOptions(screen.getByLabelText("Type"), "Liste de valeurs");
    await user.click(screen.getByRole("button", { name: "Enregistrer le champ" }));
    expect(screen.getByLabelText("Clé")).toHaveAccessibleDescription(
      expect.stringContaining("commence par une lettre"),
    );
    expect(screen.getByLabelText("Valeurs de la liste")).toHaveAccessibleDescription(
      expect.stringContaining("au moins une valeur"),
    );
    expect(operations).toHaveLength(0);
  });

  it("creates a value list, one value a line", async () => {
    const onDone = vi.fn();
    const { operations } = renderWithApi(
      <CustomFieldForm field={null} onDone={onDone} onCancel={vi.fn()} />,
      () => ({
        data: {
          createCustomField: {
            __typename: "CreateCustomFieldPayload",
            customField: {
              __typename: "CustomField",
              id: "f-1",
              key: "fidelite",
              label: "Fidélité",
              kind: "VALUE_LIST",
              options: ["Or", "Argent"],
              createdAt: "2026-11-26T10:00:00Z",
            },
          },
        },
      }),
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Libellé"), "Fidélité");
    await user.type(screen.getByLabelText("Clé"), "fidelite");
    await user.selectOptions(screen.getByLabelText("Type"), "Liste de valeurs");
    await user.type(screen.getByLabelText("Valeurs de la liste"), "Or\n\n Argent \n");
    await user.click(screen.getByRole("button", { name: "Enregistrer le champ" }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(operations[0]?.variables).toEqual({
      input: { key: "fidelite", label: "Fidélité", kind: "VALUE_LIST", options: ["Or", "Argent"] },
    });
  });

  it("shows the API's refusal next to the key", async () => {
    renderWithApi(<CustomFieldForm field={null} onDone={vi.fn()} onCancel={vi.fn()} />, () =>
      apiError({ code: "CONFLICT", field: "key", reason: "KEY_TAKEN" }),
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Libellé"), "Fidélité");
    await user.type(screen.getByLabelText("Clé"), "fidelite");
    await user.click(screen.getByRole("button", { name: "Enregistrer le champ" }));
    await waitFor(() =>
      expect(screen.getByLabelText("Clé")).toHaveAccessibleDescription(
        expect.stringContaining("Cette clé est déjà utilisée."),
      ),
    );
  });
});

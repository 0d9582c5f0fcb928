import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, renderWithApi, type RecordedOperation } from "../../test/renderWithApi";
import { AllowedNetworksPage } from "./AllowedNetworksPage";

const office = {
  __typename: "AllowedNetwork",
  id: "net-1",
  cidr: "192.0.2.0/24",
  description: "Siège",
};

function saved(operation: RecordedOperation) {
  const input = operation.variables.input as {
    networks: { cidr: string; description: string | null }[];
  };
  return {
    data: {
      setAllowedNetworks: {
        __typename: "SetAllowedNetworksPayload",
        allowedNetworks: input.networks.map((n, i) => ({
          __typename: "AllowedNetwork",
          id: `net-${i + 1}`,
          cidr: n.cidr,
          description: n.description,
        })),
      },
    },
  };
}

describe("network filtering", () => {
  it("says that an empty list lets every address in", async () => {
    renderWithApi(<AllowedNetworksPage />, () => ({ data: { allowedNetworks: [] } }));
    expect(
      await screen.findByText("Aucune plage : les connexions sont acceptées depuis toute adresse."),
    ).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Filtrage des accès" })).toBeInTheDocument();
  });

  it("edits the ranges and saves the whole list", async () => {
    const { operations } = renderWithApi(<AllowedNetworksPage />, (operation) =>
      operation.operationName === "SetAllowedNetworks"
        ? saved(operation)
        : { data: { allowedNetworks: [office] } },
    );
    expect(await screen.findByLabelText("Plage n° 1")).toHaveValue("192.0.2.0/24");
    expect(screen.getByLabelText(/Description de la plage n° 1/)).toHaveValue("Siège");

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Ajouter une plage" }));
    await user.type(screen.getByLabelText("Plage n° 2"), " 2001:db8::/32 ");
    await user.click(screen.getByRole("button", { name: "Ajouter une plage" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer la liste" }));

    expect(
      await screen.findByText("La liste des plages autorisées a été enregistrée."),
    ).toBeInTheDocument();
    expect(operations.find((o) => o.operationName === "SetAllowedNetworks")?.variables).toEqual({
      input: {
        networks: [
          { cidr: "192.0.2.0/24", description: "Siège" },
          { cidr: "2001:db8::/32", description: null },
        ],
        confirmLockout: false,
      },
    });
    expect(screen.queryByLabelText("Plage n° 3")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Retirer la plage n° 1" }));
    expect(screen.getByLabelText("Plage n° 1")).toHaveValue("2001:db8::/32");
  });

  it("explains an invalid range", async () => {
    renderWithApi(<AllowedNetworksPage />, ({ operationName }) =>
      operationName === "SetAllowedNetworks"
        ? apiError({ code: "INVALID_INPUT", field: "networks", reason: "INVALID_CIDR" })
        : { data: { allowedNetworks: [] } },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ajouter une plage" }));
    await user.type(screen.getByLabelText("Plage n° 1"), "10.0.0.0/33");
    await user.click(screen.getByRole("button", { name: "Enregistrer la liste" }));
    expect(
      await screen.findByText(
        "Une plage n’est pas valide : écrivez-la comme 192.0.2.0/24, 2001:db8::/32 ou une adresse seule.",
      ),
    ).toBeInTheDocument();
  });

  it("asks before saving a list that locks the administrator out", async () => {
    const { operations } = renderWithApi(<AllowedNetworksPage />, (operation) => {
      if (operation.operationName !== "SetAllowedNetworks") {
        return { data: { allowedNetworks: [] } };
      }
      const input = operation.variables.input as { confirmLockout: boolean };
      return input.confirmLockout
        ? saved(operation)
        : apiError({ code: "CONFLICT", field: "confirmLockout", reason: "ADDRESS_LOCKOUT" });
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ajouter une plage" }));
    await user.type(screen.getByLabelText("Plage n° 1"), "198.51.100.0/24");
    await user.click(screen.getByRole("button", { name: "Enregistrer la liste" }));

    const dialog = await screen.findByRole("alertdialog", { name: "Vous couper l’accès ?" });
    expect(
      operations.filter((o) => o.operationName === "SetAllowedNetworks").map((o) => o.variables),
    ).toHaveLength(1);
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer quand même" }));
    expect(
      await screen.findByText("La liste des plages autorisées a été enregistrée."),
    ).toBeInTheDocument();
    const calls = operations.filter((o) => o.operationName === "SetAllowedNetworks");
    expect(
      calls.map((o) => (o.variables.input as { confirmLockout: boolean }).confirmLockout),
    ).toEqual([false, true]);
  });
});

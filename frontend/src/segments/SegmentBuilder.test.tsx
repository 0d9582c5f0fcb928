import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMemo, useReducer } from "react";
import { describe, expect, it } from "vitest";
import { renderWithApi, type RecordedOperation } from "../test/renderWithApi";
import { SegmentBuilder } from "./SegmentBuilder";
import { SegmentCount } from "./SegmentCount";
import { emptyGroup, segmentTreeReducer, toDefinition } from "./segmentTree";
import { subjectsFor, type CustomFieldSummary } from "./subjects";

const CUSTOM_FIELDS: CustomFieldSummary[] = [
  { key: "fidelite", label: "Niveau de fidélité", kind: "VALUE_LIST", options: ["Or", "Argent"] },
  { key: "client_vip", label: "Client VIP", kind: "BOOLEAN", options: [] },
  { key: "panier", label: "Panier moyen", kind: "NUMBER", options: [] },
];

/** The builder and its live count, as the segment page wires them. */
function Harness() {
  const [root, dispatch] = useReducer(segmentTreeReducer, undefined, () => emptyGroup());
  const subjects = useMemo(() => subjectsFor(CUSTOM_FIELDS), []);
  return (
    <>
      <SegmentBuilder root={root} dispatch={dispatch} subjects={subjects} />
      <SegmentCount definition={toDefinition(root)} />
    </>
  );
}

function countServer(count: number) {
  return () => ({ data: { contactCount: count } });
}

function counts(operations: RecordedOperation[]) {
  return operations.filter((o) => o.operationName === "ContactCount").map((o) => o.variables);
}

function optionsOf(select: HTMLElement): string[] {
  return within(select)
    .getAllByRole("option")
    .map((o) => o.textContent ?? "");
}

describe("the segment builder", () => {
  it("offers the operators and the value input that fit each type of field", async () => {
    renderWithApi(<Harness />, countServer(12));
    const user = userEvent.setup();
    const condition = screen.getByRole("group", { name: "Condition 1" });
    const subject = within(condition).getByLabelText("Critère");

    await user.selectOptions(subject, "Prénom");
    const textOps = optionsOf(within(condition).getByLabelText("Opérateur"));
    expect(textOps).toContain("contient");
    expect(textOps).toContain("commence par");
    expect(textOps).not.toContain("est supérieur à");
    expect(within(condition).getByLabelText(/Valeur/)).toHaveAttribute("type", "text");

    await user.selectOptions(subject, "Âge");
    const ageOps = optionsOf(within(condition).getByLabelText("Opérateur"));
    expect(ageOps).toContain("est supérieur ou égal à");
    expect(ageOps).toContain("est compris entre");
    expect(ageOps).not.toContain("contient");
    expect(within(condition).getByLabelText(/Âge \(années\)/)).toHaveAttribute("type", "number");
    await user.selectOptions(within(condition).getByLabelText("Opérateur"), "est compris entre");
    expect(within(condition).getByLabelText(/^De/)).toBeInTheDocument();
    expect(within(condition).getByLabelText(/^À/)).toBeInTheDocument();

    await user.selectOptions(subject, "Date de naissance");
    expect(within(condition).getByLabelText(/Valeur/)).toHaveAttribute("type", "date");

    await user.selectOptions(subject, "Consentement e-mail");
    expect(optionsOf(within(condition).getByLabelText("Opérateur"))).toEqual([
      "est égal à",
      "est différent de",
      "n’est pas renseigné",
      "est renseigné",
    ]);
    expect(optionsOf(within(condition).getByLabelText("Valeur"))).toEqual([
      "Choisir…",
      "Accordé",
      "Refusé",
    ]);

    await user.selectOptions(subject, "Niveau de fidélité");
    expect(optionsOf(within(condition).getByLabelText("Valeur"))).toEqual([
      "Choisir…",
      "Or",
      "Argent",
    ]);
    await user.selectOptions(
      within(condition).getByLabelText("Opérateur"),
      "est l’une des valeurs",
    );
    const choices = within(condition).getByRole("group", { name: "Valeurs" });
    expect(within(choices).getAllByRole("checkbox")).toHaveLength(2);

    await user.selectOptions(subject, "Client VIP");
    expect(optionsOf(within(condition).getByLabelText("Opérateur"))).toEqual([
      "est égal à",
      "n’est pas renseigné",
      "est renseigné",
    ]);
    expect(optionsOf(within(condition).getByLabelText("Valeur"))).toEqual([
      "Choisir…",
      "Oui",
      "Non",
    ]);
  });

  it("builds nested AND / OR / NOT groups and counts each new tree", async () => {
    const { operations } = renderWithApi(<Harness />, countServer(42));
    const user = userEvent.setup();
    // Without conditions, the count is of every contact.
    await waitFor(() => expect(counts(operations)).toEqual([{ definition: null }]));
    expect(await screen.findByTestId("segment-count")).toHaveTextContent("42");

    const first = screen.getByRole("group", { name: "Condition 1" });
    await user.selectOptions(within(first).getByLabelText("Critère"), "Ville");
    await user.type(within(first).getByLabelText(/Valeur/), "Lyon");

    await user.click(screen.getAllByRole("button", { name: "Ajouter un groupe" })[0]!);
    const group = screen.getByRole("group", { name: "Groupe 1" });
    await user.click(within(group).getByLabelText("Au moins une condition (OU)"));
    const inner = within(group).getByRole("group", { name: "Condition 1" });
    await user.selectOptions(within(inner).getByLabelText("Critère"), "Âge");
    await user.selectOptions(within(inner).getByLabelText("Opérateur"), "est supérieur ou égal à");
    await user.type(within(inner).getByLabelText(/Âge/), "30");
    await user.click(within(group).getByRole("button", { name: "Ajouter une condition" }));
    const second = within(group).getByRole("group", { name: "Condition 2" });
    await user.selectOptions(within(second).getByLabelText("Critère"), "Consentement SMS");
    await user.selectOptions(within(second).getByLabelText("Valeur"), "Accordé");
    await user.click(within(group).getByLabelText("Exclure ce groupe (NON)"));

    const expected = {
      definition: {
        and: [
          { condition: { field: "CITY", operator: "EQUALS", value: "Lyon" } },
          {
            not: {
              or: [
                { condition: { computed: "AGE", operator: "GREATER_OR_EQUAL", value: "30" } },
                { condition: { consentChannel: "SMS", operator: "EQUALS", value: "GRANTED" } },
              ],
            },
          },
        ],
      },
    };
    await waitFor(() => expect(counts(operations).at(-1)).toEqual(expected));
    // Typing is debounced: "Lyon" was not counted letter by letter.
    const cityCounts = counts(operations).filter((v) => JSON.stringify(v).includes('"CITY"'));
    expect(cityCounts.map((v) => JSON.stringify(v))).not.toContainEqual(
      expect.stringContaining('"value":"L"'),
    );

    // Removing the group counts the remaining condition again.
    await user.click(screen.getByRole("button", { name: "Retirer « Groupe 1 »" }));
    await waitFor(() =>
      expect(counts(operations).at(-1)).toEqual({
        definition: { and: [{ condition: { field: "CITY", operator: "EQUALS", value: "Lyon" } }] },
      }),
    );
  });

  it("says which conditions are not counted yet", async () => {
    renderWithApi(<Harness />, countServer(3));
    await screen.findByTestId("segment-count");
    expect(screen.getByRole("note")).toHaveTextContent("1 condition(s) incomplète(s)");
  });
});

import { describe, expect, it } from "vitest";
import {
  countConditions,
  emptyGroup,
  fromDefinition,
  screamingCase,
  segmentTreeReducer,
  toDefinition,
  type ConditionNode,
  type GroupNode,
  type TreeAction,
} from "./segmentTree";

function apply(root: GroupNode, ...actions: TreeAction[]): GroupNode {
  return actions.reduce(segmentTreeReducer, root);
}

describe("the segment tree", () => {
  it("builds nested AND / OR / NOT groups into the API's definition", () => {
    let root = emptyGroup();
    const first = root.children[0] as ConditionNode;
    root = apply(
      root,
      { type: "setSubject", nodeId: first.id, subject: "computed:AGE", operator: "BETWEEN" },
      { type: "setBound", nodeId: first.id, bound: "from", value: "30" },
      { type: "setBound", nodeId: first.id, bound: "to", value: "45" },
      { type: "addGroup", groupId: root.id },
    );
    const group = root.children[1] as GroupNode;
    const inner = group.children[0] as ConditionNode;
    root = apply(
      root,
      { type: "setCombinator", groupId: group.id, combinator: "OR" },
      { type: "setSubject", nodeId: inner.id, subject: "field:CITY", operator: "EQUALS" },
      { type: "setValue", nodeId: inner.id, value: " Lyon " },
      { type: "addCondition", groupId: group.id },
    );
    const second = (root.children[1] as GroupNode).children[1] as ConditionNode;
    root = apply(
      root,
      { type: "setSubject", nodeId: second.id, subject: "consent:SMS", operator: "EQUALS" },
      { type: "setValue", nodeId: second.id, value: "GRANTED" },
      { type: "toggleNot", nodeId: second.id },
    );
    expect(toDefinition(root)).toEqual({
      and: [
        { condition: { computed: "AGE", operator: "BETWEEN", from: "30", to: "45" } },
        {
          or: [
            { condition: { field: "CITY", operator: "EQUALS", value: "Lyon" } },
            { not: { condition: { consentChannel: "SMS", operator: "EQUALS", value: "GRANTED" } } },
          ],
        },
      ],
    });
  });

  it("leaves out incomplete conditions and empty groups, and counts them", () => {
    let root = emptyGroup();
    root = apply(root, { type: "addGroup", groupId: root.id });
    expect(toDefinition(root)).toBeNull();
    expect(countConditions(root)).toEqual({ total: 2, incomplete: 2 });
    const first = root.children[0] as ConditionNode;
    root = apply(root, {
      type: "setSubject",
      nodeId: first.id,
      subject: "field:PERSONAL_EMAIL",
      operator: "IS_NOT_EMPTY",
    });
    expect(toDefinition(root)).toEqual({
      and: [{ condition: { field: "PERSONAL_EMAIL", operator: "IS_NOT_EMPTY" } }],
    });
  });

  it("starts a condition's operands afresh when its subject changes", () => {
    let root = emptyGroup();
    const c = root.children[0] as ConditionNode;
    root = apply(
      root,
      { type: "setSubject", nodeId: c.id, subject: "field:CITY", operator: "EQUALS" },
      { type: "setValue", nodeId: c.id, value: "Lyon" },
      { type: "setSubject", nodeId: c.id, subject: "computed:AGE", operator: "EQUALS" },
    );
    expect((root.children[0] as ConditionNode).value).toBe("");
  });

  it("removes nodes but never the root", () => {
    let root = emptyGroup();
    root = apply(root, { type: "addGroup", groupId: root.id });
    const group = root.children[1] as GroupNode;
    root = apply(root, { type: "remove", nodeId: group.id }, { type: "remove", nodeId: root.id });
    expect(root.children).toHaveLength(1);
  });

  it("reads a saved definition back, whichever way its enums are spelt", () => {
    const saved = {
      or: [
        { not: { condition: { field: "AddressLine1", operator: "IsEmpty", values: [] } } },
        {
          and: [
            { condition: { customFieldKey: "fidelite", operator: "In", values: ["or", "argent"] } },
          ],
        },
      ],
    };
    const root = fromDefinition(saved);
    expect(root.combinator).toBe("OR");
    expect(toDefinition(root)).toEqual({
      or: [
        { not: { condition: { field: "ADDRESS_LINE_1", operator: "IS_EMPTY" } } },
        {
          and: [
            { condition: { customFieldKey: "fidelite", operator: "IN", values: ["or", "argent"] } },
          ],
        },
      ],
    });
  });

  it("spells Rust enum names as GraphQL enum values", () => {
    expect(screamingCase("NotEquals")).toBe("NOT_EQUALS");
    expect(screamingCase("AddressLine1")).toBe("ADDRESS_LINE_1");
    expect(screamingCase("GREATER_OR_EQUAL")).toBe("GREATER_OR_EQUAL");
  });
});

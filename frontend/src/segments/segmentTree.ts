import type {
  ComputedField,
  ConsentChannel,
  ContactField,
  SegmentNodeInput,
  SegmentOperator,
} from "../gql/graphql";

/**
 * The segment builder's state: a tree of groups (AND / OR, each possibly negated) and
 * conditions (a subject, an operator and its operands). Pure data and a reducer, so that the
 * builder's behaviour is tested without rendering, and `toDefinition` gives the API's
 * `SegmentNodeInput`.
 */

/** What a condition tests: `field:FIRST_NAME`, `computed:AGE`, `custom:<key>`, `consent:EMAIL`. */
export type SubjectKey = string;

export interface ConditionNode {
  kind: "condition";
  id: string;
  negated: boolean;
  subject: SubjectKey | null;
  operator: SegmentOperator | null;
  value: string;
  values: string[];
  from: string;
  to: string;
}

export interface GroupNode {
  kind: "group";
  id: string;
  negated: boolean;
  combinator: "AND" | "OR";
  children: TreeNode[];
}

export type TreeNode = ConditionNode | GroupNode;

export type TreeAction =
  | { type: "addCondition"; groupId: string }
  | { type: "addGroup"; groupId: string }
  | { type: "remove"; nodeId: string }
  | { type: "setCombinator"; groupId: string; combinator: "AND" | "OR" }
  | { type: "toggleNot"; nodeId: string }
  | { type: "setSubject"; nodeId: string; subject: SubjectKey; operator: SegmentOperator | null }
  | { type: "setOperator"; nodeId: string; operator: SegmentOperator }
  | { type: "setValue"; nodeId: string; value: string }
  | { type: "setValues"; nodeId: string; values: string[] }
  | { type: "setBound"; nodeId: string; bound: "from" | "to"; value: string }
  | { type: "load"; root: GroupNode };

let nextId = 0;
function newId(): string {
  nextId += 1;
  return `n${nextId}`;
}

export function emptyCondition(): ConditionNode {
  return {
    kind: "condition",
    id: newId(),
    negated: false,
    subject: null,
    operator: null,
    value: "",
    values: [],
    from: "",
    to: "",
  };
}

export function emptyGroup(withCondition = true): GroupNode {
  return {
    kind: "group",
    id: newId(),
    negated: false,
    combinator: "AND",
    children: withCondition ? [emptyCondition()] : [],
  };
}

/** The operands an operator takes. */
export type OperandShape = "none" | "single" | "list" | "range";

export function operandShape(operator: SegmentOperator | null): OperandShape {
  switch (operator) {
    case "IS_EMPTY":
    case "IS_NOT_EMPTY":
      return "none";
    case "IN":
      return "list";
    case "BETWEEN":
      return "range";
    default:
      return "single";
  }
}

function mapNode(node: TreeNode, id: string, change: (node: TreeNode) => TreeNode | null) {
  if (node.id === id) return change(node);
  if (node.kind === "group") {
    const children: TreeNode[] = [];
    for (const child of node.children) {
      const mapped = mapNode(child, id, change);
      if (mapped) children.push(mapped);
    }
    return { ...node, children };
  }
  return node;
}

function updateCondition(
  root: GroupNode,
  id: string,
  change: (condition: ConditionNode) => ConditionNode,
): GroupNode {
  return mapNode(root, id, (node) =>
    node.kind === "condition" ? change(node) : node,
  ) as GroupNode;
}

function updateGroup(root: GroupNode, id: string, change: (group: GroupNode) => GroupNode) {
  return mapNode(root, id, (node) => (node.kind === "group" ? change(node) : node)) as GroupNode;
}

export function segmentTreeReducer(root: GroupNode, action: TreeAction): GroupNode {
  switch (action.type) {
    case "addCondition":
      return updateGroup(root, action.groupId, (group) => ({
        ...group,
        children: [...group.children, emptyCondition()],
      }));
    case "addGroup":
      return updateGroup(root, action.groupId, (group) => ({
        ...group,
        children: [...group.children, emptyGroup()],
      }));
    case "remove":
      // The root stays: removing it would leave nothing to build on.
      if (action.nodeId === root.id) return root;
      return mapNode(root, action.nodeId, () => null) as GroupNode;
    case "setCombinator":
      return updateGroup(root, action.groupId, (group) => ({
        ...group,
        combinator: action.combinator,
      }));
    case "toggleNot":
      return mapNode(root, action.nodeId, (node) => ({
        ...node,
        negated: !node.negated,
      })) as GroupNode;
    case "setSubject":
      // Another subject may take other values: start its operands afresh.
      return updateCondition(root, action.nodeId, (condition) => ({
        ...condition,
        subject: action.subject,
        operator: action.operator,
        value: "",
        values: [],
        from: "",
        to: "",
      }));
    case "setOperator":
      return updateCondition(root, action.nodeId, (condition) => ({
        ...condition,
        operator: action.operator,
      }));
    case "setValue":
      return updateCondition(root, action.nodeId, (condition) => ({
        ...condition,
        value: action.value,
      }));
    case "setValues":
      return updateCondition(root, action.nodeId, (condition) => ({
        ...condition,
        values: action.values,
      }));
    case "setBound":
      return updateCondition(root, action.nodeId, (condition) => ({
        ...condition,
        [action.bound]: action.value,
      }));
    case "load":
      return action.root;
  }
}

/** Whether a condition says enough to be sent: a subject, an operator and its operands. */
export function isComplete(condition: ConditionNode): boolean {
  if (!condition.subject || !condition.operator) return false;
  switch (operandShape(condition.operator)) {
    case "none":
      return true;
    case "single":
      return condition.value.trim() !== "";
    case "list":
      return condition.values.some((v) => v.trim() !== "");
    case "range":
      return condition.from.trim() !== "" && condition.to.trim() !== "";
  }
}

function subjectInput(subject: SubjectKey) {
  const [kind, ...rest] = subject.split(":");
  const name = rest.join(":");
  switch (kind) {
    case "field":
      return { field: name as ContactField };
    case "computed":
      return { computed: name as ComputedField };
    case "custom":
      return { customFieldKey: name };
    case "consent":
      return { consentChannel: name as ConsentChannel };
    default:
      return {};
  }
}

function negate(node: SegmentNodeInput, negated: boolean): SegmentNodeInput {
  return negated ? { not: node } : node;
}

function conditionInput(condition: ConditionNode): SegmentNodeInput | null {
  if (!isComplete(condition) || !condition.subject || !condition.operator) return null;
  const shape = operandShape(condition.operator);
  return negate(
    {
      condition: {
        ...subjectInput(condition.subject),
        operator: condition.operator,
        ...(shape === "single" ? { value: condition.value.trim() } : {}),
        ...(shape === "list"
          ? { values: condition.values.map((v) => v.trim()).filter((v) => v !== "") }
          : {}),
        ...(shape === "range" ? { from: condition.from.trim(), to: condition.to.trim() } : {}),
      },
    },
    condition.negated,
  );
}

function nodeInput(node: TreeNode): SegmentNodeInput | null {
  if (node.kind === "condition") return conditionInput(node);
  const children = node.children.map(nodeInput).filter((c): c is SegmentNodeInput => c !== null);
  if (children.length === 0) return null;
  const group = node.combinator === "AND" ? { and: children } : { or: children };
  return negate(group, node.negated);
}

/**
 * The tree as the API's definition. Incomplete conditions and empty groups are left out (the
 * builder says so); null when nothing is left, which counts every contact.
 */
export function toDefinition(root: GroupNode): SegmentNodeInput | null {
  return nodeInput(root);
}

/** How many conditions the tree has, and how many are not complete yet. */
export function countConditions(node: TreeNode): { total: number; incomplete: number } {
  if (node.kind === "condition") return { total: 1, incomplete: isComplete(node) ? 0 : 1 };
  return node.children
    .map(countConditions)
    .reduce(
      (sum, c) => ({ total: sum.total + c.total, incomplete: sum.incomplete + c.incomplete }),
      { total: 0, incomplete: 0 },
    );
}

/**
 * Saved definitions come back as the server stores them, with enum values spelt as in Rust
 * (`FirstName`, `NotEquals`, `AddressLine1`); the API's inputs spell them `FIRST_NAME`.
 */
export function screamingCase(value: string): string {
  if (/^[A-Z0-9_]+$/.test(value)) return value;
  return value
    .replace(/([a-z])([A-Z0-9])/g, "$1_$2")
    .replace(/([0-9])([A-Z])/g, "$1_$2")
    .toUpperCase();
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function fromJson(json: unknown, negated = false): TreeNode | null {
  if (!isObject(json)) return null;
  if (Array.isArray(json.and) || Array.isArray(json.or)) {
    const list = (json.and ?? json.or) as unknown[];
    return {
      kind: "group",
      id: newId(),
      negated,
      combinator: Array.isArray(json.and) ? "AND" : "OR",
      children: list.map((c) => fromJson(c)).filter((c): c is TreeNode => c !== null),
    };
  }
  if (json.not !== undefined) {
    const inner = fromJson(json.not, !negated);
    return inner;
  }
  if (isObject(json.condition)) {
    const c = json.condition;
    const subject = c.field
      ? `field:${screamingCase(str(c.field))}`
      : c.computed
        ? `computed:${screamingCase(str(c.computed))}`
        : c.customFieldKey
          ? `custom:${str(c.customFieldKey)}`
          : c.consentChannel
            ? `consent:${screamingCase(str(c.consentChannel))}`
            : null;
    return {
      kind: "condition",
      id: newId(),
      negated,
      subject,
      operator: c.operator ? (screamingCase(str(c.operator)) as SegmentOperator) : null,
      value: str(c.value),
      values: Array.isArray(c.values) ? c.values.map(str) : [],
      from: str(c.from),
      to: str(c.to),
    };
  }
  return null;
}

/** A saved definition as a tree for the builder; the root is always a group. */
export function fromDefinition(definition: unknown): GroupNode {
  const node = fromJson(definition);
  if (!node) return emptyGroup();
  if (node.kind === "group") return node;
  return { ...emptyGroup(false), children: [node] };
}

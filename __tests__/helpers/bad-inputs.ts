import { AnyInputs, Input, ValueKind } from "../../src/inputs/input";
import { DeclaredVariable, VariableType } from "../../src/module/module-variable";
import { Rule, rules } from "../../src/rules";
import { RULE_CASES } from "./rule-cases";

/** The good and bad values of a rule, from the shared rule cases. */
export function casesOf(rule: Rule): { good: unknown[]; bad: unknown[] } {
  const entry = Object.entries(RULE_CASES).find(([name]) => rules[name as keyof typeof rules] === rule);
  if (!entry) throw new Error(`No cases for rule ${rule.id}`);
  return entry[1];
}

/** Values of the wrong kind, for every input. */
const WRONG_KIND: Record<ValueKind | "group", unknown[]> = {
  boolean: ["maybe", 1],
  number: ["many", [1]],
  string: [["a", "list"], 5],
  "string-list": ["not-a-list", [5]],
  "string-map": ["not-a-map", ["a"]],
  group: ["not-an-object", ["a"]],
};

/** Values that are not a list of objects. */
const WRONG_LIST = ["not-a-list", ["a"], { not: "a list" }];

const hasKind = (value: unknown, kind: "string" | "number" | "string-map") =>
  kind === "string-map" ? typeof value === "object" && value !== null && !Array.isArray(value) : typeof value === kind;

/**
 * The bad values of one input: its rule's bad values that have the input's kind (a list's each in
 * a one-element list), then values of the wrong kind; for a group, a key no input has too.
 */
export function badValuesFor(input: Input, delegated = false): unknown[] {
  // A delegated group's keys are checked, and named, by the construct it is given to.
  if (input.kind === "group" && input.list) return WRONG_LIST;
  if (input.kind === "group") return [...WRONG_KIND.group, ...(delegated ? [] : [{ notAnInput: true }])];
  const rule = input.rule;
  const fromRule = !rule
    ? []
    : input.kind === "string-list"
      ? casesOf(rule)
          .bad.filter((v) => typeof v === "string")
          .map((v) => [v])
      : casesOf(rule).bad.filter((v) => input.kind !== "boolean" && hasKind(v, input.kind as "string" | "number" | "string-map"));
  return [...fromRule, ...WRONG_KIND[input.kind]];
}

/** One bad value at one input path. */
export interface BadInput {
  readonly path: string;
  readonly value: unknown;
  readonly input: Input;
}

/**
 * Every input of a descriptor tree with each of its bad values: the leaves, and the groups
 * themselves (a list's inputs in its first element, `accounts[0].id`). Delegated groups (checked
 * by another construct) are tried as groups only.
 */
export function badInputs(inputs: AnyInputs, delegated: readonly string[] = [], at = ""): BadInput[] {
  return Object.entries(inputs).flatMap(([key, input]) => {
    const path = at ? `${at}.${key}` : key;
    const own = badValuesFor(input, delegated.includes(path)).map((value) => ({ path, value, input }));
    if (input.kind !== "group" || delegated.includes(path)) return own;
    return [...own, ...badInputs(input.inputs as AnyInputs, delegated, input.list ? `${path}[0]` : path)];
  });
}

/** `{ "a.b": v }` → `{ a: { b: v } }`; `{ "a[0].b": v }` → `{ a: [{ b: v }] }`. */
export function propsFor(path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  const inner = rest.length ? propsFor(rest.join("."), value) : value;
  return head.endsWith("[0]") ? { [head.slice(0, -3)]: [inner] } : { [head]: inner };
}

const WRONG_TYPE: Record<Exclude<VariableType, `list(object(${string}))`>, unknown[]> = {
  bool: ["maybe", ["true"]],
  string: [["a", "list"], { a: "map" }],
  number: ["many", ["1"]],
  "list(string)": ["not-a-list", { a: "map" }],
  "map(string)": ["not-a-map", ["a"]],
};

/**
 * At least two bad values for a module variable: its rule's bad values that have the variable's
 * type (each list case as a one-element list), then values of the wrong type.
 */
export function moduleBadValues(variable: DeclaredVariable): unknown[] {
  if (variable.fields !== undefined) return listOfObjectsBadValues(variable);
  const fromRule = variable.rule
    ? casesOf(variable.rule).bad.filter((v) => (variable.type === "map(string)" ? hasKind(v, "string-map") : typeof v === "string"))
    : [];
  const typed = variable.type === "list(string)" ? fromRule.map((v) => [v]) : fromRule;
  return [...typed, ...WRONG_TYPE[variable.type as keyof typeof WRONG_TYPE]];
}

/** A statement every validation of a list of statements accepts: each bad value below breaks one attribute of it. */
const GOOD_STATEMENT = {
  sid: "S1",
  effect: "Allow",
  actions: ["s3:GetObject"],
  resources: ["arn:aws:s3:::b"],
  conditions: [{ test: "StringEquals", variable: "aws:SourceVpc", values: ["vpc-1"] }],
};

/**
 * For a list of objects (the task role's statements): per attribute with a rule, a list of one
 * good statement but for that attribute, which holds the first bad string of its rule (a list
 * attribute as a one-element list); then values Terraform cannot convert to the type.
 */
function listOfObjectsBadValues(variable: DeclaredVariable): unknown[] {
  const broken = variable.fields!.map(({ path, input }) => {
    const bad = casesOf(input.rule!).bad.find((v) => typeof v === "string");
    const statement = JSON.parse(JSON.stringify(GOOD_STATEMENT));
    const [head, leaf] = path.split(".");
    const value = input.kind === "string-list" ? [bad] : bad;
    if (leaf === undefined) statement[head] = value;
    else statement[head][0][leaf] = value;
    return [statement];
  });
  return [...broken, "not-a-list", [{ actions: "s3:GetObject" }]];
}

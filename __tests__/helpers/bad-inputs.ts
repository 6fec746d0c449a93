import { ModuleVariable } from "../../src/module/module-variable";
import { Rule, rules } from "../../src/rules";
import { RULE_CASES } from "./rule-cases";

/** The good and bad values of a rule, from the shared rule cases. */
export function casesOf(rule: Rule): { good: unknown[]; bad: unknown[] } {
  const entry = Object.entries(RULE_CASES).find(([name]) => rules[name as keyof typeof rules] === rule);
  if (!entry) throw new Error(`No cases for rule ${rule.id}`);
  return entry[1];
}

/** The bad values of a rule, from the shared rule cases. */
export function badValuesOf(rule: Rule): unknown[] {
  return casesOf(rule).bad;
}

/** Values of the wrong kind, for inputs that have no rule of their own. */
const WRONG_KIND: Record<ModuleVariable["type"], unknown[]> = {
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
export function moduleBadValues(variable: ModuleVariable): unknown[] {
  const fromRule = variable.rule
    ? badValuesOf(variable.rule).filter((v) =>
        variable.type === "map(string)" ? typeof v === "object" && v !== null && !Array.isArray(v) : typeof v === "string",
      )
    : [];
  const typed = variable.type === "list(string)" ? fromRule.map((v) => [v]) : fromRule;
  return [...typed, ...WRONG_KIND[variable.type]];
}

import { IConstruct } from "constructs";
import { ValidationError } from "../private/errors";
import { isToken } from "../private/expr";
import { Rule } from "./rule";

/**
 * Checks a construct's literal inputs against their rules and throws the project's one error
 * shape. Values that are Terraform tokens are skipped: the module variable's `validation`
 * block, generated from the same rule, checks them at plan.
 */
export class InputChecker {
  private readonly owner: string;

  constructor(construct: IConstruct, typeName: string) {
    this.owner = `${typeName} '${construct.node.path}'`;
  }

  /** Checks one optional value. */
  value(prop: string, value: unknown, rule: Rule): void {
    if (value === undefined || isToken(value)) return;
    if (!rule.accepts(value)) throw new ValidationError(this.owner, prop, value, rule.requirement);
  }

  /** Checks every literal element of an optional list. */
  list(prop: string, values: readonly unknown[] | undefined, rule: Rule): void {
    if (values === undefined || isToken(values)) return;
    if (!Array.isArray(values)) throw new ValidationError(this.owner, prop, values, `a list: ${rule.requirement}`);
    values.forEach((value, index) => this.value(`${prop}[${index}]`, value, rule));
  }

  /** Checks an optional yes/no: a boolean, or a Terraform token. */
  flag(prop: string, value: unknown): void {
    if (value === undefined || typeof value === "boolean" || isToken(value)) return;
    throw new ValidationError(this.owner, prop, value, "true or false");
  }

  /** Checks an optional group of settings: an object (whose keys, when given, are among `keys`). */
  group(prop: string, value: unknown, keys?: readonly string[]): void {
    if (value === undefined) return;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new ValidationError(this.owner, prop, value, keys ? `an object with the keys ${keys.join(", ")}` : "an object of settings");
    }
    if (!keys) return;
    for (const [key, child] of Object.entries(value)) {
      if (!keys.includes(key))
        throw new ValidationError(this.owner, `${prop}.${key}`, child, `left out: the known keys are ${keys.join(", ")}`);
    }
  }

  /** Refuses `value` when `otherProp` is given, because the two contradict each other. */
  absentWith(prop: string, value: unknown, otherProp: string): void {
    if (value === undefined) return;
    throw new ValidationError(this.owner, prop, value, `left unset when '${otherProp}' is given`);
  }
}

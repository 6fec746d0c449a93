import { IConstruct } from "constructs";
import { Rule } from "../rules";
import { ValidationError } from "./errors";
import { isToken } from "./expr";

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

  /** Refuses `value` when `otherProp` is given, because the two contradict each other. */
  absentWith(prop: string, value: unknown, otherProp: string): void {
    if (value === undefined) return;
    throw new ValidationError(this.owner, prop, value, `left unset when '${otherProp}' is given`);
  }
}

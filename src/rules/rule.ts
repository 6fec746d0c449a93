import { Fn, IResolvable } from "cdktf";

/**
 * An input rule, defined once and enforced twice: by the constructs at synth time for literal
 * values, and by the `validation` block of the Terraform module variable at plan time for values
 * that are only known then. Both checks come from the same pattern or bounds below, so they
 * cannot disagree.
 */
export interface Rule<T = unknown> {
  /** Short identifier, used in docs and tests. */
  readonly id: string;
  /** Completes the sentence "… must be <requirement>". */
  readonly requirement: string;
  /** Whether a literal value satisfies the rule (the synth-time check). */
  accepts(value: T): boolean;
  /** A Terraform boolean expression that is true when the HCL expression `expr` satisfies the rule. */
  condition(expr: string): string;
}

/** Quotes a string as an HCL string literal, escaping what HCL would otherwise interpret. */
export function hclString(value: string): string {
  const escaped = value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\$\{/g, "$$$${").replace(/%\{/g, "%%{");
  return `"${escaped}"`;
}

/** A rule given by a pattern, which can also check a value that is a Terraform token. */
export interface PatternRule extends Rule<unknown> {
  /** A Terraform boolean expression (as a cdktf token) that is true when the token `value` satisfies the rule. */
  conditionOf(value: string): IResolvable;
}

/**
 * A string rule given by a regular expression in the syntax shared by JavaScript and RE2 (the
 * engine behind Terraform's `regex`): no look-around, no back-references, repetition counts up
 * to 1000. The pattern is anchored on both ends.
 */
export function patternRule(id: string, requirement: string, source: string): PatternRule {
  const anchored = `^(?:${source})$`;
  const regex = new RegExp(anchored);
  return {
    id,
    requirement,
    accepts: (value) => typeof value === "string" && regex.test(value),
    condition: (expr) => `can(regex(${hclString(anchored)}, ${expr}))`,
    conditionOf: (value) => {
      // cdktf quotes string arguments without escaping backslashes or quotes.
      if (/[\\"]/.test(anchored)) throw new Error(`Rule ${id}: its pattern cannot be passed through cdktf`);
      return Fn.can(Fn.regex(anchored, value)) as IResolvable;
    },
  };
}

/** A whole number between `min` and `max`, inclusive. */
export function integerRangeRule(id: string, requirement: string, min: number, max: number): Rule<unknown> {
  return {
    id,
    requirement,
    accepts: (value) => typeof value === "number" && Number.isInteger(value) && value >= min && value <= max,
    condition: (expr) => `${expr} >= ${min} && ${expr} <= ${max} && floor(${expr}) == ${expr}`,
  };
}

/** One of a fixed set of strings. */
export function oneOfRule(id: string, values: readonly string[]): Rule<unknown> {
  const quoted = values.map((v) => JSON.stringify(v));
  return {
    id,
    requirement: `one of ${quoted.join(", ")}`,
    accepts: (value) => typeof value === "string" && values.includes(value),
    condition: (expr) => `contains([${quoted.join(", ")}], ${expr})`,
  };
}

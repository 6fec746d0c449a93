import { hclString } from "../private/hcl";

export { hclString } from "../private/hcl";

/**
 * An input rule, defined once and enforced everywhere: by the constructs at synth for literal
 * values, and by Terraform at plan for values known only then (a module variable's `validation`,
 * a resource `precondition`). Both checks come from the same pattern or bounds, so they cannot
 * disagree.
 */
export interface Rule<T = unknown> {
  /** The stable code every message of this rule carries, e.g. `IN10`. */
  readonly code: string;
  /** Short identifier, used in docs and tests. */
  readonly id: string;
  /** Completes the sentence "… must be <requirement>". */
  readonly requirement: string;
  /** Whether a literal value satisfies the rule (the synth-time check). */
  accepts(value: T): boolean;
  /** A Terraform boolean expression that is true when the HCL expression `expr` satisfies the rule. */
  condition(expr: string): string;
  /** Whether the values are ARNs, which must also name the partition the stack is planned in. */
  readonly arn?: boolean;
  /** The rule as JSON Schema, for editors and the configuration file's validator. */
  readonly schema: Record<string, unknown>;
}

/** How long a string is, as IAM and AWS's other APIs count it: in Unicode code points. */
export function codePoints(value: string): number {
  return [...value].length;
}

/**
 * The same count in Terraform, whose `length()` counts grapheme clusters (an emoji with a
 * modifier is one): RE2's `(?s).` matches one code point, line breaks included.
 */
export function hclCodePoints(expr: string): string {
  return `length(regexall("(?s).", ${expr}))`;
}

/** Options of a {@link patternRule}. */
export interface PatternOptions {
  /**
   * A longest length, in code points, of the part of the value the pattern's one capture group
   * matches (a resource name inside an ARN), beyond what a repetition count can say: RE2, the
   * engine behind Terraform's `regex`, allows counts up to 1000 only.
   */
  readonly maxCaptureLength?: number;
  /** A longest length, in code points, of the whole value (for patterns of ASCII characters only). */
  readonly maxLength?: number;
}

/**
 * A string rule given by a regular expression in the syntax shared by JavaScript (with the `u`
 * flag: `\p{…}` classes, code points) and RE2 (the engine behind Terraform's `regex`): no
 * look-around, no back-references, repetition counts up to 1000. The pattern is anchored on both
 * ends.
 */
export function patternRule(code: string, id: string, requirement: string, source: string, options: PatternOptions = {}): Rule<unknown> {
  const anchored = `^(?:${source})$`;
  const regex = new RegExp(anchored, "u");
  const max = options.maxCaptureLength;
  const maxLength = options.maxLength;
  return {
    code,
    id,
    requirement,
    // A length as a second pattern: JSON Schema's maxLength would need Ajv's runtime in the
    // compiled validator (it counts code points), and these patterns match ASCII only.
    schema:
      maxLength === undefined
        ? { type: "string", pattern: anchored }
        : { type: "string", allOf: [{ pattern: anchored }, { pattern: `^[\\s\\S]{0,${maxLength}}$` }] },
    accepts: (value) => {
      if (typeof value !== "string" || (maxLength !== undefined && codePoints(value) > maxLength)) return false;
      const match = regex.exec(value);
      return match !== null && (max === undefined || codePoints(match[1] ?? "") <= max);
    },
    condition: (expr) => {
      const matches = `can(regex(${hclString(anchored)}, ${expr}))`;
      // The pattern matched ASCII only: Terraform's length() counts its characters.
      const whole = maxLength === undefined ? "" : ` && try(length(${expr}) <= ${maxLength}, false)`;
      if (max === undefined) return `${matches}${whole}`;
      // `try`: Terraform's && does not short-circuit, and regex() fails on a value that does not match.
      return `${matches}${whole} && try(${hclCodePoints(`regex(${hclString(anchored)}, ${expr})[0]`)} <= ${max}, false)`;
    },
  };
}

/** A whole number between `min` and `max`, inclusive. */
export function integerRangeRule(code: string, id: string, requirement: string, min: number, max: number): Rule<unknown> {
  return {
    code,
    id,
    requirement,
    schema: { type: "integer", minimum: min, maximum: max },
    accepts: (value) => typeof value === "number" && Number.isInteger(value) && value >= min && value <= max,
    condition: (expr) => `${expr} >= ${min} && ${expr} <= ${max} && floor(${expr}) == ${expr}`,
  };
}

/** One of a fixed set of strings. */
export function oneOfRule(code: string, id: string, values: readonly string[]): Rule<unknown> {
  const quoted = values.map((v) => JSON.stringify(v));
  return {
    code,
    id,
    requirement: `one of ${quoted.join(", ")}`,
    schema: { type: "string", enum: [...values] },
    accepts: (value) => typeof value === "string" && values.includes(value),
    condition: (expr) => `contains([${quoted.join(", ")}], ${expr})`,
  };
}

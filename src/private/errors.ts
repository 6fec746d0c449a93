/** One problem with one input: what the user gave, where, and the rule it breaks. */
export interface Finding {
  /** The rule's stable code, e.g. `IN10`. */
  readonly code: string;
  /** The dotted path of the input below its owner, e.g. `secrets.secretArns[0]`. */
  readonly path: string;
  readonly value: unknown;
  /** Completes the sentence "… must be <requirement>". */
  readonly requirement: string;
}

/**
 * A finding as one line, the same shape everywhere:
 * `[<code>] <Construct> '<id>': '<input>' is <value>; must be <rule>` (or a file in place of the construct).
 */
export function formatFinding(owner: string, finding: Finding): string {
  return `[${finding.code}] ${owner}: '${finding.path}' is ${describeValue(finding.value)}; must be ${finding.requirement}`;
}

/** Every finding of a configuration or a synth, reported at once, one line each. */
export class ValidationError extends Error {
  constructor(readonly findings: readonly string[]) {
    super(findings.join("\n"));
    this.name = "ValidationError";
  }
}

/** A value shown as the user wrote it, without quotes: a number JSON cannot hold, e.g. `1e309`. */
export class LiteralText {
  constructor(readonly text: string) {}
}

/** Renders a bad value so that its exact characters are visible, long ones with their length. */
function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value instanceof LiteralText) return value.text;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "function") return "a function";
  const text = JSON.stringify(value) ?? String(value);
  if (typeof value === "string" && value.length > 64) {
    const length = `(${[...value].length} characters)`;
    return value.length <= 200 ? `${text} ${length}` : `${JSON.stringify(value.slice(0, 100))}… ${length}`;
  }
  if (text.length > 200) return `${text.slice(0, 160)}… (${text.length} characters of JSON)`;
  return text;
}

/**
 * The one error type for input the user got wrong. Its message has one shape everywhere:
 * `<Construct> '<id>': '<prop>' is <value>; must be <rule>`.
 */
export class ValidationError extends Error {
  constructor(
    readonly owner: string,
    readonly prop: string,
    readonly value: unknown,
    readonly requirement: string,
  ) {
    super(`${owner}: '${prop}' is ${describeValue(value)}; must be ${requirement}`);
    this.name = "ValidationError";
  }
}

/** Renders a bad value so that its exact characters are visible, long ones with their length. */
function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  const text = JSON.stringify(value) ?? String(value);
  if (typeof value === "string" && value.length > 64) {
    return `${text} (${value.length} characters)`;
  }
  return text;
}

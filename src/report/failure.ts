import { IConstruct } from "constructs";
import { ValidationError } from "../private/errors";

/** How cdktf reports the validations of a synth: a header, then `[construct path] message` lines. */
const CDKTF_VALIDATION = /^Validation failed with the following errors:\n/;

/**
 * Prints why a synth failed, for people: every finding on a line of its own, once, and no
 * JavaScript stack trace for input the user got wrong. Returns the exit code.
 */
export function reportFailure(error: unknown, print: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): number {
  for (const line of failureLines(error)) print(line);
  return 1;
}

/** The lines of {@link reportFailure}. */
export function failureLines(error: unknown): string[] {
  if (error instanceof ValidationError) return [...error.findings];
  const message = error instanceof Error ? error.message : String(error);
  if (CDKTF_VALIDATION.test(message)) {
    const lines = message
      .replace(CDKTF_VALIDATION, "")
      .split("\n")
      .map((line) => line.trim().replace(/^\[[^\]]*\] (?=\[)/, ""))
      .filter(Boolean);
    return [...new Set(lines)];
  }
  return [error instanceof Error && error.stack ? error.stack : message];
}

/**
 * Runs every validation of every construct below `root` (the input checks and the policy checks
 * among them) and throws one {@link ValidationError} with all their findings. cdktf's own synth
 * stops at the first stack that fails; this reports the whole app at once, with the findings
 * `also` gives (those of the app as a whole).
 */
export function validateAll(root: IConstruct, also: readonly string[] = []): void {
  const findings = [...root.node.findAll().flatMap((construct) => construct.node.validate()), ...also];
  if (findings.length > 0) throw new ValidationError([...new Set(findings)]);
}

import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Testing } from "cdktf";
import { Construct } from "constructs";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ValidationError } from "../../src/private/errors";
import { validateAll } from "../../src/report/failure";
import { ReadableStack } from "../../src/stacks/readable-stack";

let outdir: string | undefined;

/**
 * cdktf's testing app with one output folder for the whole test file: `Testing.app()` makes a new
 * folder for every app, and the tests (which synthesize in memory) build hundreds of apps.
 */
export function testApp(): App {
  return Testing.app({ outdir: (outdir ??= mkdtempSync(join(tmpdir(), "cdktf.outdir."))) });
}

/** What a synthesized stack holds, with the helpers tests need to read it. */
export interface Synthesized {
  /** The stack's Terraform JSON as a string, for cdktf's jest matchers. */
  readonly json: string;
  /** The same, parsed. */
  readonly tf: any;
}

/**
 * Builds constructs in a fresh stack (with this project's readable addresses and an AWS provider)
 * and synthesizes it, running every validation (the policy checks among them) as App.synth does.
 */
export function synth(build: (scope: Construct) => void): Synthesized {
  const stack = new ReadableStack(testApp(), "test");
  new AwsProvider(stack, "aws");
  build(stack);
  const json = Testing.synth(stack, true);
  return { json, tf: JSON.parse(json) };
}

/**
 * The findings that validating these constructs reports (every input and policy check of every
 * construct, as the app runs them before synth), one line each.
 */
export function findingsOf(build: (scope: Construct) => void): string[] {
  const stack = new ReadableStack(testApp(), "test");
  new AwsProvider(stack, "aws");
  build(stack);
  try {
    validateAll(stack);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return [...error.findings];
    throw error;
  }
}

/** The same findings without their rule codes (`[IN4] `), for tests of the wording. */
export function messagesOf(build: (scope: Construct) => void): string[] {
  return findingsOf(build).map((finding) => finding.replace(/^\[[A-Z]+\d+\] /, ""));
}

/** Synthesizes a stack that the caller has built. */
export function synthStack(stack: ReadableStack): Synthesized {
  const json = Testing.synth(stack, true);
  return { json, tf: JSON.parse(json) };
}

/** The resources of one type, by their logical id, without cdktf's metadata. */
export function resources(tf: any, type: string): Record<string, any> {
  const found: Record<string, any> = tf.resource?.[type] ?? {};
  return Object.fromEntries(Object.entries(found).map(([id, { ["//"]: _, ...rest }]) => [id, rest]));
}

/** The one resource of a type with this logical id. */
export function resource(tf: any, type: string, id: string): any {
  const found = resources(tf, type)[id];
  if (found === undefined) {
    throw new Error(`no ${type}.${id}; there are: ${Object.keys(resources(tf, type)).join(", ") || "none"}`);
  }
  return found;
}

/** A policy rendered as JSON at synth (literal shapes render as JSON, not `jsonencode`). */
export function policy(json: string): any {
  return JSON.parse(json);
}

/** Catches the error a function throws, for exact-message assertions. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error, but none was thrown");
}

import type { ErrorObject } from "ajv";
import { dirname, isAbsolute, join } from "path";
import { SHAPE_CODES } from "./inputs/check";
import { INPUT_CODES } from "./inputs/codes";
import { AnyInputs, group, inputAt, InputsOf, str } from "./inputs/input";
import { jsonSchemaOf } from "./inputs/schema";
import { validateConfig } from "./data/config-validator.generated";
import { Finding, formatFinding, LiteralText, ValidationError } from "./private/errors";
import { readJsonFile } from "./private/json-file";
import { rules } from "./rules";
import { BATCH_SETUP_INPUTS, BatchSetupProps } from "./setups/batch-setup";
import { ECS_FARGATE_SETUP_INPUTS, EcsFargateSetupProps } from "./setups/ecs-fargate-setup";

/** The app's configuration file (`iam.config.json`): one section per stack, each the stack's setup props. */
export interface AppConfig {
  /**
   * Props of the `batch` stack: the Batch service role, the container-instance role and its
   * profile, the execution role of jobs on Fargate.
   *
   * @default - the roles as AWS documents them; the execution role named `batchTaskExecutionRole`
   */
  readonly batch?: BatchSetupProps;
  /**
   * Props of the `ecs-fargate` stack: the task execution role and its optional policies.
   *
   * @default - `ecsTaskExecutionRole` as AWS documents it
   */
  readonly ecsFargate?: EcsFargateSetupProps;
  /**
   * The import set the account audit wrote (`audit --imports <file>`), as a path relative to this
   * file, or an absolute one: each stack imports exactly the objects it lists, those the account already holds, with
   * Terraform `import` blocks. Instead of the roles' `adopt`, which imports what cannot be created
   * twice without knowing what exists.
   *
   * @default - nothing is imported but what `adopt` imports
   */
  readonly importSet?: string;
}

/** The configuration as the app uses it: every stack's section, empty when the file has none. */
export type LoadedConfig = Required<Pick<AppConfig, "batch" | "ecsFargate">> & Pick<AppConfig, "importSet">;

/** How the configuration file is checked: as the stacks' setups check their props. */
export const APP_CONFIG_INPUTS: InputsOf<AppConfig> = {
  batch: group(BATCH_SETUP_INPUTS),
  ecsFargate: group(ECS_FARGATE_SETUP_INPUTS),
  importSet: str(rules.importSetFile),
};

/** The key by which a configuration file names its schema, for editors. */
const SCHEMA_KEY = "$schema";

/**
 * The JSON Schema of the configuration file, generated from the same descriptors the constructs
 * check their props by (`iam.config.schema.json` is this, with the props' documentation).
 */
export function configSchema(docs?: Parameters<typeof jsonSchemaOf>[1]): Record<string, unknown> {
  const schema = jsonSchemaOf(APP_CONFIG_INPUTS as AnyInputs, docs);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "iam.config.json",
    description: "The configuration of the batch and ecs-fargate stacks: each section is the props of the stack's setup construct.",
    ...schema,
    properties: {
      [SCHEMA_KEY]: { type: "string", description: "The schema of this file, for editors." },
      ...(schema.properties as object),
    },
  };
}

/**
 * Reads and checks the configuration file; a missing section means the stack's defaults. A file
 * that is not JSON text is one line with its line and column (see `readJsonFile`).
 */
export function loadConfig(file: string): LoadedConfig {
  const { value, duplicateKeys, overflows } = readJsonFile(file, INPUT_CODES.syntax.code);
  const findings: Finding[] = [
    ...duplicateKeys.map((segments) => ({
      code: INPUT_CODES.duplicateKey.code,
      path: renderPath(segments),
      value: segments[segments.length - 1],
      requirement: "given once: JSON keeps only the last of two values",
    })),
    ...overflows.map(({ path, text }) => ({
      code: SHAPE_CODES.kind,
      path: renderPath(path),
      value: new LiteralText(text),
      requirement: "a number JSON can hold: this one is beyond ±1.8e308 and would be read as infinity",
    })),
  ];
  return parseConfig(value, file, findings);
}

/** The import set's file as `importSet` names it: an absolute path as it is, a relative one relative to the configuration file. */
export function importSetFile(configFile: string, importSet: string): string {
  return isAbsolute(importSet) ? importSet : join(dirname(configFile), importSet);
}

/**
 * Checks an already parsed configuration against the schema, reporting every problem at once;
 * `source` names it in messages.
 */
export function parseConfig(value: unknown, source: string, earlier: Finding[] = []): LoadedConfig {
  // The schema's validator, compiled ahead of time by `npm run generate`.
  const valid = validateConfig(value);
  // An input the file's reading already reported (a number JSON cannot hold) is reported once.
  const reported = new Set(earlier.map((f) => f.path));
  const found = valid ? adoptedBesideImportSet(value as AppConfig) : findingsOf(validateConfig.errors ?? [], value);
  const findings = [...earlier, ...found.filter((f) => !reported.has(f.path))];
  if (findings.length > 0) throw new ValidationError(findings.map((f) => formatFinding(source, f)));
  const config = value as AppConfig;
  return { batch: config.batch ?? {}, ecsFargate: config.ecsFargate ?? {}, importSet: config.importSet };
}

/** Roles with `adopt: true` beside an import set, which says itself what to adopt. */
function adoptedBesideImportSet(config: AppConfig): Finding[] {
  if (config.importSet === undefined) return [];
  const found: Finding[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "adopt" && child === true) {
        found.push({
          code: SHAPE_CODES.conflict,
          path: renderPath([...path, key]),
          value: true,
          requirement: "false or unset when 'importSet' is given: the audit's import set says what to adopt",
        });
      } else visit(child, [...path, key]);
    }
  };
  visit(config, []);
  return found;
}

/** The schema's errors as findings, one per input, in the words and codes of the constructs' checks. */
function findingsOf(errors: ErrorObject[], root: unknown): Finding[] {
  const byPath = new Map<string, Finding>();
  for (const error of errors) {
    const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
    if (error.keyword === "additionalProperties") segments.push(String(error.params.additionalProperty));
    // A tag's key or value is a finding on the tags, as the constructs report it.
    const map = segments.findIndex(
      (_, i) => inputAt(APP_CONFIG_INPUTS as AnyInputs, keyPath(segments.slice(0, i + 1)))?.kind === "string-map",
    );
    if (map >= 0) segments.splice(map + 1);
    const path = renderPath(segments);
    if (byPath.has(path) && error.keyword !== "additionalProperties") continue;
    byPath.set(path, findingOf(error, segments, valueAt(root, segments)));
  }
  return [...byPath.values()];
}

function findingOf(error: ErrorObject, segments: string[], value: unknown): Finding {
  const path = renderPath(segments) || "(top level)";
  if (error.keyword === "additionalProperties") {
    const parent = segments.slice(0, -1);
    const known = parent.length === 0 ? [SCHEMA_KEY, ...Object.keys(APP_CONFIG_INPUTS)] : knownKeys(keyPath(parent));
    return { code: SHAPE_CODES.unknownKey, path, value, requirement: `left out: the known keys here are ${known.join(", ")}` };
  }
  const input = inputAt(APP_CONFIG_INPUTS as AnyInputs, keyPath(segments));
  if (input === undefined || input.kind === "group") {
    const keys = segments.length === 0 ? [SCHEMA_KEY, ...Object.keys(APP_CONFIG_INPUTS)] : knownKeys(keyPath(segments));
    return { code: SHAPE_CODES.kind, path, value, requirement: `an object with the keys ${keys.join(", ")}` };
  }
  const isElement = /^\d+$/.test(segments[segments.length - 1] ?? "");
  const rule = input.rule;
  if (error.keyword === "type" && !isElement) {
    const kind = {
      boolean: "true or false",
      number: "a number",
      string: "a string",
      "string-list": "a list of strings",
      "string-map": "a map of strings",
    }[input.kind];
    return { code: SHAPE_CODES.kind, path, value, requirement: rule ? `${kind}: ${rule.requirement}` : kind };
  }
  return { code: rule?.code ?? SHAPE_CODES.kind, path, value, requirement: rule?.requirement ?? "a string" };
}

/** The dotted path of the descriptors (list indexes dropped): `ecsFargate.executionRole.secrets.secretArns`. */
function keyPath(segments: string[]): string {
  return segments.filter((s) => !/^\d+$/.test(s)).join(".");
}

/** `ecsFargate.executionRole.secrets.secretArns[0]`. */
function renderPath(segments: readonly string[]): string {
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s), "");
}

function knownKeys(path: string): string[] {
  const input = inputAt(APP_CONFIG_INPUTS as AnyInputs, path);
  return input?.kind === "group" ? Object.keys(input.inputs) : [];
}

function valueAt(root: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>(
    (value, key) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined),
    root,
  );
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

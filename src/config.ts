import type { ErrorObject } from "ajv";
import { dirname, isAbsolute, join } from "path";
import { SHAPE_CODES } from "./inputs/check";
import { INPUT_CODES } from "./inputs/codes";
import { AnyInputs, flag, group, groupList, inputAt, InputsOf, required, str } from "./inputs/input";
import { jsonSchemaOf, withDefinitions } from "./inputs/schema";
import { validateConfig } from "./data/config-validator.generated";
import { Finding, formatFinding, LiteralText, ValidationError } from "./private/errors";
import { readJsonFile } from "./private/json-file";
import { rules } from "./rules";
import { BATCH_SETUP_INPUTS, BatchSetupProps } from "./setups/batch-setup";
import { ECS_FARGATE_SETUP_INPUTS, EcsFargateSetupProps } from "./setups/ecs-fargate-setup";
import type { StackDeploymentOptions } from "./stacks/deployment";

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
  /**
   * Where Terraform keeps each stack's state.
   *
   * @default - the local backend: the file `terraform.<stack>.tfstate` next to `cdktf.json`
   */
  readonly backend?: BackendConfig;
  /**
   * The accounts to deploy into: one `batch` and one `ecs-fargate` stack per account
   * (`batch-111111111111`, `ecs-fargate-111111111111`), each with a provider that assumes the
   * account's role. Not with the file's own `importSet`: each account names its own.
   *
   * @default - the two stacks `batch` and `ecs-fargate`, in the account of the credentials in the environment
   */
  readonly accounts?: AccountConfig[];
}

/** Where the stacks keep their state. */
export interface BackendConfig {
  /**
   * An S3 bucket: each stack's state under its own key, `<keyPrefix>/<stack>.tfstate`.
   *
   * @default - the local backend
   * @see https://developer.hashicorp.com/terraform/language/backend/s3
   */
  readonly s3?: S3BackendSettings;
}

/** The S3 backend's settings. */
export interface S3BackendSettings {
  /**
   * The bucket that holds the state; it must exist.
   *
   * @default - none: required
   */
  readonly bucket: string;
  /**
   * The folder of the state keys in the bucket: a stack's state is `<keyPrefix>/<stack>.tfstate`.
   *
   * @default - no folder: `<stack>.tfstate`
   */
  readonly keyPrefix?: string;
  /**
   * The bucket's Region.
   *
   * @default - none: required
   */
  readonly region: string;
  /**
   * Whether Terraform locks the state with a lock file beside it in the bucket (S3 conditional writes, Terraform 1.10 or later), so that a second apply waits or fails instead of overwriting.
   *
   * @default true
   */
  readonly useLockfile?: boolean;
  /**
   * Whether the state is written with server-side encryption.
   *
   * @default true
   */
  readonly encrypt?: boolean;
}

/** One account to deploy into. */
export interface AccountConfig {
  /**
   * The account's 12-digit id.
   *
   * @default - none: required
   */
  readonly id: string;
  /**
   * The role the provider assumes in the account: a name, or the ARN of a role of this account and partition.
   *
   * @default "OrganizationAccountAccessRole" (the role AWS Organizations creates in its member accounts)
   */
  readonly role?: string;
  /**
   * The account's partition.
   *
   * @default "aws"
   */
  readonly partition?: string;
  /**
   * The provider's Region in the account (IAM is global: it picks the STS endpoint).
   *
   * @default - the Region of the environment (`AWS_REGION`)
   */
  readonly region?: string;
  /**
   * The import set the organization audit wrote for this account (`audit --accounts --imports <folder>`
   * writes `<folder>/<id>.json`), as a path relative to this file, or an absolute one: the account's
   * stacks import exactly the objects it lists.
   *
   * @default - nothing is imported into this account but what `adopt` imports
   */
  readonly importSet?: string;
  /**
   * Settings of this account's `batch` stack, merged over the file's `batch` section (objects key by key, any other value replaced).
   *
   * @default - the file's `batch` section
   */
  readonly batch?: BatchSetupProps;
  /**
   * Settings of this account's `ecs-fargate` stack, merged over the file's `ecsFargate` section (objects key by key, any other value replaced).
   *
   * @default - the file's `ecsFargate` section
   */
  readonly ecsFargate?: EcsFargateSetupProps;
}

/** The configuration as the app uses it: every stack's section, empty when the file has none. */
export type LoadedConfig = Required<Pick<AppConfig, "batch" | "ecsFargate">> & Pick<AppConfig, "importSet" | "backend" | "accounts">;

/** The role AWS Organizations creates in every member account, assumed when an account names none. */
export const DEFAULT_ACCOUNT_ROLE = "OrganizationAccountAccessRole";

/** How the configuration file is checked: as the stacks' setups check their props. */
export const APP_CONFIG_INPUTS: InputsOf<AppConfig> = {
  batch: group(BATCH_SETUP_INPUTS),
  ecsFargate: group(ECS_FARGATE_SETUP_INPUTS),
  importSet: str(rules.importSetFile),
  backend: group<BackendConfig>({
    s3: group<S3BackendSettings>({
      bucket: required(str(rules.s3BucketName)),
      keyPrefix: str(rules.stateKeyPrefix),
      region: required(str(rules.region)),
      useLockfile: flag(),
      encrypt: flag(),
    }),
  }),
  accounts: groupList<AccountConfig>({
    id: required(str(rules.accountId)),
    role: str(rules.accountRole),
    partition: str(rules.partition),
    region: str(rules.region),
    importSet: str(rules.importSetFile),
    batch: group(BATCH_SETUP_INPUTS),
    ecsFargate: group(ECS_FARGATE_SETUP_INPUTS),
  }),
};

/** The key by which a configuration file names its schema, for editors. */
const SCHEMA_KEY = "$schema";

/**
 * The JSON Schema of the configuration file, generated from the same descriptors the constructs
 * check their props by (`iam.config.schema.json` is this, with the props' documentation).
 */
export function configSchema(docs?: Parameters<typeof jsonSchemaOf>[1]): Record<string, unknown> {
  const schema = jsonSchemaOf(APP_CONFIG_INPUTS as AnyInputs, docs);
  return withDefinitions({
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "iam.config.json",
    description: "The configuration of the batch and ecs-fargate stacks: each section is the props of the stack's setup construct.",
    ...schema,
    properties: {
      [SCHEMA_KEY]: { type: "string", description: "The schema of this file, for editors." },
      ...(schema.properties as object),
    },
  });
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
      value: new LiteralText("given twice"),
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
  const found = valid
    ? [...adoptedBesideImportSet(value as AppConfig), ...accountFindings(value as AppConfig)]
    : findingsOf(validateConfig.errors ?? [], value);
  const findings = [...earlier, ...found.filter((f) => !reported.has(f.path))];
  if (findings.length > 0) throw new ValidationError(findings.map((f) => formatFinding(source, f)));
  const config = value as AppConfig;
  return {
    batch: config.batch ?? {},
    ecsFargate: config.ecsFargate ?? {},
    importSet: config.importSet,
    backend: config.backend,
    accounts: config.accounts,
  };
}

/** The same account twice, a role ARN of another account or partition, accounts beside an import set. */
function accountFindings(config: AppConfig): Finding[] {
  const accounts = config.accounts ?? [];
  const found: Finding[] = [];
  if (config.accounts !== undefined && config.importSet !== undefined) {
    found.push({
      code: SHAPE_CODES.conflict,
      path: "importSet",
      value: config.importSet,
      requirement: "unset when 'accounts' is given: an import set describes one account, so each account names its own",
    });
  }
  const seen = new Map<string, number>();
  accounts.forEach((account, i) => {
    const first = seen.get(account.id);
    if (first !== undefined) {
      found.push({
        code: INPUT_CODES.accountTwice.code,
        path: `accounts[${i}].id`,
        value: account.id,
        requirement: `another account than accounts[${first}].id: each account is listed once`,
      });
    } else seen.set(account.id, i);
    const arn = /^arn:([^:]+):iam::([0-9]{12}):role\//.exec(account.role ?? "");
    const partition = account.partition ?? "aws";
    if (arn && (arn[1] !== partition || arn[2] !== account.id)) {
      found.push({
        code: INPUT_CODES.accountRole.code,
        path: `accounts[${i}].role`,
        value: account.role,
        requirement: `a role name, or a role ARN of the account itself (arn:${partition}:iam::${account.id}:role/…)`,
      });
    }
  });
  return found;
}

/** What one deployment of the two stacks needs beside their props: its provider and backend. */
export interface Deployment {
  /** Appended to the stacks' names: `-111111111111`, or nothing without `accounts`. */
  readonly suffix: string;
  readonly batch: BatchSetupProps;
  readonly ecsFargate: EcsFargateSetupProps;
  /** The role the provider assumes, its Region, the backend. */
  readonly options: StackDeploymentOptions;
  /** The account's id, with `accounts`. */
  readonly accountId?: string;
  /** The import set the stacks import, as the configuration names it (relative to the file). */
  readonly importSet?: string;
}

/** The deployments the configuration describes: one per account, or the one of the environment's credentials. */
export function deploymentsOf(config: LoadedConfig): Deployment[] {
  const backend = config.backend?.s3 !== undefined ? { s3Backend: config.backend.s3 } : {};
  if (config.accounts === undefined) {
    return [{ suffix: "", batch: config.batch, ecsFargate: config.ecsFargate, options: backend, importSet: config.importSet }];
  }
  return config.accounts.map((account) => {
    const role = account.role ?? DEFAULT_ACCOUNT_ROLE;
    return {
      suffix: `-${account.id}`,
      accountId: account.id,
      importSet: account.importSet,
      batch: merged(config.batch, account.batch) as BatchSetupProps,
      ecsFargate: merged(config.ecsFargate, account.ecsFargate) as EcsFargateSetupProps,
      options: {
        ...backend,
        roleArn: role.startsWith("arn:") ? role : `arn:${account.partition ?? "aws"}:iam::${account.id}:role/${role}`,
        ...(account.region !== undefined ? { region: account.region } : {}),
      },
    };
  });
}

/** `over` merged onto `base`: objects key by key, any other value replaced. */
function merged(base: unknown, over: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) result[key] = merged(base[key], value);
  return result;
}

/**
 * Roles with `adopt: true` beside an import set, which says itself what to adopt: anywhere in the
 * file beside its `importSet`; in the sections an account with an `importSet` of its own deploys.
 */
function adoptedBesideImportSet(config: AppConfig): Finding[] {
  const found: Finding[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "adopt" && child === true) {
        const at = renderPath([...path, key]);
        if (found.some((f) => f.path === at)) continue;
        found.push({
          code: SHAPE_CODES.conflict,
          path: at,
          value: true,
          requirement: "false or unset when 'importSet' is given: the audit's import set says what to adopt",
        });
      } else visit(child, [...path, key]);
    }
  };
  if (config.importSet !== undefined) visit(config, []);
  (config.accounts ?? []).forEach((account, i) => {
    if (account.importSet === undefined) return;
    visit({ batch: config.batch, ecsFargate: config.ecsFargate }, []);
    visit({ batch: account.batch, ecsFargate: account.ecsFargate }, ["accounts", String(i)]);
  });
  return found;
}

/** The schema's errors as findings, one per input, in the words and codes of the constructs' checks. */
function findingsOf(errors: ErrorObject[], root: unknown): Finding[] {
  const byPath = new Map<string, Finding>();
  for (const error of errors) {
    const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
    if (error.keyword === "additionalProperties") segments.push(String(error.params.additionalProperty));
    if (error.keyword === "required") segments.push(String(error.params.missingProperty));
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
  if (error.keyword === "required" && input !== undefined && input.kind !== "group") {
    return { code: INPUT_CODES.missing.code, path, value, requirement: `given: ${input.rule?.requirement ?? "a value"}` };
  }
  if (input?.kind === "group" && input.list && error.keyword === "type") {
    return { code: SHAPE_CODES.kind, path, value, requirement: `a list of objects with the keys ${Object.keys(input.inputs).join(", ")}` };
  }
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

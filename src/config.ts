import { readFileSync } from "fs";
import { ValidationError } from "./private/errors";
import { BatchSetupProps } from "./setups/batch-setup";
import { EcsFargateSetupProps } from "./setups/ecs-fargate-setup";

/** The app's configuration file (`iam.config.json`): one section per stack, each the stack's setup props. */
export interface AppConfig {
  /** Props of the `batch` stack. */
  readonly batch: BatchSetupProps;
  /** Props of the `ecs-fargate` stack. */
  readonly ecsFargate: EcsFargateSetupProps;
}

// The shape of the file. Values are checked by the constructs' rules; this only refuses unknown
// keys (a typo must not silently fall back to a default) and values of the wrong kind.
type Kind = "string" | "number" | "boolean" | "string list" | "string map" | Shape;
interface Shape {
  readonly [key: string]: Kind;
}

const ROLE: Shape = {
  create: "boolean",
  existingRoleArn: "string",
  roleName: "string",
  roleNamePrefix: "string",
  path: "string",
  description: "string",
  permissionsBoundary: "string",
  maxSessionDuration: "number",
  tags: "string map",
};
const SHARED: Shape = {
  path: "string",
  permissionsBoundary: "string",
  tags: "string map",
  sourceAccountId: "string",
};
const EXECUTION_ROLE: Shape = {
  ...ROLE,
  sourceAccountId: "string",
  policyStyle: "string",
  privateRegistry: { secretArns: "string list", kmsKeyArns: "string list" },
  secrets: { ssmParameterArns: "string list", secretArns: "string list", kmsKeyArns: "string list" },
  ecrPullRestriction: { vpcIds: "string list", vpcEndpointIds: "string list" },
};
const APP_CONFIG: Shape = {
  batch: {
    ...SHARED,
    serviceRole: { ...ROLE, sourceAccountId: "string" },
    instanceRole: { ...ROLE, instanceProfileName: "string" },
    executionRole: EXECUTION_ROLE,
  },
  ecsFargate: { ...SHARED, executionRole: EXECUTION_ROLE },
};

/** Reads and checks the configuration file; a missing section means the stack's defaults. */
export function loadConfig(file: string): AppConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${file}: cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: is not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(parsed, file);
}

/** Checks an already parsed configuration; `source` names it in errors. */
export function parseConfig(value: unknown, source: string): AppConfig {
  checkShape(value, APP_CONFIG, "", source);
  const config = value as Partial<AppConfig>;
  return { batch: config.batch ?? {}, ecsFargate: config.ecsFargate ?? {} };
}

function checkShape(value: unknown, shape: Shape, at: string, source: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ValidationError(source, at || "(top level)", value, `an object with the keys ${Object.keys(shape).join(", ")}`);
  }
  for (const [key, child] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    const kind = shape[key];
    if (kind === undefined) {
      throw new ValidationError(source, path, child, `left out: the known keys here are ${Object.keys(shape).join(", ")}`);
    }
    checkKind(child, kind, path, source);
  }
}

function checkKind(value: unknown, kind: Kind, at: string, source: string): void {
  if (typeof kind === "object") return checkShape(value, kind, at, source);
  const ok =
    kind === "string list"
      ? Array.isArray(value) && value.every((v) => typeof v === "string")
      : kind === "string map"
        ? typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string")
        : typeof value === kind;
  if (!ok) throw new ValidationError(source, at, value, `a ${kind}`);
}

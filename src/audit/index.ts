import { IAMClient } from "@aws-sdk/client-iam";
import { App, TerraformStack } from "cdktf";
import { loadConfig, parseConfig } from "../config";
import { validateAll } from "../report/failure";
import { BatchStack } from "../stacks/batch-stack";
import { EcsFargateStack } from "../stacks/ecs-fargate-stack";
import { AuditUnavailable, IamAccount, IamAccountOptions } from "./account";
import { auditRole, RoleAudit } from "./compare";
import { DesiredRole, desiredRoles } from "./desired";
import type { Deployment } from "../config";
import type { ImportSet } from "../stacks/import-set";

export { AUDIT_ACTIONS, AuditUnavailable, CONSISTENCY_WAIT_SECONDS, IamAccount } from "./account";
export { auditorPolicy } from "./auditor-policy";
export { auditRole, AuditStatus, RoleAudit } from "./compare";
export { DesiredRole, desiredRoles } from "./desired";

/** The stacks the app deploys, by the names `--stack` takes. */
export const AUDITED_STACKS = ["batch", "ecs-fargate"] as const;

export interface AuditOptions {
  /**
   * The configuration file, as `IAM_CONFIG` names it for synth.
   * @default - the default configuration, as an empty iam.config.json gives it
   */
  readonly config?: string;
  /** The stacks to audit; all by default. */
  readonly stacks?: readonly (typeof AUDITED_STACKS)[number][];
  /** The IAM client: the SDK's standard credential and endpoint chain by default. */
  readonly client?: IAMClient;
  /** Told before each role is read (a progress line on a terminal). */
  readonly progress?: (done: number, total: number, name: string) => void;
  /** How the account is read: how long it waits for IAM's eventual consistency. */
  readonly account?: IamAccountOptions;
}

/** The whole audit: one entry per role the stacks would manage. */
export interface AuditReport {
  /** Every role read, in the stacks' order: all of them, unless {@link error} says why the audit stopped. */
  readonly roles: readonly RoleAudit[];
  /** Why the audit stopped before it had read every role: one line naming the call and what it read. */
  readonly error?: string;
}

/**
 * Audits the account against the documents: builds the stacks from the configuration, as synth
 * does, and compares every role they would manage (with its policies and instance profile) with
 * what the account holds, reading it with read calls only.
 */
export async function auditAccount(options: AuditOptions): Promise<AuditReport> {
  const config = options.config === undefined ? parseConfig({}, "the default configuration") : loadConfig(options.config);
  const desired = desiredOf([{ suffix: "", batch: config.batch, ecsFargate: config.ecsFargate }], options.stacks)[0];
  return readRoles(desired, new IamAccount(options.client ?? defaultClient(), options.account), options.progress);
}

/**
 * What each deployment's stacks would manage, built as synth builds them (`batch<suffix>`,
 * `ecs-fargate<suffix>`), in one app checked at once: one list of roles per deployment.
 */
export function desiredOf(
  deployments: readonly Pick<Deployment, "suffix" | "batch" | "ecsFargate">[],
  only: readonly (typeof AUDITED_STACKS)[number][] = AUDITED_STACKS,
): DesiredRole[][] {
  // What the account holds is read, not imported: the audit builds the stacks without `adopt`, so they
  // declare no import blocks (whose validation would run `terraform version`).
  const app = new App({ skipValidation: true });
  const stacks = deployments.map((d) => [
    ...(only.includes("batch") ? [new BatchStack(app, `batch${d.suffix}`, withoutAdopt(d.batch))] : []),
    ...(only.includes("ecs-fargate") ? [new EcsFargateStack(app, `ecs-fargate${d.suffix}`, withoutAdopt(d.ecsFargate))] : []),
  ]);
  validateAll(app);
  return stacks.map((pair: TerraformStack[]) => pair.flatMap(desiredRoles));
}

/** Reads the roles one after the other; stops at the first that cannot be read, saying why. */
export async function readRoles(
  desired: readonly DesiredRole[],
  account: IamAccount,
  progress?: AuditOptions["progress"],
): Promise<AuditReport> {
  const roles: RoleAudit[] = [];
  for (const [i, role] of desired.entries()) {
    progress?.(i, desired.length, role.name ?? `${role.namePrefix}*`);
    try {
      roles.push(await auditRole(role, account));
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      return { roles, error: error.message };
    }
  }
  return { roles };
}

/** The props without any role's `adopt`. */
function withoutAdopt<T extends object>(props: T): T {
  return JSON.parse(JSON.stringify(props), (key, value: unknown) => (key === "adopt" ? undefined : value)) as T;
}

/**
 * How many times the audit tries a call that IAM throttles or fails with a server error, unless
 * `AWS_MAX_ATTEMPTS` says otherwise: as many as Terraform's AWS provider (its `max_retries`), with
 * the SDK's adaptive back-off (`AWS_RETRY_MODE`), which also slows the calls down while IAM
 * throttles them.
 */
export const DEFAULT_MAX_ATTEMPTS = 25;

/**
 * An IAM client on the SDK's standard chains (profiles, `AWS_REGION`, `AWS_ENDPOINT_URL_IAM`,
 * `AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`, …), retrying as Terraform would
 * ({@link DEFAULT_MAX_ATTEMPTS}). IAM is global: without any region configured, the commercial
 * partition's is used.
 */
export function defaultClient(env: NodeJS.ProcessEnv = process.env): IAMClient {
  return new IAMClient(clientSettings(undefined, env));
}

/**
 * The settings of the audit's clients: retries as {@link defaultClient}'s, and `region` if given,
 * else the SDK's region chain, else the commercial partition's.
 */
export function clientSettings(region?: string, env: NodeJS.ProcessEnv = process.env) {
  return {
    ...(env.AWS_MAX_ATTEMPTS === undefined && { maxAttempts: DEFAULT_MAX_ATTEMPTS }),
    ...(env.AWS_RETRY_MODE === undefined && { retryMode: "adaptive" }),
    region:
      region ??
      (async () => {
        try {
          // The SDK's own region chain, asked only when no Region is given.
          return await new IAMClient({}).config.region();
        } catch {
          return "us-east-1";
        }
      }),
  };
}

/** The exit code when the audit could not check the account, or a role of it. */
export const UNAVAILABLE_EXIT_CODE = 2;

/**
 * The exit code of an audit: 2 when it could not check a role (it stopped at an error, or a role
 * is named by a prefix), else 1 when a role is missing or drifts, else 0: every role is as the
 * stack would make it, and adopting plans no change.
 */
export function exitCodeOf(report: AuditReport): number {
  if (report.error !== undefined || report.roles.some((r) => r.status === "unchecked")) return UNAVAILABLE_EXIT_CODE;
  return report.roles.some((r) => r.status === "missing" || r.status === "drift") ? 1 : 0;
}

/** Whether an error means the account could not be checked. */
export const isUnavailable = (error: unknown): error is AuditUnavailable => error instanceof AuditUnavailable;

/** The audit as a table for people: role, status, and each finding (then each note) on a line of its own. */
export function auditTable(report: AuditReport): string {
  const total = `${report.roles.length} roles${report.error === undefined ? "" : " read before the audit stopped"}`;
  return [textTable(["ROLE", "STATUS", "FINDINGS"], roleRows(report.roles)), "", `${total}: ${statusCounts(report.roles)}`].join("\n");
}

/** The table's rows of the roles: `stack/name`, status, then each finding and note on a row of its own. */
export function roleRows(roles: readonly RoleAudit[], stackName = (stack: string) => stack): string[][] {
  return roles.flatMap((r) => {
    const lines = [...r.findings, ...r.notes.map((note) => `note: ${note}`)];
    return (lines.length ? lines : [""]).map((line, i) => [
      i === 0 ? `${stackName(r.stack)}/${r.name}` : "",
      i === 0 ? r.status : "",
      line,
    ]);
  });
}

/** How many roles have each status: `3 ok, 1 drift`, or `none`. */
export function statusCounts(roles: readonly RoleAudit[]): string {
  const counts = ["ok", "missing", "drift", "unchecked"]
    .map((status) => [status, roles.filter((r) => r.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  return counts.join(", ") || "none";
}

/** Rows as columns padded to their widest cell, the last column as it is. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.slice(0, -1).map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c < widths.length ? cell.padEnd(widths[c]) : cell))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/**
 * The audit as JSON for machines: `{ "roles": [ { "stack", "name", "status", "findings", "notes" } ] }`,
 * and `"error"` when the audit stopped before it had read every role.
 */
export function auditJson(report: AuditReport): string {
  const roles = rolesJson(report.roles);
  return JSON.stringify({ roles, ...(report.error !== undefined && { error: report.error }) }, null, 2);
}

/** The roles as the JSON reports give them. */
export const rolesJson = (roles: readonly RoleAudit[]) =>
  roles.map(({ stack, name, status, findings, notes }) => ({ stack, name, status, findings, notes }));

/**
 * The import set: by stack, every object the account holds of what the stack declares, by
 * Terraform address, with its import id. Given as `importSet` in the configuration, it makes each
 * stack import exactly that.
 */
export function importSetOf(report: AuditReport): ImportSet {
  const set: Record<string, Record<string, string>> = {};
  for (const role of report.roles) Object.assign((set[role.stack] ??= {}), role.imports);
  return set;
}

import { IAMClient } from "@aws-sdk/client-iam";
import { App, TerraformStack } from "cdktf";
import { loadConfig, parseConfig } from "../config";
import { validateAll } from "../report/failure";
import { BatchStack } from "../stacks/batch-stack";
import { EcsFargateStack } from "../stacks/ecs-fargate-stack";
import { AuditUnavailable, IamAccount } from "./account";
import { auditRole, RoleAudit } from "./compare";
import { desiredRoles } from "./desired";
import type { ImportSet } from "../stacks/import-set";

export { AUDIT_ACTIONS, AuditUnavailable, IamAccount } from "./account";
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
}

/** The whole audit: one entry per role the stacks would manage. */
export interface AuditReport {
  readonly roles: readonly RoleAudit[];
}

/**
 * Audits the account against the documents: builds the stacks from the configuration, as synth
 * does, and compares every role they would manage (with its policies and instance profile) with
 * what the account holds, reading it with read calls only.
 */
export async function auditAccount(options: AuditOptions): Promise<AuditReport> {
  const loaded = options.config === undefined ? parseConfig({}, "the default configuration") : loadConfig(options.config);
  // What the account holds is read, not imported: the audit builds the stacks without `adopt`, so it
  // declares no import blocks (whose validation would run `terraform version`).
  const config = { batch: withoutAdopt(loaded.batch), ecsFargate: withoutAdopt(loaded.ecsFargate) };
  const app = new App({ skipValidation: true });
  const wanted = options.stacks ?? AUDITED_STACKS;
  const stacks: TerraformStack[] = [];
  if (wanted.includes("batch")) stacks.push(new BatchStack(app, "batch", config.batch));
  if (wanted.includes("ecs-fargate")) stacks.push(new EcsFargateStack(app, "ecs-fargate", config.ecsFargate));
  validateAll(app);
  const desired = stacks.flatMap(desiredRoles);
  const account = new IamAccount(options.client ?? defaultClient());
  const roles: RoleAudit[] = [];
  for (const [i, role] of desired.entries()) {
    options.progress?.(i, desired.length, role.name ?? `${role.namePrefix}*`);
    roles.push(await auditRole(role, account));
  }
  return { roles };
}

/** The props without any role's `adopt`. */
function withoutAdopt<T extends object>(props: T): T {
  return JSON.parse(JSON.stringify(props), (key, value: unknown) => (key === "adopt" ? undefined : value)) as T;
}

/**
 * An IAM client on the SDK's standard chains (profiles, `AWS_REGION`, `AWS_ENDPOINT_URL_IAM`,
 * `AWS_MAX_ATTEMPTS`, …). IAM is global: without any region configured, the commercial
 * partition's is used.
 */
export function defaultClient(): IAMClient {
  const probe = new IAMClient({});
  return new IAMClient({
    region: async () => {
      try {
        return await probe.config.region();
      } catch {
        return "us-east-1";
      }
    },
  });
}

/** The exit code when the audit could not check the account, or a role of it. */
export const UNAVAILABLE_EXIT_CODE = 2;

/** The exit code of an audit: 0 when every role is as the documents want, 1 when one is missing or drifts, 2 when one could not be checked. */
export function exitCodeOf(report: AuditReport): number {
  if (report.roles.some((r) => r.status === "missing" || r.status === "drift")) return 1;
  return report.roles.some((r) => r.status === "unchecked") ? UNAVAILABLE_EXIT_CODE : 0;
}

/** Whether an error means the account could not be checked. */
export const isUnavailable = (error: unknown): error is AuditUnavailable => error instanceof AuditUnavailable;

/** The audit as a table for people: role, status, and each finding on a line of its own. */
export function auditTable(report: AuditReport): string {
  const rows = report.roles.flatMap((r) =>
    (r.findings.length ? r.findings : [""]).map((finding, i) => [i === 0 ? `${r.stack}/${r.name}` : "", i === 0 ? r.status : "", finding]),
  );
  const header = ["ROLE", "STATUS", "FINDINGS"];
  const widths = [0, 1].map((c) => Math.max(header[c].length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => `${cells[0].padEnd(widths[0])}  ${cells[1].padEnd(widths[1])}  ${cells[2]}`.trimEnd();
  const counts = ["ok", "missing", "drift", "unchecked"]
    .map((status) => [status, report.roles.filter((r) => r.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  return [line(header), ...rows.map(line), "", `${report.roles.length} roles: ${counts.join(", ")}`].join("\n");
}

/** The audit as JSON for machines: `{ "roles": [ { "stack", "name", "status", "findings" } ] }`. */
export function auditJson(report: AuditReport): string {
  const roles = report.roles.map(({ stack, name, status, findings }) => ({ stack, name, status, findings }));
  return JSON.stringify({ roles }, null, 2);
}

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

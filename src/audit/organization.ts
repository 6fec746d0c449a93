import { IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { AccountConfig, deploymentsOf, loadConfig, parseConfig } from "../config";
import { INPUT_CODES } from "../inputs/codes";
import { readJsonFile } from "../private/json-file";
import { AuditUnavailable, IamAccountOptions, IamAccount } from "./account";
import { RoleAudit } from "./compare";
import {
  AUDITED_STACKS,
  clientSettings,
  desiredOf,
  exitCodeOf,
  importSetOf,
  readRoles,
  roleRows,
  rolesJson,
  statusCounts,
  textTable,
  UNAVAILABLE_EXIT_CODE,
} from "./index";
import type { ImportSet } from "../stacks/import-set";

/** An account the organization audit reads: its id, and the role it assumes there. */
export interface AuditTarget {
  readonly id: string;
  /** The role's ARN. */
  readonly roleArn: string;
  /** The Region of the account's STS and IAM endpoints, when the account names one. */
  readonly region?: string;
}

export interface AccountsAuditOptions {
  /**
   * The configuration file, as `IAM_CONFIG` names it for synth: its sections, and its `accounts`
   * unless {@link accountsFile} names others.
   * @default - the default configuration (which lists no accounts: then `accountsFile` is needed)
   */
  readonly config?: string;
  /**
   * A JSON file listing the accounts, as the configuration's `accounts` does
   * (`[{ "id": "111111111111", "role": "OrganizationAccountAccessRole" }]`): read instead of it.
   * @default - the configuration's `accounts`
   */
  readonly accountsFile?: string;
  /** The stacks to audit; all by default. */
  readonly stacks?: readonly (typeof AUDITED_STACKS)[number][];
  /**
   * How many accounts are read at once.
   * @default 10 (as Terraform's -parallelism)
   */
  readonly parallelism?: number;
  /**
   * The IAM client of an account.
   * @default - the role assumed with STS from the SDK's standard credentials, retrying as {@link defaultClient}
   */
  readonly clientFor?: (target: AuditTarget) => Promise<IAMClient>;
  /** Told when an account has been read. */
  readonly progress?: (done: number, total: number, id: string) => void;
  /** How each account is read: how long it waits for IAM's eventual consistency. */
  readonly account?: IamAccountOptions;
}

/** One account's audit: every role read, unless {@link error} says why it stopped (the role could not be assumed, a read failed). */
export interface AccountAudit {
  readonly id: string;
  readonly roleArn: string;
  readonly roles: readonly RoleAudit[];
  /** Why the account could not be read whole: one line naming the account's role or the call. */
  readonly error?: string;
  /** The stacks of the account, as synth names them (`batch-111111111111`). */
  readonly stacks: readonly string[];
}

/** The organization audit: one entry per account, in the order of the list. */
export interface AccountsReport {
  readonly accounts: readonly AccountAudit[];
}

/** How many accounts the audit reads at once unless told. */
export const DEFAULT_PARALLELISM = 10;

/**
 * Audits every account of the configuration (or of a file of accounts): in each, assumes the
 * account's role and compares the roles its stacks would manage with what it holds, as the
 * one-account audit does. Accounts are read in parallel, at most `parallelism` at once; an account
 * that cannot be read is reported as such and does not stop the others.
 */
export async function auditAccounts(options: AccountsAuditOptions): Promise<AccountsReport> {
  const config = options.config === undefined ? parseConfig({}, "the default configuration") : loadConfig(options.config);
  const accounts = options.accountsFile !== undefined ? loadAccounts(options.accountsFile) : config.accounts;
  if (accounts === undefined || accounts.length === 0) {
    throw new AuditUnavailable(
      `no accounts to audit: ${options.config ?? "the configuration"} lists none under 'accounts'; list them there, or name a file of them after --accounts`,
    );
  }
  const deployments = deploymentsOf({ ...config, accounts });
  const desired = desiredOf(deployments, options.stacks);
  const clientFor = options.clientFor ?? assumingClient;
  let done = 0;
  const audits = await pool(deployments, options.parallelism ?? DEFAULT_PARALLELISM, async (deployment, i) => {
    const target: AuditTarget = {
      id: deployment.accountId!,
      roleArn: deployment.options.roleArn!,
      region: deployment.options.region ?? partitionRegion(deployment.options.roleArn!),
    };
    const stacks = [...new Set(desired[i].map((role) => role.stack))];
    let audit: AccountAudit;
    try {
      const client = await clientFor(target);
      const report = await readRoles(desired[i], new IamAccount(client, options.account));
      audit = { id: target.id, roleArn: target.roleArn, stacks, ...report };
    } catch (error) {
      if (!(error instanceof AuditUnavailable)) throw error;
      audit = { id: target.id, roleArn: target.roleArn, stacks, roles: [], error: error.message };
    }
    options.progress?.(done++, deployments.length, target.id);
    return audit;
  });
  return { accounts: audits };
}

/**
 * The Region of an account's STS and IAM endpoints when it names none: the SDK's chain (AWS_REGION,
 * the profile) for the commercial partition, else the first Region of the account's partition,
 * whose endpoints the SDK's own Region (of another partition) would not reach.
 */
function partitionRegion(roleArn: string): string | undefined {
  return PARTITION_REGIONS[roleArn.split(":")[1] ?? "aws"];
}

const PARTITION_REGIONS: Record<string, string> = {
  "aws-cn": "cn-north-1",
  "aws-us-gov": "us-gov-west-1",
  "aws-iso": "us-iso-east-1",
  "aws-iso-b": "us-isob-east-1",
  "aws-iso-e": "eu-isoe-west-1",
  "aws-iso-f": "us-isof-south-1",
  "aws-eusc": "eusc-de-east-1",
};

/** The accounts of a file: a JSON list shaped as the configuration's `accounts`, checked as they are. */
function loadAccounts(file: string): AccountConfig[] {
  const { value } = readJsonFile(file, INPUT_CODES.syntax.code);
  return parseConfig({ accounts: value }, file).accounts ?? [];
}

/** Runs `work` on every item, at most `limit` at once; the results in the items' order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** The session name the audit's assumed roles carry, which CloudTrail shows. */
export const AUDIT_SESSION_NAME = "cdktf-batch-ecs-iam-audit";

/**
 * An IAM client of the account: its role assumed with STS from the SDK's standard credentials,
 * both clients retrying throttled and failed calls as the one-account audit does.
 */
async function assumingClient(target: AuditTarget): Promise<IAMClient> {
  const settings = clientSettings(target.region);
  const sts = new STSClient(settings);
  let assumed;
  try {
    assumed = await sts.send(new AssumeRoleCommand({ RoleArn: target.roleArn, RoleSessionName: AUDIT_SESSION_NAME }));
  } catch (error) {
    const e = error as { name?: string; message?: string };
    const message = (e.message ?? String(error)).replace(/\s*\n\s*/g, " ").trim();
    throw new AuditUnavailable(`could not assume ${target.roleArn}: ${e.name ?? "Error"}: ${message}`);
  } finally {
    sts.destroy();
  }
  const credentials = assumed.Credentials;
  if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined) {
    throw new AuditUnavailable(`could not assume ${target.roleArn}: STS returned no credentials`);
  }
  return new IAMClient({
    ...settings,
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
    },
  });
}

/**
 * The exit code over every account: 2 when an account or a role of one could not be checked, else
 * 1 when a role is missing or drifts, else 0.
 */
export function accountsExitCode(report: AccountsReport): number {
  const codes = report.accounts.map((a) => exitCodeOf(a));
  return codes.includes(UNAVAILABLE_EXIT_CODE) ? UNAVAILABLE_EXIT_CODE : Math.max(0, ...codes);
}

/** The organization audit as a table: an account column, then the one-account table's; an account not read is one row naming why. */
export function accountsTable(report: AccountsReport): string {
  const rows = report.accounts.flatMap((a) => {
    const suffix = `-${a.id}`;
    const roles = roleRows(a.roles, (stack) => (stack.endsWith(suffix) ? stack.slice(0, -suffix.length) : stack));
    const stopped = a.error === undefined ? [] : [["", a.roles.length ? "stopped" : "not read", a.error]];
    return [...roles, ...stopped].map((row, i) => [i === 0 ? a.id : "", ...row]);
  });
  const roles = report.accounts.flatMap((a) => a.roles);
  const unread = report.accounts.filter((a) => a.error !== undefined).length;
  const total =
    `${report.accounts.length} accounts, ${roles.length} roles: ${statusCounts(roles)}` +
    (unread ? `; ${unread} account${unread === 1 ? "" : "s"} not read whole` : "");
  return [textTable(["ACCOUNT", "ROLE", "STATUS", "FINDINGS"], rows), "", total].join("\n");
}

/**
 * The organization audit as JSON: `{ "accounts": [ { "id", "role", "roles": [ … ], "error"? } ] }`,
 * each role as the one-account audit's JSON gives it.
 */
export function accountsJson(report: AccountsReport): string {
  const accounts = report.accounts.map((a) => ({
    id: a.id,
    role: a.roleArn,
    roles: rolesJson(a.roles),
    ...(a.error !== undefined && { error: a.error }),
  }));
  return JSON.stringify({ accounts }, null, 2);
}

/** Each account's import set, for the accounts read whole. */
export function importSetsOf(report: AccountsReport): { readonly id: string; readonly set: ImportSet }[] {
  return report.accounts.filter((a) => a.error === undefined).map((a) => ({ id: a.id, set: importSetOf(a) }));
}

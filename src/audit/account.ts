import {
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from "@aws-sdk/client-iam";
import { decodeDocument } from "./documents";

/**
 * Every IAM action the audit calls, all of them reads: the policy an auditor needs is exactly
 * these (the README lists them), and the reader below refuses to send anything else.
 */
export const AUDIT_ACTIONS = [
  "iam:GetRole",
  "iam:ListAttachedRolePolicies",
  "iam:ListRolePolicies",
  "iam:GetRolePolicy",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:GetInstanceProfile",
  // Only for a service-linked role, found under the path IAM keeps its service's at.
  "iam:ListRoles",
] as const;

/** A role as the account holds it. */
export interface ActualRole {
  /** Its name as IAM spells it: IAM finds a role by its name whatever the case. */
  readonly name: string;
  readonly arn: string;
  readonly path: string;
  readonly permissionsBoundary?: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly trust: unknown;
  /** Managed policies attached, AWS's and the account's. */
  readonly attached: readonly { readonly name: string; readonly arn: string }[];
  /** Inline policies by name, decoded. */
  readonly inline: Readonly<Record<string, unknown>>;
}

/** A customer managed policy as the account holds it: its default version's document. */
export interface ActualPolicy {
  readonly arn: string;
  readonly path: string;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly document: unknown;
}

/** An instance profile as the account holds it. */
export interface ActualProfile {
  readonly path: string;
  readonly roles: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** Why the audit could not check the account: the answer is "unknown", not "drift". */
export class AuditUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditUnavailable";
  }
}

/** One of the read calls the audit makes. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * How long an inline policy that a role lists may stay unreadable before the audit gives up: IAM
 * is eventually consistent, and the AWS provider waits as long (its IAM propagation timeout).
 */
export const CONSISTENCY_WAIT_SECONDS = 120;

/** Options of an {@link IamAccount}. */
export interface IamAccountOptions {
  /** @default CONSISTENCY_WAIT_SECONDS */
  readonly consistencyWaitSeconds?: number;
  /** How the account waits; a test may pass a clock of its own. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

const tagsOf = (tags: readonly { Key?: string; Value?: string }[] | undefined) =>
  Object.fromEntries((tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));

/**
 * Reads an account's IAM entities with read calls only, one entity at a time. Any error of a call
 * becomes an {@link AuditUnavailable} whose one-line message names the call and what it read:
 * an audit that cannot read something says so, and never reports on what it did not read.
 */
export class IamAccount {
  private readonly consistencyWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: IAMClient,
    options: IamAccountOptions = {},
  ) {
    this.consistencyWaitMs = (options.consistencyWaitSeconds ?? CONSISTENCY_WAIT_SECONDS) * 1000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The role named `name`, with its policies; undefined when there is none. */
  async role(name: string): Promise<ActualRole | undefined> {
    const subject = `role ${name}`;
    const found = await this.orMissing(() =>
      this.call("iam:GetRole", subject, () => this.client.send(new GetRoleCommand({ RoleName: name }))),
    );
    if (found?.Role === undefined) return undefined;
    const role = found.Role;
    const attached: { name: string; arn: string }[] = [];
    let marker: string | undefined;
    do {
      const page = await this.call("iam:ListAttachedRolePolicies", subject, () =>
        this.client.send(new ListAttachedRolePoliciesCommand({ RoleName: name, Marker: marker })),
      );
      attached.push(...(page.AttachedPolicies ?? []).map((p) => ({ name: p.PolicyName ?? "", arn: p.PolicyArn ?? "" })));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    const inline: Record<string, unknown> = {};
    for (const policyName of await this.inlinePolicyNames(name)) {
      const document = await this.inlinePolicy(name, policyName);
      if (document !== undefined) inline[policyName] = document;
    }
    return {
      name: role.RoleName ?? name,
      arn: role.Arn ?? "",
      path: role.Path ?? "/",
      permissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
      description: role.Description || undefined,
      maxSessionDuration: role.MaxSessionDuration ?? 3600,
      tags: tagsOf(role.Tags),
      trust: decodeDocument(role.AssumeRolePolicyDocument ?? "{}"),
      attached,
      inline,
    };
  }

  /**
   * The service-linked role of a service (`batch.amazonaws.com`), with its policies: the role IAM
   * keeps under `/aws-service-role/<service>/`, whatever its name; undefined when there is none.
   * A service that takes no custom suffix (AWS Batch) has at most one there.
   */
  async serviceLinkedRole(service: string): Promise<ActualRole | undefined> {
    const pathPrefix = `/aws-service-role/${service}/`;
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await this.call("iam:ListRoles", `the roles under ${pathPrefix}`, () =>
        this.client.send(new ListRolesCommand({ PathPrefix: pathPrefix, Marker: marker })),
      );
      names.push(...(page.Roles ?? []).map((r) => r.RoleName ?? ""));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    const name = names.sort()[0];
    return name === undefined ? undefined : this.role(name);
  }

  private async inlinePolicyNames(role: string): Promise<string[]> {
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await this.call("iam:ListRolePolicies", `role ${role}`, () =>
        this.client.send(new ListRolePoliciesCommand({ RoleName: role, Marker: marker })),
      );
      names.push(...(page.PolicyNames ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return names;
  }

  /**
   * An inline policy the role lists, decoded. IAM is eventually consistent: a policy just put may
   * be listed before it can be read. While the role still lists it, it is read again, waiting
   * longer each time, for up to {@link CONSISTENCY_WAIT_SECONDS}; undefined when the role no
   * longer lists it (it was deleted meanwhile).
   */
  private async inlinePolicy(role: string, policy: string): Promise<unknown> {
    const subject = `inline policy ${policy} of role ${role}`;
    const started = Date.now();
    for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
      const found = await this.orMissing(() =>
        this.call("iam:GetRolePolicy", subject, () => this.client.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policy }))),
      );
      if (found !== undefined) return decodeDocument(found.PolicyDocument ?? "{}");
      if (!(await this.inlinePolicyNames(role)).includes(policy)) return undefined;
      if (Date.now() - started >= this.consistencyWaitMs) {
        throw new AuditUnavailable(
          `iam:GetRolePolicy on ${subject}: the role lists it but IAM has not returned it for ${this.consistencyWaitMs / 1000} s (NoSuchEntity)`,
        );
      }
      await this.sleep(delay);
    }
  }

  /** A customer managed policy by ARN, with its default version's document; undefined when there is none. */
  async policy(arn: string): Promise<ActualPolicy | undefined> {
    const subject = `policy ${arn}`;
    const found = await this.orMissing(() =>
      this.call("iam:GetPolicy", subject, () => this.client.send(new GetPolicyCommand({ PolicyArn: arn }))),
    );
    if (found?.Policy === undefined) return undefined;
    const version = await this.call("iam:GetPolicyVersion", subject, () =>
      this.client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: found.Policy!.DefaultVersionId })),
    );
    return {
      arn,
      path: found.Policy.Path ?? "/",
      description: found.Policy.Description || undefined,
      tags: tagsOf(found.Policy.Tags),
      document: decodeDocument(version.PolicyVersion?.Document ?? "{}"),
    };
  }

  /** An instance profile by name; undefined when there is none. */
  async instanceProfile(name: string): Promise<ActualProfile | undefined> {
    const found = await this.orMissing(() =>
      this.call("iam:GetInstanceProfile", `instance profile ${name}`, () =>
        this.client.send(new GetInstanceProfileCommand({ InstanceProfileName: name })),
      ),
    );
    if (found?.InstanceProfile === undefined) return undefined;
    const profile = found.InstanceProfile;
    return { path: profile.Path ?? "/", roles: (profile.Roles ?? []).map((r) => r.RoleName ?? ""), tags: tagsOf(profile.Tags) };
  }

  /** Makes one of the read calls the audit declares; any error but "no such entity" becomes {@link AuditUnavailable}. */
  private async call<T>(action: AuditAction, subject: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (isNoSuchEntity(error)) throw error;
      throw unavailable(error, action, subject);
    }
  }

  private async orMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      if (isNoSuchEntity(error)) return undefined;
      throw error;
    }
  }
}

const isNoSuchEntity = (error: unknown) => /^NoSuchEntity/.test((error as Error | undefined)?.name ?? "");

/** Why a call failed, as one line that names the call and what it read, and what to do where the cause is known. */
function unavailable(error: unknown, action: string, subject: string): AuditUnavailable {
  const e = (error ?? {}) as { name?: string; message?: string; $metadata?: { attempts?: number; httpStatusCode?: number } };
  const name = e.name ?? "Error";
  const message = oneLine(e.message ?? String(error));
  if (name === "CredentialsProviderError" || (/credential/i.test(message) && /could not|missing|unable/i.test(message))) {
    return new AuditUnavailable(`no AWS credentials: ${message} (set AWS_PROFILE or AWS_ACCESS_KEY_ID, as for the AWS CLI)`);
  }
  if (/^AccessDenied/.test(name) || name === "UnauthorizedOperation") {
    return new AuditUnavailable(`access denied to ${action} on ${subject}: the audit needs ${AUDIT_ACTIONS.join(", ")} (${message})`);
  }
  const attempts = e.$metadata?.attempts;
  const after = attempts === undefined ? "" : ` after ${attempts} attempt${attempts === 1 ? "" : "s"}`;
  if (/^Throttl/.test(name) || name === "RequestLimitExceeded") {
    return new AuditUnavailable(`IAM throttled ${action} on ${subject}${after}: try again later, or raise AWS_MAX_ATTEMPTS`);
  }
  if (/Region is missing/i.test(message)) return new AuditUnavailable(`no AWS region: set AWS_REGION (${message})`);
  if (name === "TimeoutError" || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET/.test(message)) {
    return new AuditUnavailable(`IAM could not be reached for ${action} on ${subject}${after}: ${message}`);
  }
  const status = e.$metadata?.httpStatusCode === undefined ? "" : ` (HTTP ${e.$metadata.httpStatusCode})`;
  return new AuditUnavailable(`${action} on ${subject} failed${after}: ${name}${status}: ${message}`);
}

/** A message on one line: the SDK's may hold a response body. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();

import {
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
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
] as const;

/** A role as the account holds it. */
export interface ActualRole {
  readonly arn: string;
  readonly path: string;
  readonly permissionsBoundary?: string;
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
  readonly document: unknown;
}

/** An instance profile as the account holds it. */
export interface ActualProfile {
  readonly path: string;
  readonly roles: readonly string[];
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

/** Reads an account's IAM entities with read calls only, one entity at a time. */
export class IamAccount {
  constructor(private readonly client: IAMClient) {}

  /** The role named `name`, with its policies; undefined when there is none. */
  async role(name: string): Promise<ActualRole | undefined> {
    const found = await this.orMissing(() => this.call("iam:GetRole", () => this.client.send(new GetRoleCommand({ RoleName: name }))));
    if (found?.Role === undefined) return undefined;
    const role = found.Role;
    const attached: { name: string; arn: string }[] = [];
    let marker: string | undefined;
    do {
      const page = await this.call("iam:ListAttachedRolePolicies", () =>
        this.client.send(new ListAttachedRolePoliciesCommand({ RoleName: name, Marker: marker })),
      );
      attached.push(...(page.AttachedPolicies ?? []).map((p) => ({ name: p.PolicyName ?? "", arn: p.PolicyArn ?? "" })));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    const inline: Record<string, unknown> = {};
    marker = undefined;
    do {
      const page = await this.call("iam:ListRolePolicies", () =>
        this.client.send(new ListRolePoliciesCommand({ RoleName: name, Marker: marker })),
      );
      for (const policyName of page.PolicyNames ?? []) {
        const policy = await this.call("iam:GetRolePolicy", () =>
          this.client.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName })),
        );
        inline[policyName] = decodeDocument(policy.PolicyDocument ?? "{}");
      }
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return {
      arn: role.Arn ?? "",
      path: role.Path ?? "/",
      permissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
      trust: decodeDocument(role.AssumeRolePolicyDocument ?? "{}"),
      attached,
      inline,
    };
  }

  /** A customer managed policy by ARN, with its default version's document; undefined when there is none. */
  async policy(arn: string): Promise<ActualPolicy | undefined> {
    const found = await this.orMissing(() => this.call("iam:GetPolicy", () => this.client.send(new GetPolicyCommand({ PolicyArn: arn }))));
    if (found?.Policy === undefined) return undefined;
    const version = await this.call("iam:GetPolicyVersion", () =>
      this.client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: found.Policy!.DefaultVersionId })),
    );
    return { arn, path: found.Policy.Path ?? "/", document: decodeDocument(version.PolicyVersion?.Document ?? "{}") };
  }

  /** An instance profile by name; undefined when there is none. */
  async instanceProfile(name: string): Promise<ActualProfile | undefined> {
    const found = await this.orMissing(() =>
      this.call("iam:GetInstanceProfile", () => this.client.send(new GetInstanceProfileCommand({ InstanceProfileName: name }))),
    );
    if (found?.InstanceProfile === undefined) return undefined;
    return { path: found.InstanceProfile.Path ?? "/", roles: (found.InstanceProfile.Roles ?? []).map((r) => r.RoleName ?? "") };
  }

  /** Makes one of the read calls the audit declares; turns what makes checking impossible into {@link AuditUnavailable}. */
  private async call<T>(action: AuditAction, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw unavailable(error, action) ?? error;
    }
  }

  private async orMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      if (/^NoSuchEntity/.test((error as Error).name)) return undefined;
      throw error;
    }
  }
}

/** The errors that mean "cannot check", each as one line that says which. */
function unavailable(error: unknown, action: string): AuditUnavailable | undefined {
  const e = error as { name?: string; message?: string; $metadata?: { attempts?: number } };
  const name = e.name ?? "";
  if (name === "CredentialsProviderError" || (/credential/i.test(e.message ?? "") && /could not|missing|unable/i.test(e.message ?? ""))) {
    return new AuditUnavailable(`no AWS credentials: ${e.message} (set AWS_PROFILE or AWS_ACCESS_KEY_ID, as for the AWS CLI)`);
  }
  if (/^AccessDenied/.test(name) || name === "UnauthorizedOperation") {
    return new AuditUnavailable(`access denied to ${action}: the audit needs ${AUDIT_ACTIONS.join(", ")} (${e.message})`);
  }
  if (/^Throttl/.test(name) || name === "RequestLimitExceeded") {
    return new AuditUnavailable(`IAM throttled ${action} after ${e.$metadata?.attempts ?? "several"} attempts: try again later`);
  }
  if (/Region is missing/i.test(e.message ?? "")) return new AuditUnavailable(`no AWS region: set AWS_REGION (${e.message})`);
  if (name === "TimeoutError" || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(e.message ?? "")) {
    return new AuditUnavailable(`IAM could not be reached for ${action}: ${e.message}`);
  }
  return undefined;
}

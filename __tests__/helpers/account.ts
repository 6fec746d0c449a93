import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { execFile } from "child_process";
import { join } from "path";
import { tempDir } from "./terraform";

/** An IAM client on an account's environment (moto's endpoints and credentials). */
export function iamClient(environment: Record<string, string>): IAMClient {
  return new IAMClient({
    region: environment.AWS_REGION,
    endpoint: environment.AWS_ENDPOINT_URL_IAM,
    credentials: { accessKeyId: environment.AWS_ACCESS_KEY_ID, secretAccessKey: environment.AWS_SECRET_ACCESS_KEY },
  });
}

/**
 * An IAM client on another account of the organization: its role assumed with STS, as the
 * stacks' providers and the organization audit assume it (moto lets any role be assumed, and
 * serves the account the ARN names).
 */
export async function memberIamClient(environment: Record<string, string>, roleArn: string): Promise<IAMClient> {
  const credentials = { accessKeyId: environment.AWS_ACCESS_KEY_ID, secretAccessKey: environment.AWS_SECRET_ACCESS_KEY };
  const sts = new STSClient({ region: environment.AWS_REGION, endpoint: environment.AWS_ENDPOINT_URL_STS, credentials });
  const assumed = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "tests" }))).Credentials!;
  sts.destroy();
  return new IAMClient({
    region: environment.AWS_REGION,
    endpoint: environment.AWS_ENDPOINT_URL_IAM,
    credentials: { accessKeyId: assumed.AccessKeyId!, secretAccessKey: assumed.SecretAccessKey!, sessionToken: assumed.SessionToken },
  });
}

/** What an account holds of IAM that a deploy creates: roles, instance profiles and customer managed policies, by name. */
export async function accountContents(iam: IAMClient): Promise<{ roles: string[]; profiles: string[]; policies: string[] }> {
  const roles = (await iam.send(new ListRolesCommand({}))).Roles ?? [];
  const profiles = (await iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles ?? [];
  const policies = (await iam.send(new ListPoliciesCommand({ Scope: "Local" }))).Policies ?? [];
  return {
    roles: roles.map((r) => r.RoleName!).sort(),
    profiles: profiles.map((p) => p.InstanceProfileName!).sort(),
    policies: policies.map((p) => p.PolicyName!).sort(),
  };
}

/** A role as the account holds it: its trust principal services, attached policy ARNs and inline policy names. */
export async function roleOf(iam: IAMClient, name: string) {
  const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
  const trust = JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!));
  const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? [];
  const inline = (await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? [];
  return {
    path: role.Path,
    description: role.Description,
    tags: Object.fromEntries((role.Tags ?? []).map((t) => [t.Key, t.Value])),
    trustedBy: trust.Statement.flatMap((s: { Principal: { Service: string | string[] } }) => [s.Principal.Service].flat()).sort(),
    attached: attached.map((p) => p.PolicyArn!).sort(),
    inline: [...inline].sort(),
  };
}

/** A role as a console creates it: its trust, description, path, AWS managed policies and, for EC2, its instance profile. */
export interface ConsoleRole {
  readonly name: string;
  readonly trust: unknown;
  readonly path?: string;
  readonly description?: string;
  readonly maxSessionDuration?: number;
  readonly tags?: Record<string, string>;
  readonly managed?: readonly string[];
  readonly inline?: Readonly<Record<string, unknown>>;
  /** The instance profile of the role's name, holding it. */
  readonly profile?: boolean;
}

/** Creates roles in the account as the consoles (or a hand) would, with the SDK. */
export async function seedRoles(iam: IAMClient, roles: readonly ConsoleRole[]): Promise<void> {
  for (const role of roles) {
    await iam.send(
      new CreateRoleCommand({
        RoleName: role.name,
        Path: role.path,
        Description: role.description,
        MaxSessionDuration: role.maxSessionDuration,
        AssumeRolePolicyDocument: JSON.stringify(role.trust),
        Tags: role.tags && Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    for (const arn of role.managed ?? []) await iam.send(new AttachRolePolicyCommand({ RoleName: role.name, PolicyArn: arn }));
    for (const [policy, document] of Object.entries(role.inline ?? {})) {
      await iam.send(new PutRolePolicyCommand({ RoleName: role.name, PolicyName: policy, PolicyDocument: JSON.stringify(document) }));
    }
    if (role.profile) {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: role.name, Path: role.path }));
      await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: role.name, RoleName: role.name }));
    }
  }
}

/** A command's outcome: its exit code and output, whether it failed or not. */
export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command as a user's shell would and resolves with its outcome; never rejects. */
export function runCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) =>
    execFile(command, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/**
 * An environment as a user's shell would give a command, with nothing of ours: no profile, no
 * instance metadata, and the SDK's Node version warning silenced (it is the SDK's, not ours).
 */
export function userEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const dir = tempDir("user-env-");
  return {
    PATH: process.env.PATH,
    HOME: dir,
    TMPDIR: process.env.TMPDIR,
    AWS_CONFIG_FILE: join(dir, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    npm_config_update_notifier: "false",
    ...extra,
  };
}
